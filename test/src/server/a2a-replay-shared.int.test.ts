import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { A2aServeOptions } from "../../../src/server/index.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../../support/services.ts";
import { callerIdentity, startDesk, temporaryDirectory, tokenIssuer, type A2aHarness } from "./a2a-fixtures.ts";
import { stepsGraph } from "./replica-graphs.ts";
import { startReplica, type Replica } from "./replica-fixtures.ts";
import { startStepsModel, type StepsModel } from "./replica-processes.ts";

// Replicas behind one load balancer share one public URL, so a token for "the agent" is good on each of them:
// a token's id must be spent once for all of them, and across a restart, not once per process.
const publicUrl = "http://agents.example.test";

const sendBody = (question: string) => JSON.stringify({ jsonrpc: "2.0", id: 1, method: "SendMessage", params: { message: { messageId: `m-${question}`, role: "ROLE_USER", parts: [{ data: { question } }] } } });
const getTask = JSON.stringify({ jsonrpc: "2.0", id: 2, method: "GetTask", params: { id: "no-such-task" } });
const post = (url: string, body: string, token: string) => fetch(url, { method: "POST", headers: { "content-type": "application/json", "a2a-version": "1.0", authorization: `Bearer ${token}` }, body });
const reasonOf = async (response: Response) => ({ status: response.status, reason: ((await response.json()) as { error?: { data?: Array<{ reason?: string }> } }).error?.data?.[0]?.reason });

describe("A2A replay protection shared by every server on one storage", () => {
  it("a token spent on server A is refused on server B (same SQLite file) and after A restarts; nothing runs", async () => {
    const identity = await callerIdentity();
    const options: A2aServeOptions = { publicUrl, peers: [{ issuer: identity.issuer, keys: identity.keys.jwks().keys }] };
    const file = path.join(temporaryDirectory(), "state.db");
    const servers: A2aHarness[] = [];
    try {
      const a = await startDesk(file, options);
      servers.push(a);
      const b = await startDesk(file, options);
      servers.push(b);
      const token = await tokenIssuer(identity, `${publicUrl}/a2a/desk`)();
      expect((await post(`${a.url}/a2a/desk`, getTask, token)).status).toBe(200);
      const before = b.desk.runs();
      expect(await reasonOf(await post(`${b.url}/a2a/desk`, sendBody("replayed on B"), token))).toEqual({ status: 401, reason: "token_replayed" });
      expect(b.desk.runs()).toBe(before);
      expect(b.events.events.map((event) => event.kind)).toContain("a2a_token_replayed");
      await a.close();
      servers.shift();
      const restarted = await startDesk(file, options);
      servers.push(restarted);
      expect(await reasonOf(await post(`${restarted.url}/a2a/desk`, sendBody("replayed after restart"), token))).toEqual({ status: 401, reason: "token_replayed" });
      expect(restarted.desk.runs()).toBe(0);
      // A fresh token still runs on either: the shared claim refuses replays only.
      const fresh = await tokenIssuer(identity, `${publicUrl}/a2a/desk`)();
      expect((await post(`${b.url}/a2a/desk`, sendBody("fresh"), fresh)).status).toBe(200);
      expect(b.desk.runs()).toBe(before + 1);
    } finally {
      for (const server of servers) await server.close();
    }
  }, 60_000);
});

const postgres = await serviceAvailable("postgres");

describe.skipIf(!postgres)("A2A replay protection across Postgres replicas", () => {
  const schema = runScopedName("switchyard_a2a_replay");
  const replicas: Replica[] = [];
  let model: StepsModel | undefined;

  afterAll(async () => {
    await Promise.allSettled(replicas.map((replica) => replica.close()));
    model?.close();
    await dropPostgresSchema(schema);
  });

  it("a token spent on replica A is refused on replica B, concurrent presentations accept exactly one", async () => {
    const identity = await callerIdentity();
    const steps = await startStepsModel();
    model = steps;
    const a2a: A2aServeOptions = { publicUrl, peers: [{ issuer: identity.issuer, keys: identity.keys.jwks().keys }] };
    for (let index = 0; index < 3; index += 1) replicas.push(await startReplica({ url: postgresUrl, schema, graphs: (saver) => ({ steps: stepsGraph(saver, steps.url) }), a2a }));
    const issue = tokenIssuer(identity, `${publicUrl}/a2a/steps`);
    const [a, b, c] = replicas.map((replica) => `${replica.listening.url}/a2a/steps`);
    const token = await issue();
    expect((await post(a!, getTask, token)).status).toBe(200);
    expect(await reasonOf(await post(b!, getTask, token))).toEqual({ status: 401, reason: "token_replayed" });
    // One token presented to all three at once: the row is claimed by exactly one.
    const raced = await issue();
    const statuses = await Promise.all([a, b, c].map(async (url) => (await post(url!, getTask, raced)).status));
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 401)).toHaveLength(2);
  }, 90_000);
});

import { TaskState, type Message, type Task } from "@a2a-js/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteSaver } from "../../checkpoints/index.ts";
import { compileDelegatingSupport } from "../../graphs/delegating-support.ts";
import { AgentKeyRing, RemoteAgent, TrustedKeys } from "../../src/a2a/index.ts";
import { MemoryEventSink } from "../../src/guardian/index.ts";
import { createServer, type ListeningServer, type ServableGraph, type SwitchyardServer } from "../../src/server/index.ts";
import { callerIdentity, deskGraph } from "../src/server/a2a-fixtures.ts";

function asTask(result: Task | Message): Task {
  if (!("status" in result)) throw new Error("expected a task");
  return result;
}

const answerOf = (task: Task): unknown => {
  const value = task.artifacts[0]?.parts[0]?.content?.value;
  return typeof value === "object" && value !== null && "answer" in value ? value.answer : value;
};

describe("two switchyard servers over A2A: the front desk delegates billing to another instance", () => {
  // One clock for both servers and both clients, so a rotation can be followed past the JWKS refetch interval.
  const clock = { offset: 0 };
  const now = () => Date.now() + clock.offset;
  const billingEvents = new MemoryEventSink();
  let front: { server: SwitchyardServer; listening: ListeningServer };
  let billing: { server: SwitchyardServer; listening: ListeningServer };
  let frontKeys: AgentKeyRing;
  let user: Awaited<ReturnType<typeof callerIdentity>>;
  let remote: RemoteAgent | undefined;
  const saverFront = openSqliteSaver(":memory:");
  const saverBilling = openSqliteSaver(":memory:");

  beforeAll(async () => {
    user = await callerIdentity("urn:switchyard:customer-app");
    frontKeys = await AgentKeyRing.open({ now });
    const graph = compileDelegatingSupport(() => {
      if (remote === undefined) throw new Error("billing agent not wired yet");
      return remote;
    }, saverFront);
    const frontServer = createServer({ graphs: { front_desk: { graph: graph as unknown as ServableGraph } }, persistence: { checkpointer: saverFront }, now, a2a: { keys: frontKeys, peers: [{ issuer: user.issuer, keys: user.keys.jwks().keys }] } });
    front = { server: frontServer, listening: await frontServer.serve({ port: 0, host: "127.0.0.1" }) };
    const frontIssuer = `${front.listening.url}/a2a`;
    const billingServer = createServer({
      graphs: { billing: { graph: deskGraph(saverBilling).graph, description: "billing questions" } },
      persistence: { checkpointer: saverBilling },
      now,
      a2a: { events: billingEvents, peers: [{ issuer: frontIssuer, jwksUrl: `${frontIssuer}/jwks.json`, signsBodies: true }] },
    });
    billing = { server: billingServer, listening: await billingServer.serve({ port: 0, host: "127.0.0.1" }) };
    remote = new RemoteAgent({ url: `${billing.listening.url}/a2a/billing`, keys: new TrustedKeys({ jwksUrl: `${billing.listening.url}/a2a/jwks.json`, now }), identity: { issuer: frontIssuer, keys: frontKeys }, now, retries: 0 });
  });
  afterAll(async () => {
    for (const running of [front, billing]) {
      await running?.listening.close();
      await running?.server.close();
    }
  });

  const frontDesk = () => new RemoteAgent({ url: `${front.listening.url}/a2a/front_desk`, keys: new TrustedKeys({ jwksUrl: `${front.listening.url}/a2a/jwks.json`, now }), identity: user, now, retries: 0 });

  it("answers general questions locally and delegates billing ones with signed cards and signed bodies", async () => {
    const local = asTask(await frontDesk().send({ data: { question: "where is your office?" } }));
    expect(answerOf(local)).toMatch(/^front desk:/);
    const delegated = asTask(await frontDesk().send({ data: { question: "refund for my order please" } }));
    expect(delegated.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(answerOf(delegated)).toBe("echo: refund for my order please");
    expect(billingEvents.events.map((event) => event.kind)).toContain("a2a_peer_accepted");
  });

  it("the billing agent's question comes back as the front desk's INPUT_REQUIRED, and the answer goes through", async () => {
    const asked = asTask(await frontDesk().send({ data: { question: "which order should I refund?" } }));
    expect(asked.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    expect(JSON.stringify(asked.status?.message?.parts[0]?.content?.value)).toContain("which order do you mean?");
    const done = asTask(await frontDesk().send({ text: "ORD-7", taskId: asked.id, contextId: asked.contextId }));
    expect(done.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(answerOf(done)).toBe("looked up ORD-7");
  });

  it("keeps working across a key rotation of the calling agent (the callee refetches its JWKS)", async () => {
    await frontKeys.rotate();
    clock.offset += 11_000;
    const after = asTask(await frontDesk().send({ data: { question: "invoice copy please" } }));
    expect(answerOf(after)).toBe("echo: invoice copy please");
    expect(billingEvents.events.filter((event) => event.kind.startsWith("a2a_token") || event.kind === "a2a_body_signature")).toEqual([]);
  });

  it("a billing agent that does not trust the front desk yet: the task waits as AUTH_REQUIRED, and continues once it does", async () => {
    const frontIssuer = `${front.listening.url}/a2a`;
    const billingKeys = await AgentKeyRing.open({ now });
    const saver = openSqliteSaver(":memory:");
    const serveBilling = async (port: number, trusted: boolean) => {
      const server = createServer({ graphs: { billing: { graph: deskGraph(saver).graph } }, persistence: { checkpointer: saver }, now, a2a: { keys: billingKeys, peers: trusted ? [{ issuer: frontIssuer, jwksUrl: `${frontIssuer}/jwks.json` }] : [] } });
      return { server, listening: await server.serve({ port, host: "127.0.0.1" }) };
    };
    const trusting = remote;
    let strict = await serveBilling(0, false);
    const port = Number(new URL(strict.listening.url).port);
    remote = new RemoteAgent({ url: `${strict.listening.url}/a2a/billing`, keys: new TrustedKeys({ jwksUrl: `${strict.listening.url}/a2a/jwks.json`, now }), identity: { issuer: frontIssuer, keys: frontKeys }, now, retries: 0 });
    try {
      const waiting = asTask(await frontDesk().send({ data: { question: "refund ORD-9 please" } }));
      expect(waiting.status?.state).toBe(TaskState.TASK_STATE_AUTH_REQUIRED);
      expect(JSON.stringify(waiting.status?.message?.parts[0]?.content?.value)).toContain("token_issuer_unknown");
      // Asking again before the trust is fixed: still waiting, still nothing ran there.
      const still = asTask(await frontDesk().send({ text: "retry", taskId: waiting.id, contextId: waiting.contextId }));
      expect(still.status?.state).toBe(TaskState.TASK_STATE_AUTH_REQUIRED);
      // The operator adds the front desk to billing's peers and restarts it (same URL, same keys).
      await strict.listening.close();
      await strict.server.close();
      strict = await serveBilling(port, true);
      const done = asTask(await frontDesk().send({ text: "trust fixed", taskId: waiting.id, contextId: waiting.contextId }));
      expect(done.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
      expect(answerOf(done)).toBe("echo: refund ORD-9 please");
    } finally {
      remote = trusting;
      await strict.listening.close();
      await strict.server.close();
    }
  });
});

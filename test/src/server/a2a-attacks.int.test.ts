import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../../src/workload/index.ts";
import { issueAgentToken, signBody } from "../../../src/a2a/index.ts";
import { callerIdentity, expectBadTokensRefused, gatedDesk, startDesk, temporaryDirectory, tokenIssuer, type A2aHarness } from "./a2a-fixtures.ts";

/** The fuzz cases are the same on every run (mulberry32). */
const seeded = (seed: number): (() => number) => seededRandom(seed).next;

const sendBody = (question: string, id: number | string = 1) => ({
  jsonrpc: "2.0",
  id,
  method: "SendMessage",
  params: { message: { messageId: `m-${id}`, role: "ROLE_USER", parts: [{ data: { question } }] } },
});

describe("A2A zero trust: every forged, expired, replayed or tampered request is refused and nothing runs", () => {
  let harness: A2aHarness;
  let identity: Awaited<ReturnType<typeof callerIdentity>>;
  let signer: Awaited<ReturnType<typeof callerIdentity>>;
  let endpoint: string;

  beforeAll(async () => {
    ({ harness, identity, signer, agent: endpoint } = await gatedDesk());
  });
  afterAll(async () => harness?.close());

  const token = (options: Parameters<ReturnType<typeof tokenIssuer>>[0] = {}) => tokenIssuer(identity, endpoint)(options);
  const post = (body: string, headers: Record<string, string>) => fetch(endpoint, { method: "POST", headers: { "content-type": "application/json", "a2a-version": "1.0", ...headers }, body });
  const refusedWith = async (response: Response, status: number, reason: string) => {
    const answer = (await response.json()) as { error?: { data?: Array<{ reason: string }> } };
    expect({ status: response.status, reason: answer.error?.data?.[0]?.reason }).toEqual({ status, reason });
  };

  it("refuses a missing, expired, foreign-audience, forged and replayed token", async () => {
    const before = harness.desk.runs();
    const body = JSON.stringify(sendBody("attack"));
    await expectBadTokensRefused(harness, token, (headers) => post(body, headers), refusedWith);
    // A token used once on a harmless call, then replayed on one that would run the graph.
    const once = await token();
    const harmless = await post(JSON.stringify({ jsonrpc: "2.0", id: 9, method: "GetTask", params: { id: "no-such-task" } }), { authorization: `Bearer ${once}` });
    expect(harmless.status).toBe(200);
    await refusedWith(await post(body, { authorization: `Bearer ${once}` }), 401, "token_replayed");
    expect(harness.desk.runs()).toBe(before);
    const kinds = harness.events.events.filter((event) => event.category === "security").map((event) => event.kind);
    expect(kinds).toEqual(expect.arrayContaining(["a2a_token_missing", "a2a_token_expired", "a2a_token_audience", "a2a_token_invalid", "a2a_token_replayed", "a2a_peer_accepted"]));
    const metrics = await harness.server.metrics.registry.getSingleMetricAsString("switchyard_a2a_refusals_total");
    expect(metrics).toContain('reason="token_replayed"} 1');
  });

  it("refuses a tampered body from a peer that signs, and an unsigned one; a signed one runs", async () => {
    const before = harness.desk.runs();
    const body = sendBody("refund ORD-1");
    const signature = await signBody(body, await signer.keys.signingKey());
    const tampered = JSON.stringify({ ...body, params: { message: { ...body.params.message, parts: [{ data: { question: "refund ORD-1 and ORD-2" } }] } } });
    await refusedWith(await post(tampered, { authorization: `Bearer ${await token({ who: signer })}`, "x-a2a-body-signature": signature }), 400, "body_signature");
    await refusedWith(await post(JSON.stringify(body), { authorization: `Bearer ${await token({ who: signer })}` }), 400, "body_signature");
    expect(harness.desk.runs()).toBe(before);
    // Re-serialised with other key order and spacing, the JCS body still verifies.
    const reordered = JSON.stringify({ params: body.params, method: body.method, id: body.id, jsonrpc: "2.0" }, null, 2);
    const accepted = await post(reordered, { authorization: `Bearer ${await token({ who: signer })}`, "x-a2a-body-signature": signature });
    expect(accepted.status).toBe(200);
    expect(harness.desk.runs()).toBe(before + 1);
  });

  it("refuses oversize and malformed payloads (seeded fuzz) without running anything", async () => {
    const before = harness.desk.runs();
    await refusedWith(await post(JSON.stringify(sendBody("x".repeat(70_000))), { authorization: `Bearer ${await token()}` }), 413, "payload_too_large");
    // No A2A-Version header means v0.3: a v1.0 method name is unknown there (method not found), nothing runs.
    const unversioned = await fetch(endpoint, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${await token()}` }, body: JSON.stringify(sendBody("v03")) });
    expect(((await unversioned.json()) as { error?: { code?: number } }).error?.code).toBe(-32601);
    const future = await post(JSON.stringify(sendBody("v2")), { authorization: `Bearer ${await token()}`, "a2a-version": "2.0" });
    expect(((await future.json()) as { error?: { code?: number } }).error?.code).toBe(-32009);
    // Past the gate, a bad body is a JSON-RPC error in a 200 answer (JSON-RPC over HTTP); credentials and size are HTTP refusals.
    await refusedWith(await post(`${"[".repeat(100)}${"]".repeat(100)}`, { authorization: `Bearer ${await token()}` }), 200, "payload_malformed");
    const random = seeded(21);
    const valid = JSON.stringify(sendBody("fuzz"));
    const cases: string[] = [
      // Protocol-level mistakes the A2A test kit checks: empty parts, no role, unknown part kinds, negative historyLength.
      JSON.stringify({ ...sendBody("q"), params: { message: { messageId: "m", role: "ROLE_USER", parts: [] } } }),
      JSON.stringify({ ...sendBody("q"), params: { message: { messageId: "m", parts: [{ text: "hi" }] } } }),
      JSON.stringify({ ...sendBody("q"), params: { message: { messageId: "m", role: "ROLE_USER", parts: [{ hologram: "x" }] } } }),
      JSON.stringify({ jsonrpc: "2.0", id: 3, method: "GetTask", params: { id: "t", historyLength: -1 } }),
      JSON.stringify({ jsonrpc: "2.0", id: 4, method: "NoSuchMethod", params: {} }),
    ];
    for (let index = 0; index < 40; index++) {
      const cut = Math.floor(random() * valid.length);
      const flip = Math.floor(random() * valid.length);
      const mutated = random() < 0.5 ? valid.slice(0, cut) : `${valid.slice(0, flip)}${String.fromCharCode(32 + Math.floor(random() * 90))}${valid.slice(flip + 1)}`;
      cases.push(mutated);
    }
    let refused = 0;
    const protocolErrors: unknown[] = [];
    for (const [index, body] of cases.entries()) {
      const response = await post(body, { authorization: `Bearer ${await token()}` });
      const answer = (await response.json().catch(() => ({}))) as { error?: unknown; result?: { task?: { status?: { state?: string } } } };
      if (answer.error !== undefined) refused += 1;
      if (index < 5) protocolErrors.push(answer.error);
    }
    expect(protocolErrors.every((error) => error !== undefined)).toBe(true);
    // A flipped character inside a string value can leave a valid request: those may run, the rest must not.
    const ran = harness.desk.runs() - before;
    expect(refused + ran).toBe(cases.length);
    expect(refused).toBeGreaterThanOrEqual(cases.length - ran);
    expect(harness.desk.runs()).toBeLessThanOrEqual(before + 40);
  });
});

describe("A2A v0.3 JSON-RPC for older clients, behind the same gate", () => {
  let harness: A2aHarness;
  let identity: Awaited<ReturnType<typeof callerIdentity>>;
  beforeAll(async () => {
    identity = await callerIdentity();
    harness = await startDesk(path.join(temporaryDirectory(), "state.db"), { peers: [{ issuer: identity.issuer, keys: identity.keys.jwks().keys }] });
  });
  afterAll(async () => harness?.close());

  const call = async (body: unknown, withToken = true) => {
    const endpoint = `${harness.url}/a2a/desk`;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (withToken) headers.authorization = `Bearer ${(await issueAgentToken({ key: await identity.keys.signingKey(), issuer: identity.issuer, audience: endpoint, now: Date.now })).token}`;
    const response = await fetch(endpoint, { method: "POST", headers, body: JSON.stringify(body) });
    return { status: response.status, answer: (await response.json()) as { result?: { kind?: string; id?: string; status?: { state?: string } }; error?: { code?: number } } };
  };
  const legacySend = (parts: unknown[], id = 1) => ({ jsonrpc: "2.0", id, method: "message/send", params: { message: { kind: "message", messageId: `m-${id}`, role: "user", parts } } });

  it("answers message/send and tasks/get with v0.3 shapes", async () => {
    const sent = await call(legacySend([{ kind: "data", data: { question: "old client" } }]));
    // v0.3 continues tasks by taskId: a finished turn leaves the task open (input-required), its answer the artifact.
    expect(sent.answer.result).toMatchObject({ kind: "task", status: { state: "input-required" } });
    const got = await call({ jsonrpc: "2.0", id: 2, method: "tasks/get", params: { id: sent.answer.result?.id } });
    expect(got.answer.result).toMatchObject({ kind: "task", id: sent.answer.result?.id });
  });

  it("refuses what the test kit checks (empty parts, no role, unknown kinds, negative historyLength) and untokened calls", async () => {
    const before = harness.desk.runs();
    for (const body of [
      legacySend([]),
      { ...legacySend([{ kind: "text", text: "x" }]), params: { message: { kind: "message", messageId: "m", parts: [{ kind: "text", text: "x" }] } } },
      legacySend([{ kind: "hologram", text: "x" }]),
      { jsonrpc: "2.0", id: 5, method: "tasks/get", params: { id: "t", historyLength: -1 } },
    ]) {
      expect((await call(body)).answer.error).toBeDefined();
    }
    expect((await call(legacySend([{ kind: "text", text: "x" }]), false)).status).toBe(401);
    expect(harness.desk.runs()).toBe(before);
  });
});

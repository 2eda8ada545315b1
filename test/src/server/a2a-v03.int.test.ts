import { createLocalJWKSet, flattenedVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../../../src/a2a/index.ts";
import { gatedDesk, tokenIssuer, type A2aHarness } from "./a2a-fixtures.ts";

// What the A2A test kit (a2a-tck 0.3.x) found and this server now answers, checked with plain fetch (no kit here).

interface RpcAnswer {
  id?: unknown;
  result?: { kind?: string; id?: string; status?: { state?: string; message?: { parts?: Array<{ text?: string; data?: unknown }> } }; artifacts?: unknown[]; history?: unknown[] };
  error?: { code?: number; data?: Array<{ reason: string }> };
}

describe("A2A v0.3 clients: the card, JSON-RPC errors and tasks they continue", () => {
  let harness: A2aHarness;
  let token: ReturnType<typeof tokenIssuer>;
  let endpoint: string;

  beforeAll(async () => {
    const desk = await gatedDesk();
    harness = desk.harness;
    endpoint = desk.agent;
    token = tokenIssuer(desk.identity, endpoint);
  });
  afterAll(async () => harness?.close());

  const post = async (body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; answer: RpcAnswer }> => {
    const response = await fetch(endpoint, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${await token()}`, ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
    return { status: response.status, answer: (await response.json()) as RpcAnswer };
  };
  const send = (text: string, taskId?: string, id = 1) => ({ jsonrpc: "2.0", id, method: "message/send", params: { message: { kind: "message", messageId: `m-${text}-${id}`, role: "user", parts: [{ kind: "data", data: { question: text } }], ...(taskId ? { taskId } : {}) } } });

  it("serves the v0.3 card shape without A2A-Version and the v1.0 card with A2A-Version: 1.0", async () => {
    const legacy = (await (await fetch(`${endpoint}/.well-known/agent-card.json`)).json()) as Record<string, unknown>;
    expect(legacy).toMatchObject({
      protocolVersion: "0.3.0",
      url: endpoint,
      preferredTransport: "JSONRPC",
      additionalInterfaces: [{ url: endpoint, transport: "JSONRPC" }],
      capabilities: { streaming: true, pushNotifications: false },
      securitySchemes: { agentJwt: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      security: [{ agentJwt: [] }],
      supportsAuthenticatedExtendedCard: true,
    });
    expect((legacy.skills as Array<{ id: string; tags: string[] }>)[0]).toMatchObject({ id: "desk", tags: ["langgraph", "switchyard"] });
    expect(legacy.signatures).toHaveLength(1);
    // Its signature covers the v0.3 card a v0.3 client received (JCS without `signatures`), by a key of the JWKS.
    const { signatures, ...unsigned } = legacy as { signatures: Array<{ protected: string; signature: string }> };
    const jwks = createLocalJWKSet((await (await fetch(new URL("/a2a/jwks.json", endpoint))).json()) as Parameters<typeof createLocalJWKSet>[0]);
    const verified = await flattenedVerify({ protected: signatures[0]!.protected, signature: signatures[0]!.signature, payload: Buffer.from(canonicalJson(unsigned)).toString("base64url") }, jwks);
    expect(verified.protectedHeader).toMatchObject({ alg: "ES256", typ: "JOSE" });
    await expect(flattenedVerify({ protected: signatures[0]!.protected, signature: signatures[0]!.signature, payload: Buffer.from(canonicalJson({ ...unsigned, name: "forged" })).toString("base64url") }, jwks)).rejects.toThrow();
    const current = (await (await fetch(`${endpoint}/.well-known/agent-card.json`, { headers: { "a2a-version": "1.0" } })).json()) as Record<string, unknown>;
    expect(current).not.toHaveProperty("url");
    expect((current.supportedInterfaces as unknown[]).length).toBe(3);
  });

  it("answers a broken envelope -32600, bad params -32602 (its id echoed), bad JSON -32700, each in a 200 answer; nothing runs", async () => {
    const before = harness.desk.runs();
    const cases: Array<[unknown, number]> = [
      [{ jsonrpc: "aaa", id: 1, method: "message/send", params: {} }, -32600],
      [{ jsonrpc: "2.0", id: 2, params: {} }, -32600],
      [{ jsonrpc: "2.0", method: "message/send", params: {}, id: { bad: "type" } }, -32600],
      [{ jsonrpc: "2.0", id: 4, method: "message/send", params: { "": "not_a_dict" } }, -32602],
      ['{"jsonrpc": "2.0", "method": "message/send", "params": {"foo": "bar"}', -32700],
    ];
    for (const [body, code] of cases) {
      const { status, answer } = await post(body);
      expect({ status, code: answer.error?.code }).toEqual({ status: 200, code });
    }
    expect((await post(cases[3]?.[0])).answer.id).toBe(4);
    expect(harness.desk.runs()).toBe(before);
    // Credentials are still refused at the HTTP layer.
    const untokened = await fetch(endpoint, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(send("no token")) });
    expect(untokened.status).toBe(401);
  });

  it("leaves a v0.3 task open after a turn: follow-ups on its taskId run as new input, history grows, cancel closes it", async () => {
    const first = await post(send("hello"));
    const taskId = first.answer.result?.id ?? "";
    expect(first.answer.result).toMatchObject({ kind: "task", status: { state: "input-required" } });
    expect(first.answer.result?.status?.message?.parts?.[0]).toMatchObject({ kind: "data" });
    expect(first.answer.result?.artifacts).toHaveLength(1);
    const before = harness.desk.runs();
    // A question with "which" would interrupt; here the follow-up is plain new input, not a resume of an interrupt.
    for (const [index, text] of ["again", "and again"].entries()) {
      const next = await post(send(text, taskId, 10 + index));
      expect(next.answer.result).toMatchObject({ id: taskId, status: { state: "input-required" } });
    }
    expect(harness.desk.runs()).toBe(before + 2);
    const full = await post({ jsonrpc: "2.0", id: 20, method: "tasks/get", params: { id: taskId } });
    expect(full.answer.result?.history?.length ?? 0).toBeGreaterThanOrEqual(3);
    const limited = await post({ jsonrpc: "2.0", id: 21, method: "tasks/get", params: { id: taskId, historyLength: 2 } });
    expect(limited.answer.result?.history).toHaveLength(2);
    const cancelled = await post({ jsonrpc: "2.0", id: 22, method: "tasks/cancel", params: { id: taskId } });
    expect(cancelled.answer.result?.status?.state).toBe("canceled");
    expect((await post(send("after cancel", taskId, 23))).answer.error).toBeDefined();
  });

  it("still answers an interrupt's question on the same task as a resume over v0.3", async () => {
    const asked = await post(send("which order?", undefined, 30));
    const taskId = asked.answer.result?.id ?? "";
    expect(asked.answer.result?.status?.state).toBe("input-required");
    const answered = await post(send("A-17", taskId, 31));
    expect(answered.answer.result?.status?.state).toBe("input-required");
    const parts = answered.answer.result?.status?.message?.parts ?? [];
    expect(JSON.stringify(parts)).toContain("looked up");
  });

  it("answers tasks/resubscribe for an unknown task with an SSE error event, as v0.3 clients read it", async () => {
    const response = await fetch(endpoint, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${await token()}` }, body: JSON.stringify({ jsonrpc: "2.0", id: 50, method: "tasks/resubscribe", params: { id: "no-such-task" } }) });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const text = await response.text();
    expect(text).toContain("-32001");
    expect(text.toLowerCase()).toContain("not found");
  });

  it("v1.0 SendMessage still completes its task", async () => {
    const { answer } = await post({ jsonrpc: "2.0", id: 40, method: "SendMessage", params: { message: { messageId: "m-v1", role: "ROLE_USER", parts: [{ data: { question: "v1" } }] } } }, { "a2a-version": "1.0" });
    expect(JSON.stringify(answer.result)).toContain("TASK_STATE_COMPLETED");
  });
});

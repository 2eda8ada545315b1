import { AgentCard } from "@a2a-js/sdk";
import { describe, expect, it } from "vitest";
import { callRemoteAgent, RemoteTaskFailedError, remoteTaskPending } from "../../nodes/call-remote-agent.ts";
import { AgentKeyRing, RemoteAgent, TrustedKeys, signAgentCard } from "../../src/a2a/index.ts";

const url = "http://agent.test/a2a/billing";

/** A RemoteAgent whose peer answers every SendMessage with `task` (a v1.0 JSON task), and what it was sent. */
async function remoteAnswering(task: Record<string, unknown>) {
  const ring = await AgentKeyRing.open();
  const card = AgentCard.fromJSON({ name: "billing", version: "1", supportedInterfaces: [{ url, protocolBinding: "JSONRPC", protocolVersion: "1.0" }] });
  const signed = AgentCard.toJSON(await signAgentCard(card, await ring.signingKey(), { now: Date.now }));
  const sent: unknown[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const target = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (target.endsWith("/.well-known/agent-card.json")) return Response.json(signed);
    const body = JSON.parse(String(init?.body)) as { id: number; params: unknown };
    sent.push(body.params);
    return Response.json({ jsonrpc: "2.0", id: body.id, result: { task } });
  };
  const remote = new RemoteAgent({ url, keys: new TrustedKeys({ pinned: ring.jwks().keys }), identity: { issuer: "urn:test:desk", keys: await AgentKeyRing.open() }, fetch: fetchImpl, retries: 0 });
  return { remote, sent };
}

interface State {
  question: string;
  remote_task?: { agent: string; a2a_task_id: string; context_id: string; question: string } | null;
}
const options = { message: (state: State) => ({ data: { question: state.question } }), update: ([output]: unknown[]) => ({ answer: output }) };

describe("callRemoteAgent node", () => {
  it("sends the state's message and writes the remote artifact into state", async () => {
    const { remote, sent } = await remoteAnswering({ id: "t1", contextId: "c1", status: { state: "TASK_STATE_COMPLETED" }, artifacts: [{ artifactId: "a", parts: [{ data: { answer: "refunded" } }] }] });
    const update = await callRemoteAgent<State, { answer: unknown }>(remote, options)({ question: "refund ORD-1" });
    expect(update).toEqual({ answer: { answer: "refunded" }, remote_task: null });
    expect(JSON.stringify(sent[0])).toContain("refund ORD-1");
  });

  it("records a remote INPUT_REQUIRED as a pending task for the graph to route back (no interrupt yet)", async () => {
    const { remote } = await remoteAnswering({ id: "t2", contextId: "c2", status: { state: "TASK_STATE_INPUT_REQUIRED", message: { messageId: "m", role: "ROLE_AGENT", parts: [{ text: "which order?" }] } } });
    const update = await callRemoteAgent<State, { answer: unknown }>(remote, options)({ question: "refund" });
    expect(update).toEqual({ remote_task: { agent: url, a2a_task_id: "t2", context_id: "c2", question: "which order?" } });
    expect("remote_task" in update && remoteTaskPending(update)).toBe(true);
  });

  it("raises RemoteTaskFailedError when the remote task is rejected", async () => {
    const { remote } = await remoteAnswering({ id: "t3", contextId: "c3", status: { state: "TASK_STATE_REJECTED", message: { messageId: "m", role: "ROLE_AGENT", parts: [{ text: "output blocked by policy: pii" }] } } });
    await expect(callRemoteAgent<State, { answer: unknown }>(remote, options)({ question: "x" })).rejects.toSatisfy((error: unknown) => error instanceof RemoteTaskFailedError && error.state === "TASK_STATE_REJECTED" && /blocked by policy/.test(error.message));
  });
});

import { AgentCard } from "@a2a-js/sdk";
import { describe, expect, it } from "vitest";
import { A2aRefusalError, AgentKeyRing, RemoteAgent, RemoteAgentCoolingError, TrustedKeys, signAgentCard } from "../../../src/a2a/index.ts";

const url = "http://agent.test/a2a/desk";

/** A fake agent behind `fetch`: its card, then the JSON-RPC answers the test scripts (a status or a result). */
async function fakeAgent(options: { cardUrl?: string; answers: Array<number | "throw"> }) {
  const ring = await AgentKeyRing.open();
  const card = AgentCard.fromJSON({ name: "desk", version: "1", supportedInterfaces: [{ url: options.cardUrl ?? url, protocolBinding: "JSONRPC", protocolVersion: "1.0" }], capabilities: { streaming: false } });
  const signed = AgentCard.toJSON(await signAgentCard(card, await ring.signingKey(), { now: Date.now }));
  const calls: Array<{ url: string; authorization: string | null }> = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const target = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (target.endsWith("/.well-known/agent-card.json")) return Response.json(signed);
    calls.push({ url: target, authorization: new Headers(init?.headers).get("authorization") });
    const answer = options.answers.shift() ?? 200;
    if (answer === "throw") throw new TypeError("fetch failed");
    if (answer !== 200) return new Response("upstream down", { status: answer });
    const body = JSON.parse(String(init?.body)) as { id: number };
    return Response.json({ jsonrpc: "2.0", id: body.id, result: { task: { id: "t1", contextId: "c1", status: { state: "TASK_STATE_COMPLETED" } } } });
  };
  return { keys: new TrustedKeys({ pinned: ring.jwks().keys }), fetchImpl, calls };
}

const identity = async () => ({ issuer: "urn:test:me", keys: await AgentKeyRing.open() });

describe("RemoteAgent: verified card, fresh tokens, retry, cooldown", () => {
  it("retries a transport failure and a 503 with backoff, a fresh token each time", async () => {
    const agent = await fakeAgent({ answers: ["throw", 503, 200] });
    const slept: number[] = [];
    const remote = new RemoteAgent({ url, keys: agent.keys, identity: await identity(), fetch: agent.fetchImpl, sleep: async (ms) => void slept.push(ms) });
    const task = await remote.send({ text: "hi" });
    expect("status" in task && task.id).toBe("t1");
    expect(slept).toEqual([200, 400]);
    const tokens = agent.calls.map((call) => call.authorization);
    expect(new Set(tokens).size).toBe(3);
    expect(tokens.every((token) => token?.startsWith("Bearer ey"))).toBe(true);
  });

  it("cools the agent down after failed calls in a row, and calls again once the cooldown passed", async () => {
    const agent = await fakeAgent({ answers: [503, 503, 200] });
    let now = 1_000_000;
    const remote = new RemoteAgent({ url, keys: agent.keys, identity: await identity(), fetch: agent.fetchImpl, now: () => now, retries: 0, cooldown: { failures: 2, ms: 30_000 } });
    await expect(remote.send({ text: "a" })).rejects.toThrow();
    await expect(remote.send({ text: "b" })).rejects.toThrow();
    await expect(remote.send({ text: "c" })).rejects.toBeInstanceOf(RemoteAgentCoolingError);
    expect(agent.calls).toHaveLength(2);
    now += 31_000;
    await expect(remote.send({ text: "d" })).resolves.toBeDefined();
  });

  it("refuses a card that does not declare the endpoint, or is signed by a key it does not trust, before any call", async () => {
    const moved = await fakeAgent({ cardUrl: "http://elsewhere.test/a2a/desk", answers: [] });
    const remote = new RemoteAgent({ url, keys: moved.keys, identity: await identity(), fetch: moved.fetchImpl });
    await expect(remote.send({ text: "a" })).rejects.toMatchObject({ reason: "card_endpoint" });
    const stranger = await fakeAgent({ answers: [] });
    const untrusted = new RemoteAgent({ url, keys: new TrustedKeys({ pinned: (await AgentKeyRing.open()).jwks().keys }), identity: await identity(), fetch: stranger.fetchImpl });
    await expect(untrusted.send({ text: "a" })).rejects.toBeInstanceOf(A2aRefusalError);
    expect(moved.calls.length + stranger.calls.length).toBe(0);
  });
});

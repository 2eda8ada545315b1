import { describe, expect, it } from "vitest";
import { AgentCard } from "@a2a-js/sdk";
import { AgentKeyRing, RemoteAgent, TrustedKeys, signAgentCard } from "../../../src/a2a/index.ts";
import { CARD_MAX_BYTES, capPeerResponse, readPeerJson } from "../../../src/a2a/peer-json.ts";
import { SwitchyardError } from "../../../src/errors.ts";

/** A body that never ends on its own: 64 KiB chunks until the reader cancels, counting what was pulled. */
function endless(): { response: Response; pulled: () => number; cancelled: () => boolean } {
  let pulled = 0;
  let cancelled = false;
  const chunk = new TextEncoder().encode(`{"pad":"${"x".repeat(65_536)}`);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      cancelled = true;
    },
  });
  return { response: new Response(body), pulled: () => pulled, cancelled: () => cancelled };
}

describe("readPeerJson: a peer's JSON read under a byte cap", () => {
  it("stops reading a body that never ends at the cap and names the limit", async () => {
    const peer = endless();
    const error = await readPeerJson(peer.response, CARD_MAX_BYTES, "agent card at http://peer.test").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(String(error)).toMatch(/agent card at http:\/\/peer\.test sent more than 1048576 bytes; the limit is 1048576 bytes\. Fix:/);
    expect(peer.cancelled()).toBe(true);
    // Reading stops within a couple of chunks past the cap (the stream may pull one ahead).
    expect(peer.pulled()).toBeLessThan(CARD_MAX_BYTES + 4 * 65_540);
  });

  it("refuses a declared Content-Length over the cap before reading", async () => {
    const response = new Response("{}", { headers: { "content-length": "99999999" } });
    await expect(readPeerJson(response, 1_000, "JWKS http://peer.test/jwks.json")).rejects.toThrow(/declares 99999999 bytes; the limit is 1000 bytes/);
  });

  it("parses a body under the cap, and names a body that is not JSON", async () => {
    await expect(readPeerJson(Response.json({ keys: [] }), 1_000, "JWKS")).resolves.toEqual({ keys: [] });
    await expect(readPeerJson(new Response("<html>"), 1_000, "agent card at http://peer.test")).rejects.toThrow(/agent card at http:\/\/peer\.test is not JSON/);
  });

  it("a RemoteAgent whose peer serves an endless card fails with the limit, makes no call and does not retry", async () => {
    let cardFetches = 0;
    let calls = 0;
    const fetchImpl: typeof fetch = async (input) => {
      const target = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (target.endsWith("/.well-known/agent-card.json")) {
        cardFetches++;
        return endless().response;
      }
      calls++;
      return new Response("{}");
    };
    const ring = await AgentKeyRing.open();
    const remote = new RemoteAgent({ url: "http://peer.test/a2a/desk", keys: new TrustedKeys({ pinned: ring.jwks().keys }), identity: { issuer: "urn:test:me", keys: ring }, fetch: fetchImpl, sleep: async () => undefined });
    await expect(remote.send({ text: "hi" })).rejects.toThrow(/the limit is 1048576 bytes/);
    expect(cardFetches).toBe(1);
    expect(calls).toBe(0);
  });

  it("a RemoteAgent's answer past maxResponseBytes fails the call with the limit; one under it is read", async () => {
    const ring = await AgentKeyRing.open();
    const card = AgentCard.fromJSON({ name: "desk", version: "1", supportedInterfaces: [{ url: "http://peer.test/a2a/desk", protocolBinding: "JSONRPC", protocolVersion: "1.0" }], capabilities: { streaming: false } });
    const signed = AgentCard.toJSON(await signAgentCard(card, await ring.signingKey(), { now: Date.now }));
    let pad = 200_000;
    const fetchImpl: typeof fetch = async (input, init) => {
      const target = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (target.endsWith("/.well-known/agent-card.json")) return Response.json(signed);
      const { id } = JSON.parse(String(init?.body)) as { id: number };
      return Response.json({ jsonrpc: "2.0", id, result: { task: { id: "t1", contextId: "c1", status: { state: "TASK_STATE_COMPLETED" }, metadata: { pad: "x".repeat(pad) } } } });
    };
    const remote = new RemoteAgent({ url: "http://peer.test/a2a/desk", keys: new TrustedKeys({ pinned: ring.jwks().keys }), identity: { issuer: "urn:test:me", keys: ring }, fetch: fetchImpl, retries: 0, maxResponseBytes: 100_000 });
    await expect(remote.send({ text: "hi" })).rejects.toThrow(/answer sent more than 100000 bytes; the limit is 100000 bytes/);
    pad = 1_000;
    await expect(remote.send({ text: "hi" })).resolves.toMatchObject({ id: "t1" });
  });

  it("an answer to a call that asked for no stream is capped even when the peer labels it an event stream", () => {
    const body = new Response("x".repeat(10)).body;
    const labelled = new Response(body, { headers: { "content-type": "text/event-stream" } });
    const capped = capPeerResponse(labelled, 5, "remote agent http://peer.test's answer", false);
    expect(capped).not.toBe(labelled);
    return expect(capped.text()).rejects.toThrow(/sent more than 5 bytes/);
  });

  it("an event stream the call asked for is left whole", () => {
    const stream = new Response("data: {}\n\n", { headers: { "content-type": "text/event-stream" } });
    expect(capPeerResponse(stream, 5, "remote agent", true)).toBe(stream);
  });

  it("a JWKS over its cap leaves the kid unknown (refused by the caller), not a crash", async () => {
    const keys = new TrustedKeys({ jwksUrl: "http://peer.test/jwks.json", fetch: async () => endless().response });
    await expect(keys.key("kid-1")).resolves.toBeUndefined();
  });
});

describe("TrustedKeys: pinned keys or a JWKS URL, not both", () => {
  it("refuses both at construction, naming the URL and the fix", async () => {
    const ring = await AgentKeyRing.open();
    expect(() => new TrustedKeys({ pinned: ring.jwks().keys, jwksUrl: "http://peer.test/jwks.json" })).toThrow(/both pinned keys and jwksUrl http:\/\/peer\.test\/jwks\.json\. Fix: pin its keys \(no network\) or trust its JWKS URL, not both/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../../src/workload/index.ts";
import { bodyDigest, signBody } from "../../../src/a2a/index.ts";
import { expectBadTokensRefused, gatedDesk, tokenIssuer, type A2aHarness, type CallerIdentity } from "./a2a-fixtures.ts";

/** The fuzz cases are the same on every run (mulberry32). */
const seeded = (seed: number): (() => number) => seededRandom(seed).next;

const sendBody = (question: string) => ({ message: { messageId: `m-${question.length}`, role: "ROLE_USER", parts: [{ data: { question } }] } });

describe("A2A REST binding behind the same zero-trust gate: every forged, expired, replayed or tampered request is refused and nothing runs", () => {
  let harness: A2aHarness;
  let identity: CallerIdentity;
  let signer: CallerIdentity;
  let agent: string;

  beforeAll(async () => {
    ({ harness, identity, signer, agent } = await gatedDesk());
  });
  afterAll(async () => harness?.close());

  const token = (options: Parameters<ReturnType<typeof tokenIssuer>>[0] = {}) => tokenIssuer(identity, agent)(options);
  const send = (body: string, headers: Record<string, string>) => fetch(`${agent}/rest/message:send`, { method: "POST", headers: { "content-type": "application/json", "a2a-version": "1.0", ...headers }, body });
  const refusedWith = async (response: Response, status: number, refusal: string) => {
    const answer = (await response.json()) as { error?: { details?: Array<{ metadata?: { refusal?: string } }> } };
    expect({ status: response.status, refusal: answer.error?.details?.[0]?.metadata?.refusal }).toEqual({ status, refusal });
  };

  it("refuses a missing, expired, foreign-audience, forged, unknown-issuer and replayed token", async () => {
    const before = harness.desk.runs();
    const body = JSON.stringify(sendBody("attack"));
    await expectBadTokensRefused(harness, token, (headers) => send(body, headers), refusedWith);
    // A token spent on a harmless GET, then replayed on a call that would run the graph; and the other way round.
    const once = await token();
    expect((await fetch(`${agent}/rest/tasks`, { headers: { authorization: `Bearer ${once}`, "a2a-version": "1.0" } })).status).toBe(200);
    await refusedWith(await send(body, { authorization: `Bearer ${once}` }), 401, "token_replayed");
    // A JSON-RPC token is a token for the agent: spent there, it is refused on REST too (one replay cache).
    const jsonRpcOnce = await token();
    await fetch(agent, { method: "POST", headers: { "content-type": "application/json", "a2a-version": "1.0", authorization: `Bearer ${jsonRpcOnce}` }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "GetTask", params: { id: "none" } }) });
    await refusedWith(await send(body, { authorization: `Bearer ${jsonRpcOnce}` }), 401, "token_replayed");
    expect(harness.desk.runs()).toBe(before);
    const metrics = await harness.server.metrics.registry.getSingleMetricAsString("switchyard_a2a_refusals_total");
    expect(metrics).toContain('reason="token_replayed"} 2');
    // The guardian's security log names the binding each refusal came in on.
    const expired = harness.events.events.find((event) => event.kind === "a2a_token_expired");
    expect(expired?.evidence).toMatchObject({ graph: "desk", reason: "token_expired", binding: "rest" });
  });

  it("refuses a tampered body from a peer that signs, and an unsigned one; a signed one runs", async () => {
    const before = harness.desk.runs();
    const body = sendBody("refund ORD-1");
    const signature = await signBody(body, await signer.keys.signingKey());
    const tampered = JSON.stringify({ message: { ...body.message, parts: [{ data: { question: "refund ORD-1 and ORD-2" } }] } });
    await refusedWith(await send(tampered, { authorization: `Bearer ${await token({ who: signer })}`, "x-a2a-body-signature": signature }), 400, "body_signature");
    await refusedWith(await send(JSON.stringify(body), { authorization: `Bearer ${await token({ who: signer })}` }), 400, "body_signature");
    expect(harness.desk.runs()).toBe(before);
    // The body's digest in the token (bdh) signs it too: a changed body is refused, from any peer that sends one.
    await refusedWith(await send(tampered, { authorization: `Bearer ${await token({ who: signer, digest: bodyDigest(body) })}` }), 400, "body_signature");
    await refusedWith(await send(tampered, { authorization: `Bearer ${await token({ digest: bodyDigest(body) })}` }), 400, "body_signature");
    expect(harness.desk.runs()).toBe(before);
    const accepted = await send(JSON.stringify(body, null, 2), { authorization: `Bearer ${await token({ who: signer })}`, "x-a2a-body-signature": signature });
    expect(accepted.status).toBe(200);
    const digested = await send(JSON.stringify({ message: { parts: body.message.parts, role: "ROLE_USER", messageId: "m-digest" } }), { authorization: `Bearer ${await token({ who: signer, digest: bodyDigest({ message: { ...body.message, messageId: "m-digest" } }) })}` });
    expect(digested.status).toBe(200);
    expect(harness.desk.runs()).toBe(before + 2);
  });

  it("refuses oversize, malformed and invalid payloads, a wrong content type and a missing version, without running anything", async () => {
    const before = harness.desk.runs();
    await refusedWith(await send(JSON.stringify(sendBody("x".repeat(70_000))), { authorization: `Bearer ${await token()}` }), 413, "payload_too_large");
    await refusedWith(await send("{not json", { authorization: `Bearer ${await token()}` }), 400, "payload_malformed");
    await refusedWith(await send(`${"[".repeat(100)}${"]".repeat(100)}`, { authorization: `Bearer ${await token()}` }), 400, "payload_malformed");
    for (const invalid of [{ message: { messageId: "m", role: "ROLE_USER", parts: [] } }, { message: { messageId: "m", parts: [{ text: "hi" }] } }, { message: { messageId: "m", role: "ROLE_USER", parts: [{ hologram: "x" }] } }, [1, 2]]) {
      const response = await send(JSON.stringify(invalid), { authorization: `Bearer ${await token()}` });
      const answer = (await response.json()) as { error?: { details?: Array<{ reason?: string; metadata?: { refusal?: string } }> } };
      expect({ status: response.status, detail: answer.error?.details?.[0] }).toMatchObject({ status: 400, detail: { reason: "INVALID_PARAMS", metadata: { refusal: "payload_invalid" } } });
    }
    const plain = await fetch(`${agent}/rest/message:send`, { method: "POST", headers: { "content-type": "text/plain", "a2a-version": "1.0", authorization: `Bearer ${await token()}` }, body: JSON.stringify(sendBody("typed")) });
    expect(((await plain.json()) as { error?: { details?: Array<{ reason?: string }> } }).error?.details?.[0]?.reason).toBe("CONTENT_TYPE_NOT_SUPPORTED");
    const unversioned = await fetch(`${agent}/rest/message:send`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${await token()}` }, body: JSON.stringify(sendBody("v03")) });
    expect(((await unversioned.json()) as { error?: { details?: Array<{ reason?: string }> } }).error?.details?.[0]?.reason).toBe("VERSION_NOT_SUPPORTED");
    const negative = await fetch(`${agent}/rest/tasks/t?historyLength=-1`, { headers: { authorization: `Bearer ${await token()}`, "a2a-version": "1.0" } });
    expect(negative.status).toBe(400);
    expect(harness.desk.runs()).toBe(before);
  });

  it("answers a seeded fuzz of paths and verbs with a 4xx (never a 5xx) and runs nothing", async () => {
    const before = harness.desk.runs();
    const random = seeded(7);
    const words = ["tasks", "message:send", "message:stream", "extendedAgentCard", "pushNotificationConfigs", "x:cancel", "%E0%A4%A", "..", "t:subscribe", "a:b:c", "%2F", "tenant"];
    const verbs = ["GET", "POST", "DELETE", "PUT", "PATCH"];
    for (let index = 0; index < 60; index++) {
      const depth = 1 + Math.floor(random() * 4);
      const segments = Array.from({ length: depth }, () => words[Math.floor(random() * words.length)] ?? "tasks");
      const verb = verbs[Math.floor(random() * verbs.length)] ?? "GET";
      const response = await fetch(`${agent}/rest/${segments.join("/")}`, { method: verb, headers: { "content-type": "application/json", "a2a-version": "1.0", authorization: `Bearer ${await token()}` }, ...(verb === "GET" ? {} : { body: "{}" }) });
      expect({ path: segments.join("/"), verb, status: response.status < 500 }).toEqual({ path: segments.join("/"), verb, status: true });
      await response.body?.cancel();
    }
    expect(harness.desk.runs()).toBe(before);
  });
});

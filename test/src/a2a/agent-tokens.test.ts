import { importJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { A2aRefusalError, AgentKeyRing, ReplayCache, TrustedKeys, issueAgentToken, verifyAgentToken } from "../../../src/a2a/index.ts";

const caller = "urn:agent:caller";
const audience = "http://127.0.0.1:9/a2a/desk";

async function setup() {
  const clock = { now: 1_000_000_000_000 };
  const now = () => clock.now;
  const ring = await AgentKeyRing.open({ now });
  const peers = new Map([[caller, new TrustedKeys({ pinned: ring.jwks().keys })]]);
  const replay = new ReplayCache({ now });
  const verify = (token: string) => verifyAgentToken(token, { peers, audience, now, replay });
  const issue = async (options: { audience?: string; issuer?: string; ttlSeconds?: number; at?: number } = {}) =>
    (await issueAgentToken({ key: await ring.signingKey(), issuer: options.issuer ?? caller, audience: options.audience ?? audience, now: () => options.at ?? clock.now, ...(options.ttlSeconds ? { ttlSeconds: options.ttlSeconds } : {}) })).token;
  return { clock, ring, verify, issue, replay };
}

async function reason(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  return error instanceof A2aRefusalError ? error.reason : `not refused: ${String(error)}`;
}

describe("agent tokens (JWT, ES256, TTL 300 s, jti replay cache)", () => {
  it("accepts a fresh token once and refuses its replay", async () => {
    const { verify, issue } = await setup();
    const token = await issue();
    expect((await verify(token)).issuer).toBe(caller);
    expect(await reason(verify(token))).toBe("token_replayed");
  });

  it("refuses expiry past the skew, and tolerates a bounded skew", async () => {
    const { clock, verify, issue } = await setup();
    const token = await issue();
    clock.now += 300_000 + 20_000; // 20 s past exp: inside the 30 s skew
    expect((await verify(token)).issuer).toBe(caller);
    const late = await issue({ at: clock.now - 300_000 - 31_000 });
    expect(await reason(verify(late))).toBe("token_expired");
  });

  it("refuses another audience, an unknown issuer, a forged signature, a long lifetime and garbage", async () => {
    const { verify, issue } = await setup();
    expect(await reason(verify(await issue({ audience: "http://127.0.0.1:9/a2a/other" })))).toBe("token_audience");
    expect(await reason(verify(await issue({ issuer: "urn:agent:stranger" })))).toBe("token_issuer_unknown");
    expect(await reason(verify(await issue({ ttlSeconds: 3_600 })))).toBe("token_lifetime");
    const attacker = await AgentKeyRing.open();
    const forged = (await issueAgentToken({ key: await attacker.signingKey(), issuer: caller, audience, now: () => 1_000_000_000_000 })).token;
    expect(await reason(verify(forged))).toBe("token_invalid");
    const real = await issue();
    const [header, payload] = real.split(".");
    expect(await reason(verify(`${header}.${payload}.AAAA`))).toBe("token_invalid");
    expect(await reason(verify("not-a-jwt"))).toBe("token_invalid");
  });

  it("issues standard JWTs: jose verifies them with the published key", async () => {
    const { ring, issue, clock } = await setup();
    const [jwk] = ring.jwks().keys;
    const { payload, protectedHeader } = await jwtVerify(await issue(), await importJWK(jwk ?? {}, "ES256"), { audience, issuer: caller, currentDate: new Date(clock.now) });
    expect(protectedHeader).toMatchObject({ alg: "ES256", typ: "JWT", kid: jwk?.kid });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300);
    expect(typeof payload.jti).toBe("string");
  });

  it("a token signed just before a rotation still verifies during the grace period", async () => {
    const { ring, issue, clock } = await setup();
    const token = await issue();
    await ring.rotate();
    const peers = new Map([[caller, new TrustedKeys({ pinned: ring.jwks().keys })]]);
    const result = await verifyAgentToken(token, { peers, audience, now: () => clock.now, replay: new ReplayCache({ now: () => clock.now }) });
    expect(result.issuer).toBe(caller);
  });
});

import { randomUUID } from "node:crypto";
import { A2aRefusalError } from "./a2a-refusal.ts";
import { agentKeyAlgorithm, type SigningKey } from "./agent-keys.ts";
import { signCompact, splitCompact, verifiesWith } from "./compact-jws.ts";
import type { ReplayGuard } from "./replay-cache.ts";
import type { TrustedKeys } from "./trusted-keys.ts";

/** Default token lifetime: 300 s, as the issue's zero-trust target says. */
export const defaultTokenTtlSeconds = 300;

export interface IssueTokenOptions {
  key: SigningKey;
  /** The calling agent (its card URL). */
  issuer: string;
  /** The agent called (its interface URL). */
  audience: string;
  now: () => number;
  ttlSeconds?: number;
  generateId?: () => string;
  /** The request body's digest (`bodyDigest(body)`): the token then signs the body too (claim `bdh`). */
  bodyDigest?: string;
}

/**
 * A short-lived agent token (JWT, ES256): `iss` the caller, `aud` the callee, `iat`/`exp` from the injected
 * clock, a fresh `jti` so the callee can refuse a replay.
 *
 * @example
 * const token = await issueAgentToken({ key, issuer: myUrl, audience: peerUrl, now: Date.now });
 */
export async function issueAgentToken(options: IssueTokenOptions): Promise<{ token: string; expiresAt: number }> {
  const issuedAt = Math.floor(options.now() / 1000);
  const expiresAt = issuedAt + (options.ttlSeconds ?? defaultTokenTtlSeconds);
  const claims = { iss: options.issuer, aud: options.audience, iat: issuedAt, exp: expiresAt, jti: (options.generateId ?? randomUUID)(), ...(options.bodyDigest === undefined ? {} : { bdh: options.bodyDigest }) };
  const token = signCompact({ alg: agentKeyAlgorithm, kid: options.key.kid, typ: "JWT" }, JSON.stringify(claims), options.key.keyObject);
  return { token, expiresAt: expiresAt * 1000 };
}

export interface TokenCheckOptions {
  /** Trusted callers by issuer (their card URL) and their keys. */
  peers: ReadonlyMap<string, TrustedKeys>;
  /** This agent's URL: the only audience accepted. */
  audience: string;
  now: () => number;
  replay: ReplayGuard;
  /** Bounded skew for iat/exp; default 30 s. */
  skewSeconds?: number;
  /** Tokens living longer than this are refused even when signed; default the TTL, 300 s. */
  maxLifetimeSeconds?: number;
}

/** The authenticated caller of one request. */
export interface VerifiedCaller {
  issuer: string;
  jti: string;
  expiresAt: number;
  /** The body digest the token signs (`bdh`), when it carries one: the body must match it. */
  bodyDigest?: string;
}

/**
 * Verifies a bearer token: a known issuer, a signature by one of its keys, our audience, live by our clock
 * within the skew, a lifetime no longer than allowed, and a jti never seen. Refuses with the reason.
 *
 * @example
 * const caller = await verifyAgentToken(token, { peers, audience: myUrl, now: Date.now, replay });
 */
export async function verifyAgentToken(token: string, options: TokenCheckOptions): Promise<VerifiedCaller> {
  const parts = splitCompact(token);
  let claims: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = parts === undefined ? undefined : JSON.parse(parts.payload.toString("utf8"));
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) claims = { ...parsed };
  } catch {
    claims = undefined;
  }
  if (parts === undefined || claims === undefined) throw new A2aRefusalError("token_invalid", "the bearer token is not a JWT. Fix: send Authorization: Bearer <JWT signed by your agent key>.");
  const issuer = typeof claims.iss === "string" ? claims.iss : undefined;
  const keys = issuer === undefined ? undefined : options.peers.get(issuer);
  if (issuer === undefined || keys === undefined) throw new A2aRefusalError("token_issuer_unknown", `issuer ${JSON.stringify(issuer ?? null)} is not a trusted peer. Fix: add it to a2a.peers with its JWKS URL or pinned key.`);
  const kid = parts.header.kid;
  if (parts.header.alg !== agentKeyAlgorithm || typeof kid !== "string") throw new A2aRefusalError("token_invalid", `token header alg ${String(parts.header.alg)} / kid ${String(kid)}; expected ${agentKeyAlgorithm} and a kid.`);
  const key = await keys.keyObject(kid);
  if (key === undefined) throw new A2aRefusalError("token_invalid", `token kid ${kid} is not a key of ${issuer}.`);
  if (!verifiesWith(parts.signingInput, parts.signature, key)) throw new A2aRefusalError("token_invalid", `the token's signature does not verify with ${issuer}'s key ${kid} (forged or altered).`);
  const { exp, iat, jti, aud } = claims;
  if (typeof exp !== "number" || typeof iat !== "number" || typeof jti !== "string" || jti === "" || (typeof aud !== "string" && !Array.isArray(aud))) {
    throw new A2aRefusalError("token_invalid", "the token lacks exp, iat, jti or aud. Fix: issue tokens with all four claims.");
  }
  if (!(Array.isArray(aud) ? aud.includes(options.audience) : aud === options.audience)) throw new A2aRefusalError("token_audience", `token is for another audience, not ${options.audience}. Fix: request a token for this agent's URL.`);
  const skew = options.skewSeconds ?? 30;
  const nowSeconds = options.now() / 1000;
  if (exp + skew <= nowSeconds) throw new A2aRefusalError("token_expired", `token from ${issuer} expired at ${new Date(exp * 1000).toISOString()}. Fix: refresh the token before exp (TTL ${defaultTokenTtlSeconds} s).`);
  if (iat > nowSeconds + skew) throw new A2aRefusalError("token_invalid", "token issued in the future beyond the clock skew.");
  const maxLifetime = options.maxLifetimeSeconds ?? defaultTokenTtlSeconds;
  if (exp - iat > maxLifetime) throw new A2aRefusalError("token_lifetime", `token lives ${exp - iat} s; at most ${maxLifetime} s accepted. Fix: issue short-lived tokens.`);
  const expiresAt = exp * 1000;
  if (!(await options.replay.claim(`${issuer}|${jti}`, expiresAt + skew * 1000))) throw new A2aRefusalError("token_replayed", `jti ${jti} from ${issuer} was already used. Fix: a fresh token (new jti) per request.`);
  return { issuer, jti, expiresAt, ...(typeof claims.bdh === "string" ? { bodyDigest: claims.bdh } : {}) };
}

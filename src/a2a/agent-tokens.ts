import { randomUUID } from "node:crypto";
import { SignJWT, decodeJwt, errors as joseErrors, jwtVerify } from "jose";
import { A2aRefusalError } from "./a2a-refusal.ts";
import { agentKeyAlgorithm, type SigningKey } from "./agent-keys.ts";
import type { ReplayCache } from "./replay-cache.ts";
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
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: agentKeyAlgorithm, kid: options.key.kid, typ: "JWT" })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .setJti((options.generateId ?? randomUUID)())
    .sign(options.key.privateKey);
  return { token, expiresAt: expiresAt * 1000 };
}

export interface TokenCheckOptions {
  /** Trusted callers by issuer (their card URL) and their keys. */
  peers: ReadonlyMap<string, TrustedKeys>;
  /** This agent's URL: the only audience accepted. */
  audience: string;
  now: () => number;
  replay: ReplayCache;
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
}

/**
 * Verifies a bearer token: a known issuer, a signature by one of its keys, our audience, live by our clock
 * within the skew, a lifetime no longer than allowed, and a jti never seen. Refuses with the reason.
 *
 * @example
 * const caller = await verifyAgentToken(token, { peers, audience: myUrl, now: Date.now, replay });
 */
export async function verifyAgentToken(token: string, options: TokenCheckOptions): Promise<VerifiedCaller> {
  let issuer: string | undefined;
  try {
    issuer = decodeJwt(token).iss;
  } catch {
    throw new A2aRefusalError("token_invalid", "the bearer token is not a JWT. Fix: send Authorization: Bearer <JWT signed by your agent key>.");
  }
  const keys = issuer === undefined ? undefined : options.peers.get(issuer);
  if (issuer === undefined || keys === undefined) throw new A2aRefusalError("token_issuer_unknown", `issuer ${JSON.stringify(issuer ?? null)} is not a trusted peer. Fix: add it to a2a.peers with its JWKS URL or pinned key.`);
  const skew = options.skewSeconds ?? 30;
  try {
    const { payload } = await jwtVerify(
      token,
      async (header) => {
        const key = header.kid === undefined ? undefined : await keys.key(header.kid);
        if (key === undefined) throw new A2aRefusalError("token_invalid", `token kid ${String(header.kid)} is not a key of ${issuer}.`);
        return key;
      },
      { algorithms: [agentKeyAlgorithm], audience: options.audience, issuer, currentDate: new Date(options.now()), clockTolerance: skew, requiredClaims: ["iss", "aud", "exp", "iat", "jti"] },
    );
    const lifetime = (payload.exp ?? 0) - (payload.iat ?? 0);
    const maxLifetime = options.maxLifetimeSeconds ?? defaultTokenTtlSeconds;
    if (lifetime > maxLifetime) throw new A2aRefusalError("token_lifetime", `token lives ${lifetime} s; at most ${maxLifetime} s accepted. Fix: issue short-lived tokens.`);
    if ((payload.iat ?? 0) > options.now() / 1000 + skew) throw new A2aRefusalError("token_invalid", "token issued in the future beyond the clock skew.");
    const expiresAt = (payload.exp ?? 0) * 1000;
    const jti = String(payload.jti);
    if (!options.replay.claim(`${issuer}|${jti}`, expiresAt + skew * 1000)) throw new A2aRefusalError("token_replayed", `jti ${jti} from ${issuer} was already used. Fix: a fresh token (new jti) per request.`);
    return { issuer, jti, expiresAt };
  } catch (error) {
    if (error instanceof A2aRefusalError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new A2aRefusalError("token_expired", `token from ${issuer} expired. Fix: refresh the token before exp (TTL ${defaultTokenTtlSeconds} s).`);
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "aud") throw new A2aRefusalError("token_audience", `token is for another audience, not ${options.audience}. Fix: request a token for this agent's URL.`);
    throw new A2aRefusalError("token_invalid", `token from ${issuer} failed verification (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
  }
}

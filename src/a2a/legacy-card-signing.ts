import { FlattenedSign } from "jose";
import { defaultCardTtlSeconds } from "./card-signing.ts";
import { canonicalJson } from "./canonical-json.ts";
import { agentKeyAlgorithm, type SigningKey } from "./agent-keys.ts";

/**
 * Signs a v0.3-shaped card (plain JSON, the shape `legacyAgentCard` builds) as A2A v0.3 §5.5.6 says: a JWS over
 * the JCS (RFC 8785) canonical card without `signatures`, protected header `alg`, `kid`, `typ` and our `exp`.
 * The v1.0 card's signature covers the v1.0 card's canonical form, so a v0.3 client checking it against the
 * card it received would fail: each shape carries a signature over itself, by the same key.
 *
 * @example
 * const signed = await signLegacyCard(legacyAgentCard(card), await keys.signingKey(), { now: Date.now });
 */
export async function signLegacyCard(card: Record<string, unknown>, key: SigningKey, options: { now: () => number; ttlSeconds?: number }): Promise<Record<string, unknown>> {
  const { signatures: _replaced, ...unsigned } = card;
  const exp = Math.floor(options.now() / 1000) + (options.ttlSeconds ?? defaultCardTtlSeconds);
  const jws = await new FlattenedSign(new TextEncoder().encode(canonicalJson(unsigned))).setProtectedHeader({ alg: agentKeyAlgorithm, kid: key.kid, typ: "JOSE", exp }).sign(key.privateKey);
  return { ...unsigned, signatures: [{ protected: jws.protected, signature: jws.signature }] };
}

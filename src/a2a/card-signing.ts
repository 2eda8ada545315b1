import { AgentCard, canonicalizeAgentCard, generateAgentCardSignature } from "@a2a-js/sdk";
import { base64url, decodeProtectedHeader, flattenedVerify } from "jose";
import { z } from "zod";
import { A2aRefusalError } from "./a2a-refusal.ts";
import { agentKeyAlgorithm, type SigningKey } from "./agent-keys.ts";
import type { TrustedKeys } from "./trusted-keys.ts";

/** How long a signed card stays valid by default: a day; peers refetch before `exp`. */
export const defaultCardTtlSeconds = 86_400;

/**
 * Signs a card as A2A §8.4 says: a JWS (RFC 7515, flattened) over the JCS (RFC 8785) canonical card without
 * `signatures`, protected header `alg`, `kid`, `typ` and our `exp` (epoch seconds) so a stale card is refused.
 *
 * @example
 * const signed = await signAgentCard(card, await keys.signingKey(), { now: Date.now });
 */
export async function signAgentCard(card: AgentCard, key: SigningKey, options: { now: () => number; ttlSeconds?: number }): Promise<AgentCard> {
  const exp = Math.floor(options.now() / 1000) + (options.ttlSeconds ?? defaultCardTtlSeconds);
  const unsigned = { ...card, signatures: [] };
  return generateAgentCardSignature(key.privateKey, { alg: agentKeyAlgorithm, kid: key.kid, typ: "JOSE", exp })(unsigned);
}

const wireCardSchema = z.looseObject({
  name: z.string().min(1).max(200),
  supportedInterfaces: z.array(z.looseObject({ url: z.string().url(), protocolBinding: z.string() })).min(1).max(16),
  signatures: z.array(z.looseObject({ protected: z.string().max(4096), signature: z.string().max(4096) })).max(8).optional(),
});

export interface CardCheckOptions {
  /** The peer's keys: pinned, or its trusted JWKS. */
  keys: TrustedKeys;
  now: () => number;
  /** The endpoint the caller is about to use: it must be one the card declares. */
  endpoint?: string;
  /** Bounded clock skew for `exp`; default 30 s. */
  skewSeconds?: number;
}

/**
 * Verifies a peer's card before any call: shape, at least one signature by a trusted kid over the canonical
 * card, not expired, and (when given) the endpoint is one the card declares. Refuses with the reason.
 *
 * @example
 * const card = await verifyAgentCard(await (await fetch(cardUrl)).json(), { keys, now: Date.now, endpoint });
 */
export async function verifyAgentCard(raw: unknown, options: CardCheckOptions): Promise<AgentCard> {
  const shape = wireCardSchema.safeParse(raw);
  if (!shape.success) throw new A2aRefusalError("card_malformed", `card field ${shape.error.issues[0]?.path.join(".") ?? "?"}: ${shape.error.issues[0]?.message ?? "invalid"}. Fix: serve an A2A v1.0 AgentCard.`);
  const card = AgentCard.fromJSON(raw);
  if (card.signatures.length === 0) throw new A2aRefusalError("card_signature", `card "${card.name}" is not signed. Fix: the peer must sign its card (JWS over the JCS card).`);
  const payload = base64url.encode(new TextEncoder().encode(canonicalizeAgentCard(card)));
  let lastReason: A2aRefusalError | undefined;
  for (const signature of card.signatures) {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader({ protected: signature.protected, signature: signature.signature, payload });
    } catch {
      lastReason = new A2aRefusalError("card_signature", `card "${card.name}": a protected header is not base64url JSON.`);
      continue;
    }
    if (header.alg !== agentKeyAlgorithm || typeof header.kid !== "string") {
      lastReason = new A2aRefusalError("card_signature", `card "${card.name}": header alg ${String(header.alg)} / kid ${String(header.kid)}; expected ${agentKeyAlgorithm} and a kid.`);
      continue;
    }
    const key = await options.keys.key(header.kid);
    if (key === undefined) {
      lastReason = new A2aRefusalError("card_unknown_key", `card "${card.name}" is signed by kid ${header.kid}, which is neither pinned nor in the peer's trusted JWKS. Fix: pin the peer's current key or trust its JWKS URL.`);
      continue;
    }
    try {
      await flattenedVerify({ protected: signature.protected, signature: signature.signature, payload }, key, { algorithms: [agentKeyAlgorithm] });
    } catch {
      lastReason = new A2aRefusalError("card_signature", `card "${card.name}": the signature by kid ${header.kid} does not match the card's canonical content (tampered or forged).`);
      continue;
    }
    const exp = typeof header.exp === "number" ? header.exp : undefined;
    const nowSeconds = options.now() / 1000;
    if (exp === undefined || exp + (options.skewSeconds ?? 30) < nowSeconds) {
      lastReason = new A2aRefusalError("card_expired", `card "${card.name}" expired at ${exp === undefined ? "(no exp)" : new Date(exp * 1000).toISOString()}. Fix: refetch the card; the peer re-signs it.`);
      continue;
    }
    if (options.endpoint !== undefined && !card.supportedInterfaces.some((item) => item.url === options.endpoint)) {
      throw new A2aRefusalError("card_endpoint", `card "${card.name}" does not declare ${options.endpoint} (it declares ${card.supportedInterfaces.map((item) => item.url).join(", ")}). Fix: call an endpoint from the card.`);
    }
    return card;
  }
  throw lastReason ?? new A2aRefusalError("card_signature", `card "${card.name}": no valid signature.`);
}

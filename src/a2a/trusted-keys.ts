import { createPublicKey, type KeyObject } from "node:crypto";
import { importJWK, type CryptoKey, type JWK } from "jose";
import { z } from "zod";
import { SwitchyardError } from "../errors.ts";
import { agentKeyAlgorithm } from "./agent-keys.ts";
import { JWKS_MAX_BYTES, readPeerJson } from "./peer-json.ts";

const jwksSchema = z.looseObject({ keys: z.array(z.looseObject({ kty: z.string(), kid: z.string().min(1), crv: z.string().optional(), x: z.string().optional(), y: z.string().optional() })).max(64) });

export interface TrustedKeysOptions {
  /** Keys pinned by config: only these verify, the network is never asked. */
  pinned?: readonly JWK[];
  /** Or a JWKS URL trusted for this peer (fetched, cached, refetched for an unknown kid). */
  jwksUrl?: string;
  fetch?: typeof fetch;
  now?: () => number;
  /** An unknown kid refetches the JWKS at most this often; default 10 s (a flood of bad kids costs one fetch). */
  refetchMs?: number;
}

/**
 * One peer's public keys by kid: pinned, or from its JWKS URL. A kid the peer rotated to is picked up by
 * one refetch; a kid that is nowhere stays unknown (the caller refuses it).
 *
 * @example
 * const keys = new TrustedKeys({ jwksUrl: "http://127.0.0.1:2025/a2a/jwks.json" });
 * const key = await keys.key("kid-1"); // undefined when unknown
 */
export class TrustedKeys {
  readonly #options: TrustedKeysOptions;
  #keys = new Map<string, JWK>();
  readonly #imported = new Map<string, CryptoKey>();
  readonly #objects = new Map<string, KeyObject>();
  #fetchedAt = Number.NEGATIVE_INFINITY;

  constructor(options: TrustedKeysOptions) {
    // Pinning promises that the network is never asked; a JWKS refetch would replace the pinned keys with
    // whatever that URL serves, so the two together are refused rather than one silently winning.
    if ((options.pinned?.length ?? 0) > 0 && options.jwksUrl !== undefined) {
      throw new SwitchyardError("config_invalid", `a peer has both pinned keys and jwksUrl ${options.jwksUrl}. Fix: pin its keys (no network) or trust its JWKS URL, not both.`);
    }
    this.#options = options;
    for (const jwk of options.pinned ?? []) if (jwk.kid !== undefined) this.#keys.set(jwk.kid, jwk);
  }

  async #refetch(): Promise<void> {
    const url = this.#options.jwksUrl;
    const now = (this.#options.now ?? Date.now)();
    if (url === undefined || now - this.#fetchedAt < (this.#options.refetchMs ?? 10_000)) return;
    this.#fetchedAt = now;
    const response = await (this.#options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return;
    const parsed = jwksSchema.safeParse(await readPeerJson(response, JWKS_MAX_BYTES, `JWKS ${url}`));
    if (!parsed.success) return;
    this.#keys = new Map(parsed.data.keys.map((jwk) => [jwk.kid, { ...jwk }]));
    this.#imported.clear();
    this.#objects.clear();
  }

  /** The same key for node:crypto (the per-request token and body checks), or undefined when unknown. */
  async keyObject(kid: string): Promise<KeyObject | undefined> {
    const cached = this.#objects.get(kid);
    if (cached !== undefined) return cached;
    if (!this.#keys.has(kid)) await this.#refetch().catch(() => undefined);
    const jwk = this.#keys.get(kid);
    if (jwk === undefined || jwk.kty !== "EC" || jwk.crv !== "P-256" || jwk.x === undefined || jwk.y === undefined) return undefined;
    try {
      const key = createPublicKey({ key: { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y }, format: "jwk" });
      this.#objects.set(kid, key);
      return key;
    } catch {
      return undefined;
    }
  }

  /** The peer's key for `kid`, or undefined when neither pinned nor published. */
  async key(kid: string): Promise<CryptoKey | undefined> {
    const cached = this.#imported.get(kid);
    if (cached !== undefined) return cached;
    if (!this.#keys.has(kid)) await this.#refetch().catch(() => undefined);
    const jwk = this.#keys.get(kid);
    if (jwk === undefined) return undefined;
    const imported = await importJWK({ ...jwk, alg: agentKeyAlgorithm }, agentKeyAlgorithm).catch(() => undefined);
    if (imported === undefined || imported instanceof Uint8Array) return undefined;
    this.#imported.set(kid, imported);
    return imported;
  }
}

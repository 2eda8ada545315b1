import { createPrivateKey, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import { z } from "zod";
import { SwitchyardError } from "../errors.ts";

/** The signing algorithm of every switchyard agent key: ECDSA P-256, small and fast to verify. */
export const agentKeyAlgorithm = "ES256";

const jwkSchema = z.looseObject({ kty: z.string(), kid: z.string().optional(), crv: z.string().optional(), x: z.string().optional(), y: z.string().optional(), d: z.string().optional() });
const storedKeySchema = z.strictObject({ kid: z.string().min(1), private: jwkSchema, public: jwkSchema, created_at: z.number(), retired_at: z.number().optional() });
const keyFileSchema = z.strictObject({ version: z.literal(1), keys: z.array(storedKeySchema).min(1) });
type StoredKey = z.infer<typeof storedKeySchema>;

/** A key ring file that is not ours (or was edited by hand into something else). */
export class AgentKeyFileError extends SwitchyardError {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super("config_invalid", `A2A key file ${path}: ${problem}. Fix: restore it from backup, or delete it to generate a new key (peers pinning the old kid must re-pin).`);
  }
}

export interface AgentKeyRingOptions {
  /** Where the keys persist (JSON, mode 0600); omitted keeps them in memory only (tests). */
  path?: string;
  now?: () => number;
  /** How long a retired key still verifies after a rotation; default one hour. */
  graceMs?: number;
}

/** The signing key in use: its kid, a private key for jose (cards) and the same key for node:crypto (per request). */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  keyObject: KeyObject;
}

async function newKey(now: number): Promise<StoredKey> {
  const { privateKey, publicKey } = await generateKeyPair(agentKeyAlgorithm, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  return { kid, private: { ...privateJwk, kty: "EC", kid }, public: { ...publicJwk, kty: "EC", kid, alg: agentKeyAlgorithm, use: "sig" }, created_at: now };
}

/**
 * This agent's signing keys: the newest signs, retired ones still verify for a grace period after a
 * rotation (so tokens and cards signed just before it stay valid), and all valid ones are published as JWKS.
 *
 * @example
 * const keys = await AgentKeyRing.open({ path: ".switchyard/a2a-keys.json" });
 * const jwks = keys.jwks(); // { keys: [{ kty: "EC", kid, ... }] }
 */
export class AgentKeyRing {
  readonly #keys: StoredKey[];
  readonly #options: AgentKeyRingOptions;
  readonly #imported = new Map<string, SigningKey>();

  private constructor(keys: StoredKey[], options: AgentKeyRingOptions) {
    this.#keys = keys;
    this.#options = options;
  }

  /** Loads the ring from its file, or generates a first key (and writes the file). */
  static async open(options: AgentKeyRingOptions = {}): Promise<AgentKeyRing> {
    const now = (options.now ?? Date.now)();
    const path = options.path;
    if (path !== undefined && existsSync(path)) {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(path, "utf8"));
      } catch (error) {
        throw new AgentKeyFileError(path, `not JSON (${error instanceof Error ? error.message : String(error)})`);
      }
      const parsed = keyFileSchema.safeParse(raw);
      if (!parsed.success) throw new AgentKeyFileError(path, `field ${parsed.error.issues[0]?.path.join(".") ?? "?"}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
      return new AgentKeyRing(parsed.data.keys, options);
    }
    const ring = new AgentKeyRing([await newKey(now)], options);
    ring.#persist();
    return ring;
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  #persist(): void {
    const path = this.#options.path;
    if (path === undefined) return;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify({ version: 1, keys: this.#keys }, null, 2), { mode: 0o600 });
  }

  #valid(key: StoredKey): boolean {
    return key.retired_at === undefined || this.#now() - key.retired_at < (this.#options.graceMs ?? 3_600_000);
  }

  /** Signs with a new key from now on; the previous one verifies for the grace period, then drops out. */
  async rotate(): Promise<string> {
    const now = this.#now();
    for (const key of this.#keys) key.retired_at ??= now;
    const fresh = await newKey(now);
    this.#keys.push(fresh);
    // Keys past their grace are dropped for good: nothing may verify against them again.
    const kept = this.#keys.filter((key) => this.#valid(key));
    this.#keys.splice(0, this.#keys.length, ...kept);
    this.#persist();
    return fresh.kid;
  }

  /** The key that signs now. */
  async signingKey(): Promise<SigningKey> {
    const current = this.#keys.at(-1);
    if (current === undefined) throw new AgentKeyFileError(this.#options.path ?? "(memory)", "the ring holds no key");
    let key = this.#imported.get(current.kid);
    if (key === undefined) {
      const imported = await importJWK(current.private, agentKeyAlgorithm);
      if (imported instanceof Uint8Array) throw new AgentKeyFileError(this.#options.path ?? "(memory)", `key ${current.kid} is not an EC key`);
      key = { kid: current.kid, privateKey: imported, keyObject: createPrivateKey({ key: { ...current.private, kty: "EC" }, format: "jwk" }) };
      this.#imported.set(current.kid, key);
    }
    return key;
  }

  /** Public keys that verify now (current and those in their grace period), as a JWKS document. */
  jwks(): { keys: JWK[] } {
    return { keys: this.#keys.filter((key) => this.#valid(key)).map((key) => ({ ...key.public })) };
  }
}

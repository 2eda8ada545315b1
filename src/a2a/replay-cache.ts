/**
 * Remembers each token id (`jti`) until its token expires, so a captured token is accepted once. Entries
 * leave when their token could no longer verify anyway; a bounded size refuses (rather than forgets) when
 * full, so a flood cannot push a live jti out and replay it.
 *
 * @example
 * const seen = new ReplayCache({ now: Date.now });
 * seen.claim("jti-1", expiresAtMs); // true, then false for the same jti
 */
export class ReplayCache {
  readonly #seen = new Map<string, number>();
  readonly #now: () => number;
  readonly #maxEntries: number;

  constructor(options: { now: () => number; maxEntries?: number }) {
    this.#now = options.now;
    this.#maxEntries = options.maxEntries ?? 100_000;
  }

  /** True the first time `jti` is presented before `expiresAtMs`; false for a replay (or a full cache). */
  claim(jti: string, expiresAtMs: number): boolean {
    const now = this.#now();
    if (this.#seen.size >= this.#maxEntries) this.#sweep(now);
    const known = this.#seen.get(jti);
    if (known !== undefined && known > now) return false;
    if (this.#seen.size >= this.#maxEntries) return false;
    this.#seen.set(jti, expiresAtMs);
    return true;
  }

  #sweep(now: number): void {
    for (const [jti, expiresAt] of this.#seen) if (expiresAt <= now) this.#seen.delete(jti);
  }

  get size(): number {
    return this.#seen.size;
  }
}

/**
 * Where a token id is claimed once: `true` the first time `jti` is presented before `expiresAtMs`, `false` for
 * a replay. A process-local cache, or a table every server process on the same storage shares.
 */
export interface ReplayGuard {
  claim(jti: string, expiresAtMs: number): boolean | Promise<boolean>;
}

/**
 * Remembers each token id (`jti`) until its token expires, so a captured token is accepted once by this
 * process (`SharedReplayGuard` extends that to every process on the same storage). Entries
 * leave when their token could no longer verify anyway; a bounded size refuses (rather than forgets) when
 * full, so a flood cannot push a live jti out and replay it.
 *
 * @example
 * const seen = new ReplayCache({ now: Date.now });
 * seen.claim("jti-1", expiresAtMs); // true, then false for the same jti
 */
export class ReplayCache implements ReplayGuard {
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

/**
 * A process-local cache in front of a claim every server process sharing the storage sees: a replay to the
 * same process is refused without a write, a replay to another process (a second replica, a restarted one)
 * by the shared row. Both must accept.
 *
 * @example
 * const guard = new SharedReplayGuard(new ReplayCache({ now }), (jti, expiresAt) => storage.a2aTasks.claimTokenId(jti, expiresAt));
 */
export class SharedReplayGuard implements ReplayGuard {
  readonly #local: ReplayGuard;
  readonly #shared: (jti: string, expiresAtMs: number) => Promise<boolean>;

  constructor(local: ReplayGuard, shared: (jti: string, expiresAtMs: number) => Promise<boolean>) {
    this.#local = local;
    this.#shared = shared;
  }

  async claim(jti: string, expiresAtMs: number): Promise<boolean> {
    return (await this.#local.claim(jti, expiresAtMs)) && this.#shared(jti, expiresAtMs);
  }
}

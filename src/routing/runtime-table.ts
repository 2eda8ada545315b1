import type { DeploymentRuntime } from "./state-store.ts";

/**
 * The numbers selection reads about a group's deployments, one column per field, one entry per deployment in
 * the group's order. A filter or strategy pass then streams through the one or two columns it needs (8 KB each
 * at 1,000 deployments) instead of chasing a pointer to every runtime object; the memory store keeps a table
 * per group current on every write.
 *
 * Beside the columns, upper bounds over all rows (raised on every write, made exact again by `settleBounds`) let
 * the filter skip a check that no row can fail: with no deployment anywhere near a limit, the limit checks cost
 * nothing per deployment.
 *
 * @example
 * const table = RuntimeTable.from(runtimes, deployments.length);
 * if (table.cooldownUntil[index] > now) console.log(`${deployments[index].id} is cooling down`);
 */
export class RuntimeTable {
  /** How many leading rows describe a runtime the caller knows; the rest are fresh fill-ins. */
  known: number;
  readonly cooldownUntil: Float64Array;
  readonly inFlight: Float64Array;
  readonly requestsInWindow: Float64Array;
  readonly tokensInWindow: Float64Array;
  /** NaN where no request is in the window (`oldestInWindowAt: null`). */
  readonly oldestInWindowAt: Float64Array;
  readonly latencyMs: Float64Array;
  readonly latencyUpdatedAt: Float64Array;
  /** At least the largest value of the column (never less; equal right after `settleBounds`). */
  latestCooldownUntil = 0;
  mostInFlight = 0;
  mostRequestsInWindow = 0;
  mostTokensInWindow = 0;
  /** False once the row holding a bound's value lowers it: then `settleBounds` may find the bound lower. */
  cooldownBoundExact = true;
  limitBoundsExact = true;
  /** Changes whenever a row's `cooldownUntil` does: a result that depends only on cooldowns is still right while it holds. */
  cooldownVersion = 0;
  /**
   * The row whose cooldown changed to make version `v`, at `v % cooldownLogSize`: a result of an earlier version
   * (at most `cooldownLogSize` back) is brought up to date by revisiting those rows alone.
   */
  readonly cooldownLog = new Int32Array(cooldownLogSize);
  /**
   * Latency samples counted in `latencySum`, `latencyCount` and `slowestLatency`: rows `[0, latencyRows)` with a
   * sample taken at or after `countedSince`. Kept on every write, so the triad's normalisers (slowest and mean
   * latency of the group) cost nothing per deployment; `freshLatency` makes them exact for a staleness cutoff.
   */
  latencyRows: number;
  /** `latencyMs` where the sample is counted, NaN elsewhere: after `freshLatency(cutoff)`, the fresh samples alone. */
  readonly freshLatencyMs: Float64Array;
  countedSince = Number.NEGATIVE_INFINITY;
  latencySum = 0;
  latencyCount = 0;
  /** At least the largest counted sample (equal after `freshLatency`). */
  slowestLatency = 0;
  slowestLatencyExact = true;
  /** At most the oldest counted sample's time: while it is not before a cutoff, no counted sample is stale. */
  oldestCountedAt = Number.POSITIVE_INFINITY;

  constructor(rows: number) {
    this.known = rows;
    this.cooldownUntil = new Float64Array(rows);
    this.inFlight = new Float64Array(rows);
    this.requestsInWindow = new Float64Array(rows);
    this.tokensInWindow = new Float64Array(rows);
    this.oldestInWindowAt = new Float64Array(rows).fill(Number.NaN);
    this.latencyMs = new Float64Array(rows).fill(Number.NaN);
    this.latencyUpdatedAt = new Float64Array(rows);
    this.latencyRows = rows;
    this.freshLatencyMs = new Float64Array(rows).fill(Number.NaN);
  }

  /** How many deployments the table has rows for. */
  get rows(): number {
    return this.cooldownUntil.length;
  }

  /** Copies one runtime into row `index`. */
  write(index: number, runtime: DeploymentRuntime): void {
    const cooldownUntil = this.cooldownUntil[index] as number;
    if (cooldownUntil !== runtime.cooldownUntil) {
      this.#cooldownChanged(index);
      if (cooldownUntil === this.latestCooldownUntil && runtime.cooldownUntil < cooldownUntil) this.cooldownBoundExact = false;
    }
    if (
      (this.inFlight[index] === this.mostInFlight && runtime.inFlight < this.mostInFlight) ||
      (this.requestsInWindow[index] === this.mostRequestsInWindow && runtime.requestsInWindow < this.mostRequestsInWindow) ||
      (this.tokensInWindow[index] === this.mostTokensInWindow && runtime.tokensInWindow < this.mostTokensInWindow)
    ) {
      this.limitBoundsExact = false;
    }
    this.cooldownUntil[index] = runtime.cooldownUntil;
    this.inFlight[index] = runtime.inFlight;
    this.requestsInWindow[index] = runtime.requestsInWindow;
    this.tokensInWindow[index] = runtime.tokensInWindow;
    this.oldestInWindowAt[index] = runtime.oldestInWindowAt ?? Number.NaN;
    if (this.latencyMs[index] !== runtime.latencyMs || this.latencyUpdatedAt[index] !== runtime.latencyUpdatedAt) {
      this.#uncount(index);
      this.latencyMs[index] = runtime.latencyMs;
      this.latencyUpdatedAt[index] = runtime.latencyUpdatedAt;
      this.#count(index);
    }
    if (runtime.cooldownUntil > this.latestCooldownUntil) this.latestCooldownUntil = runtime.cooldownUntil;
    if (runtime.inFlight > this.mostInFlight) this.mostInFlight = runtime.inFlight;
    if (runtime.requestsInWindow > this.mostRequestsInWindow) this.mostRequestsInWindow = runtime.requestsInWindow;
    if (runtime.tokensInWindow > this.mostTokensInWindow) this.mostTokensInWindow = runtime.tokensInWindow;
  }

  /** Row `index` as a deployment nothing is known about (see `freshRuntime`). */
  writeFresh(index: number): void {
    if (this.cooldownUntil[index] !== 0) this.#cooldownChanged(index);
    this.#uncount(index);
    this.freshLatencyMs[index] = Number.NaN;
    // Fresh rows hold zeros, which only ever lower a bound: callers settle afterwards (`from` does).
    this.cooldownBoundExact = false;
    this.limitBoundsExact = false;
    this.cooldownUntil[index] = 0;
    this.inFlight[index] = 0;
    this.requestsInWindow[index] = 0;
    this.tokensInWindow[index] = 0;
    this.oldestInWindowAt[index] = Number.NaN;
    this.latencyMs[index] = Number.NaN;
    this.latencyUpdatedAt[index] = 0;
  }

  #cooldownChanged(index: number): void {
    this.cooldownVersion += 1;
    this.cooldownLog[this.cooldownVersion % cooldownLogSize] = index;
  }

  /** True when row `index` holds a sample counted in the latency sums. */
  #counted(index: number): boolean {
    return index < this.latencyRows && !Number.isNaN(this.latencyMs[index] as number) && (this.latencyUpdatedAt[index] as number) >= this.countedSince;
  }

  /** Takes row `index`'s sample out of the sums before it is overwritten. */
  #uncount(index: number): void {
    if (!this.#counted(index)) return;
    const value = this.latencyMs[index] as number;
    this.latencySum -= value;
    this.latencyCount -= 1;
    if (value === this.slowestLatency) this.slowestLatencyExact = false;
  }

  #count(index: number): void {
    if (!this.#counted(index)) {
      this.freshLatencyMs[index] = Number.NaN;
      return;
    }
    const value = this.latencyMs[index] as number;
    this.freshLatencyMs[index] = value;
    this.latencySum += value;
    this.latencyCount += 1;
    // At or above an upper bound of every other sample: the largest, exactly.
    if (value >= this.slowestLatency) {
      this.slowestLatency = value;
      this.slowestLatencyExact = true;
    }
    const at = this.latencyUpdatedAt[index] as number;
    if (at < this.oldestCountedAt) this.oldestCountedAt = at;
  }

  /**
   * Makes the latency sums count exactly the samples taken at or after `staleBefore` (a sample older than the
   * ttl counts as none): `slowestLatency` is then the slowest of them and `latencySum / latencyCount` their mean.
   * A pass over two columns only when a counted sample may have gone stale or the slowest row was lowered;
   * otherwise nothing. The pass also clears the rounding the running sum has gathered.
   */
  freshLatency(staleBefore: number): void {
    if (this.slowestLatencyExact && this.oldestCountedAt >= staleBefore && staleBefore >= this.countedSince) return;
    this.countLatency(staleBefore);
  }

  /** Counts, from scratch, the samples of rows `[0, latencyRows)` taken at or after `staleBefore`. */
  countLatency(staleBefore: number): void {
    const { latencyMs, latencyUpdatedAt, freshLatencyMs } = this;
    let sum = 0;
    let count = 0;
    let slowest = 0;
    let oldest = Number.POSITIVE_INFINITY;
    for (let index = 0; index < this.latencyRows; index += 1) {
      const value = latencyMs[index] as number;
      const at = latencyUpdatedAt[index] as number;
      if (Number.isNaN(value) || at < staleBefore) {
        freshLatencyMs[index] = Number.NaN;
        continue;
      }
      freshLatencyMs[index] = value;
      sum += value;
      count += 1;
      if (value > slowest) slowest = value;
      if (at < oldest) oldest = at;
    }
    this.countedSince = staleBefore;
    this.latencySum = sum;
    this.latencyCount = count;
    this.slowestLatency = slowest;
    this.slowestLatencyExact = true;
    this.oldestCountedAt = oldest;
  }

  /**
   * Lowers the bounds to the largest values in rows `[0, size)`: after cooldowns end and leases are released
   * the raised bounds would otherwise keep every check on. One pass over four columns.
   */
  settleBounds(size: number): void {
    let cooldownUntil = 0;
    let inFlight = 0;
    let requests = 0;
    let tokens = 0;
    for (let index = 0; index < size; index += 1) {
      cooldownUntil = Math.max(cooldownUntil, this.cooldownUntil[index] as number);
      inFlight = Math.max(inFlight, this.inFlight[index] as number);
      requests = Math.max(requests, this.requestsInWindow[index] as number);
      tokens = Math.max(tokens, this.tokensInWindow[index] as number);
    }
    this.latestCooldownUntil = cooldownUntil;
    this.mostInFlight = inFlight;
    this.mostRequestsInWindow = requests;
    this.mostTokensInWindow = tokens;
    this.cooldownBoundExact = true;
    this.limitBoundsExact = true;
  }

  /**
   * A table of `size` rows from runtime objects (missing ones fresh), for callers that hold arrays (the Redis
   * store, tests). The table is reused by the next call: read it before selecting again.
   */
  static from(runtimes: readonly DeploymentRuntime[], size: number): RuntimeTable {
    let table = scratch;
    if (table === undefined || table.rows < size) {
      table = new RuntimeTable(size * 2);
      scratch = table;
    }
    const known = Math.min(runtimes.length, size);
    for (let index = 0; index < known; index += 1) table.write(index, runtimes[index] as DeploymentRuntime);
    for (let index = known; index < size; index += 1) table.writeFresh(index);
    table.known = known;
    table.settleBounds(size);
    // Rows past `size` hold an earlier caller's numbers: the latency sums cover this group's rows only.
    table.latencyRows = size;
    table.countLatency(Number.NEGATIVE_INFINITY);
    return table;
  }
}

/** How many cooldown changes a filter result can be patched across before it is recomputed instead. */
const cooldownLogSize = 16;

let scratch: RuntimeTable | undefined;

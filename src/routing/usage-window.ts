/**
 * One deployment's admissions in the last minute, as two parallel number arrays with a moving head: one entry
 * per admitted request, no object and no lease id per entry. At thousands of requests a second a minute's
 * window holds hundreds of thousands of entries; as numbers they cost the garbage collector nothing to trace.
 * Each entry has a sequence number (`base + index`), which a lease keeps so its release can correct the
 * token estimate in O(1) instead of searching the window.
 */
export class UsageWindow {
  times: number[] = [];
  tokens: number[] = [];
  head = 0;
  /** The sequence number of `times[0]`. */
  #base = 0;

  get size(): number {
    return this.times.length - this.head;
  }

  /** The oldest admission still in the window, or undefined when it is empty. */
  get oldest(): number | undefined {
    return this.head < this.times.length ? this.times[this.head] : undefined;
  }

  /** Adds an admission; answers its sequence number. */
  push(time: number, tokens: number): number {
    this.times.push(time);
    this.tokens.push(tokens);
    return this.#base + this.times.length - 1;
  }

  /** Drops admissions at or before `cutoff`; answers the tokens they held so running sums stay right. */
  dropThrough(cutoff: number): number {
    let dropped = 0;
    while (this.head < this.times.length && (this.times[this.head] as number) <= cutoff) {
      dropped += this.tokens[this.head] as number;
      this.head += 1;
    }
    if (this.head > 64 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.tokens = this.tokens.slice(this.head);
      this.#base += this.head;
      this.head = 0;
    }
    return dropped;
  }

  /**
   * Replaces an admission's token estimate with the actual count; answers the change, or 0 when the entry has
   * already left the window (its tokens no longer count against the limit).
   */
  correct(sequence: number, actualTokens: number): number {
    const index = sequence - this.#base;
    if (index < this.head || index >= this.times.length) return 0;
    const change = actualTokens - (this.tokens[index] as number);
    this.tokens[index] = actualTokens;
    return change;
  }
}

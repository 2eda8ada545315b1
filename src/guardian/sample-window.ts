/**
 * A fixed-size ring of numbers with a running sum: push is O(1) and returns the sample it pushed out,
 * so a caller can hand it on (recent window -> baseline). Quantiles sort a copy, on demand only.
 */
export class SampleWindow {
  readonly #values: Float64Array;
  #head = 0;
  #count = 0;
  #sum = 0;
  #sorted: Float64Array | undefined;
  #pushesSinceSort = 0;
  #pushes = 0;
  readonly #staleness: number;

  /**
   * @param staleness quantiles may lag this many pushes behind (a long baseline barely moves per sample, and
   *   re-sorting it on every request is most of the guardian's cost).
   */
  constructor(capacity: number, staleness = 0) {
    this.#values = new Float64Array(Math.max(1, capacity));
    this.#staleness = staleness;
  }

  get count(): number {
    return this.#count;
  }

  get capacity(): number {
    return this.#values.length;
  }

  /** Samples pushed since the window was made: a version for figures derived from it. */
  get pushes(): number {
    return this.#pushes;
  }

  /** How many pushes derived figures may lag behind (see the constructor). */
  get staleness(): number {
    return this.#staleness;
  }

  /** Adds a sample; returns the evicted one, or undefined while the window is filling. */
  push(value: number): number | undefined {
    const capacity = this.#values.length;
    let evicted: number | undefined;
    if (this.#count === capacity) {
      evicted = this.#values[this.#head];
      this.#sum -= evicted ?? 0;
    } else {
      this.#count += 1;
    }
    this.#values[this.#head] = value;
    this.#sum += value;
    this.#head = (this.#head + 1) % capacity;
    this.#pushesSinceSort += 1;
    this.#pushes += 1;
    return evicted;
  }

  mean(): number {
    return this.#count === 0 ? Number.NaN : this.#sum / this.#count;
  }

  /** Nearest-rank quantile (q in 0..1); NaN when empty. */
  quantile(q: number): number {
    if (this.#count === 0) return Number.NaN;
    if (this.#sorted === undefined || this.#pushesSinceSort > this.#staleness) {
      this.#sorted = this.#values.slice(0, this.#count).sort();
      this.#pushesSinceSort = 0;
    }
    const sorted = this.#sorted;
    const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
    return sorted[rank] ?? Number.NaN;
  }

  /** How many of the newest samples in a row equal `value` (0 when the newest does not): O(that run). */
  trailingRun(value: number): number {
    const capacity = this.#values.length;
    let run = 0;
    while (run < this.#count && this.#values[(this.#head - 1 - run + 2 * capacity) % capacity] === value) run += 1;
    return run;
  }

  clear(): void {
    this.#head = 0;
    this.#count = 0;
    this.#sum = 0;
    this.#sorted = undefined;
  }

  /** Oldest first, for persistence. */
  toArray(): number[] {
    const capacity = this.#values.length;
    const start = this.#count === capacity ? this.#head : 0;
    return Array.from({ length: this.#count }, (_, index) => this.#values[(start + index) % capacity] ?? 0);
  }

  static from(capacity: number, values: readonly number[], staleness = 0): SampleWindow {
    const window = new SampleWindow(capacity, staleness);
    for (const value of values.slice(-capacity)) window.push(value);
    return window;
  }
}

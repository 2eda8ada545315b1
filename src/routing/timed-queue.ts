/** A time-ordered queue with a moving head, so pruning the window is amortised O(1). */
export class TimedQueue<T> {
  times: number[] = [];
  values: T[] = [];
  head = 0;

  get size(): number {
    return this.times.length - this.head;
  }

  push(time: number, value: T): void {
    this.times.push(time);
    this.values.push(value);
  }

  /** Drops entries with time <= `cutoff`; calls `onDrop` for each so running sums stay right. */
  dropThrough(cutoff: number, onDrop?: (value: T) => void): void {
    while (this.head < this.times.length && (this.times[this.head] as number) <= cutoff) {
      if (onDrop) onDrop(this.values[this.head] as T);
      this.head += 1;
    }
    if (this.head > 64 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.values = this.values.slice(this.head);
      this.head = 0;
    }
  }
}

/** The median of some figures (the middle two averaged for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Per round, one path's block minus another's (`a[i] − b[i]`): blocks measured next to each other share the
 * machine's state at that time, so the pair's difference keeps less of its drift than a difference of totals.
 */
export function paired(a: readonly number[], b: readonly number[]): number[] {
  return a.slice(0, b.length).map((value, index) => value - b[index]!);
}

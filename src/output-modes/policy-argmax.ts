/** The first candidate with the highest value: ties go to the earlier (caller-ordered) mode. */
export function argmax<T>(candidates: readonly T[], value: (candidate: T) => number): T {
  let best = candidates[0] as T;
  let bestValue = -Infinity;
  for (const candidate of candidates) {
    const current = value(candidate);
    if (current > bestValue) {
      best = candidate;
      bestValue = current;
    }
  }
  return best;
}

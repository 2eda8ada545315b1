/** The first candidate with the highest value: ties (within `slack`) go to the earlier (caller-ordered) mode. */
export function argmax<T>(candidates: readonly T[], value: (candidate: T) => number, slack = 0): T {
  let best = candidates[0] as T;
  let bestValue = -Infinity;
  for (const candidate of candidates) {
    const current = value(candidate);
    if (current > bestValue + slack) {
      best = candidate;
      bestValue = current;
    }
  }
  return best;
}

/** The candidates with `preferred` (if among them) moved to the front, the rest in their order: ties then go to it. */
export function preferFirst<T>(candidates: readonly T[], preferred: T | undefined): T[] {
  return preferred === undefined || !candidates.includes(preferred) ? [...candidates] : [preferred, ...candidates.filter((candidate) => candidate !== preferred)];
}

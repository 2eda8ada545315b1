import type { PolicyTrace } from "./triad-policies.ts";

/**
 * Where the adaptive policy's gap to the best fixed mode comes from, in points of correct rate (the three
 * parts sum to the paired gap). Each adaptive request is paired with the best fixed mode's answer to the same
 * request (same emulator draws on first attempts) and its difference is charged to why the policy chose
 * its first mode:
 * - `exploration`: the choice explored (a mode that was not the policy's current best);
 * - `convergence`: the policy exploited a mode other than the best fixed one (it believes the wrong mode best);
 * - `residual`: it exploited the best fixed mode itself (retries, shadows shifting a draw: noise, near 0).
 */
export interface GapDecomposition {
  exploration: number;
  convergence: number;
  residual: number;
  /** Share of requests that explored, and that exploited a mode other than the best fixed one. */
  explorationShare: number;
  otherModeShare: number;
  /** The same share over the second half of the requests: where the policy settled. */
  otherModeShareLate: number;
}

/**
 * Splits the gap of the adaptive run against `bestFixed` ("fixed emit", ...) on one backend, over the traces
 * of every seed given (indices are per seed, so pass each seed's traces as one list).
 *
 * @example
 * const parts = decomposeGap([seed7.traces, seed8.traces], "openai-gpt-4o-mini", "fixed emit");
 * // parts.exploration + parts.convergence + parts.residual === the paired gap
 */
export function decomposeGap(seedTraces: ReadonlyArray<readonly PolicyTrace[]>, backend: string, bestFixed: string): GapDecomposition {
  const bestMode = bestFixed.replace(/^fixed /, "");
  const sums = { exploration: 0, convergence: 0, residual: 0, explored: 0, other: 0, late: 0, lateOther: 0, requests: 0 };
  for (const traces of seedTraces) {
    const best = new Map(traces.filter((trace) => trace.policy === bestFixed && trace.backend === backend).map((trace) => [trace.index, trace.correct ? 1 : 0]));
    const adaptive = traces.filter((trace) => trace.policy === "adaptive" && trace.backend === backend);
    const half = adaptive.length / 2;
    for (const trace of adaptive) {
      const difference = (best.get(trace.index) ?? 0) - (trace.correct ? 1 : 0);
      sums.requests += 1;
      const other = !trace.explored && trace.firstMode !== bestMode;
      if (trace.index >= half) {
        sums.late += 1;
        if (other) sums.lateOther += 1;
      }
      if (trace.explored) {
        sums.exploration += difference;
        sums.explored += 1;
      } else if (other) {
        sums.convergence += difference;
        sums.other += 1;
      } else sums.residual += difference;
    }
  }
  const share = (value: number, total: number) => (total === 0 ? 0 : value / total);
  return {
    exploration: share(sums.exploration, sums.requests),
    convergence: share(sums.convergence, sums.requests),
    residual: share(sums.residual, sums.requests),
    explorationShare: share(sums.explored, sums.requests),
    otherModeShare: share(sums.other, sums.requests),
    otherModeShareLate: share(sums.lateOther, sums.late),
  };
}

import { latencyP95, type ModeStatistics } from "./mode-statistics.ts";
import type { OutputMode } from "./protocol.ts";

/** One candidate's score without its correctness term: `score = correctnessWeight * correctness + rest`. */
export interface ModeScoreParts {
  /** The request's normalised correctness weight (the same for every mode). */
  correctnessWeight: number;
  /** Weighted latency and cost scores, each relative to the best observed candidate. */
  rest: Partial<Record<OutputMode, number>>;
}

/**
 * The latency and cost parts of each candidate's triad score (EWMA latency blended with p95; observed cost,
 * or tokens where calls are free, or the cost model's estimate for this request's schema), kept apart from
 * correctness so the policy can score a mode with its mean correctness or with a posterior draw.
 *
 * @example
 * const { correctnessWeight, rest } = modeScoreParts(rows, [0.625, 0.1875, 0.1875], expectedCost);
 * const score = correctnessWeight * 0.97 + (rest.emit ?? 0);
 */
export function modeScoreParts(
  rows: ReadonlyArray<{ mode: OutputMode; statistics: ModeStatistics | undefined }>,
  /** The request's triad weights (correctness, latency, cost), already normalised to sum 1. */
  [wc, wl, wk]: readonly [number, number, number],
  expectedCost?: Partial<Record<OutputMode, number>>,
  /** Per mode, the share of its answers the gateway will retry in another mode (its expected invalid share). */
  retried: Partial<Record<OutputMode, number>> = {},
): ModeScoreParts {
  const observed = rows.filter((row): row is { mode: OutputMode; statistics: ModeStatistics } => row.statistics !== undefined && row.statistics.count > 0);
  const latencyOf = (statistics: ModeStatistics) => 0.7 * statistics.latencyEwma + 0.3 * latencyP95(statistics);
  const freeCalls = observed.every((row) => row.statistics.costEwma === 0);
  const costOf = (statistics: ModeStatistics) => (freeCalls ? statistics.tokensEwma : statistics.costEwma);
  // An answer the gateway retries costs its own call plus the retry's (priced at the other modes' mean).
  const withRetry = (measure: (statistics: ModeStatistics) => number) => (row: { mode: OutputMode; statistics: ModeStatistics }) => {
    const others = observed.filter((other) => other.mode !== row.mode).map((other) => measure(other.statistics));
    const retry = others.length === 0 ? 0 : others.reduce((sum, value) => sum + value, 0) / others.length;
    return measure(row.statistics) + (retried[row.mode] ?? 0) * retry;
  };
  const relative = (measure: (statistics: ModeStatistics) => number) => {
    const expected = withRetry(measure);
    const byMode = new Map(observed.map((row) => [row.mode, expected(row)]));
    const values = [...byMode.values()];
    const best = Math.min(...values);
    const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
    return (statistics: ModeStatistics | undefined): number => {
      const value = statistics === undefined || statistics.count === 0 ? mean : (byMode.get(statistics.mode) ?? measure(statistics));
      return values.length === 0 || value <= 0 ? 1 : Math.min(1, best / value);
    };
  };
  const latencyScore = relative(latencyOf);
  const costScore = relative(costOf);
  // Observed cost mixes every schema's answers; the cost model's estimate is for this request's schema. It
  // ranks only modes already observed on this deployment, as latency does: an estimate that favours a mode
  // before any answer of it was seen drew the policy onto it, and once it had many answers and the default
  // few, validity priors hid that it was valid but wrong (OpenAI compressed: 9 points behind emit).
  const seen = observed.filter((row) => (expectedCost?.[row.mode] ?? 0) > 0);
  const cheapest = Math.min(...seen.map((row) => expectedCost?.[row.mode] ?? Infinity));
  const rest: Partial<Record<OutputMode, number>> = {};
  for (const { mode, statistics } of rows) {
    const expected = expectedCost?.[mode];
    const cost = statistics !== undefined && statistics.count > 0 && expected !== undefined && expected > 0 && Number.isFinite(cheapest) ? Math.min(1, cheapest / expected) : costScore(statistics);
    rest[mode] = wl * latencyScore(statistics) + wk * cost;
  }
  return { correctnessWeight: wc, rest };
}

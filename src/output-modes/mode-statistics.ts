import type { OutputMode } from "./protocol.ts";

/** One finished call in a mode, as the adaptive policy learns from it. */
export interface ModeOutcome {
  deployment: string;
  mode: OutputMode;
  /** The answer passed the schema. */
  valid: boolean;
  /** The answer equalled the gold label; leave undefined when no gold is known (valid then stands in). */
  correct?: boolean;
  latencyMs: number;
  tokens: number;
  costUsd: number;
}

/** Online statistics for one (deployment, mode). Plain data, so it serialises as it is. */
export interface ModeStatistics {
  deployment: string;
  mode: OutputMode;
  count: number;
  valid: number;
  correct: number;
  latencyEwma: number;
  /** The most recent latencies (bounded), for the p95 estimate. */
  latencyWindow: number[];
  tokensEwma: number;
  costEwma: number;
}

export const LATENCY_WINDOW = 50;

/** Fresh statistics for a (deployment, mode) never seen. */
export function emptyStatistics(deployment: string, mode: OutputMode): ModeStatistics {
  return { deployment, mode, count: 0, valid: 0, correct: 0, latencyEwma: 0, latencyWindow: [], tokensEwma: 0, costEwma: 0 };
}

/** Folds one outcome in; the first observation seeds the moving averages instead of pulling them from 0. */
export function recordOutcome(statistics: ModeStatistics, outcome: ModeOutcome, alpha: number): void {
  const blend = (previous: number, next: number) => (statistics.count === 0 ? next : previous + alpha * (next - previous));
  statistics.latencyEwma = blend(statistics.latencyEwma, outcome.latencyMs);
  statistics.tokensEwma = blend(statistics.tokensEwma, outcome.tokens);
  statistics.costEwma = blend(statistics.costEwma, outcome.costUsd);
  statistics.count += 1;
  if (outcome.valid) statistics.valid += 1;
  if (outcome.correct ?? outcome.valid) statistics.correct += 1;
  statistics.latencyWindow.push(outcome.latencyMs);
  if (statistics.latencyWindow.length > LATENCY_WINDOW) statistics.latencyWindow.shift();
}

/** The 95th percentile of the recent window (nearest rank); 0 with no data. */
export function latencyP95(statistics: ModeStatistics): number {
  if (statistics.latencyWindow.length === 0) return 0;
  const sorted = [...statistics.latencyWindow].sort((left, right) => left - right);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}

/** Share of calls whose answer passed the schema. */
export function validRate(statistics: ModeStatistics): number {
  return statistics.count === 0 ? 0 : statistics.valid / statistics.count;
}

import type { GuardianConfig } from "../config/guardian-config.ts";
import type { KeyStatistics } from "./key-statistics.ts";

/** One (deployment, mode) as Studio and `switchyard guardian` show it. */
export interface BaselineSummary {
  deployment: string;
  mode: string;
  samples: number;
  baseline_samples: number;
  warmed_up: boolean;
  p95_ms: number | null;
  baseline_p95_ms: number | null;
  correct_rate: number | null;
  baseline_correct_rate: number | null;
  error_rate: number | null;
  learning: boolean;
}

const orNull = (value: number) => (Number.isNaN(value) ? null : Number(value.toFixed(4)));

/** Each (deployment, mode)'s figures, for Studio, `switchyard guardian` and the guardian graph's state. */
export function summarizeKeys(keys: Iterable<KeyStatistics>, config: GuardianConfig): BaselineSummary[] {
  return [...keys].map((key) => ({
    deployment: key.deployment,
    mode: key.mode,
    samples: key.recent.error.count,
    baseline_samples: key.baseline.error.count,
    warmed_up: key.baseline.latency.count >= config.warmup_samples,
    p95_ms: orNull(key.recent.latency.quantile(0.95)),
    baseline_p95_ms: orNull(key.baseline.latency.quantile(0.95)),
    correct_rate: orNull(key.recent.correct.mean()),
    baseline_correct_rate: orNull(key.baseline.correct.mean()),
    error_rate: orNull(key.recent.error.mean()),
    learning: key.learning,
  }));
}

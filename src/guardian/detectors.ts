import type { GuardianConfig } from "../config/guardian-config.ts";
import type { KeyStatistics } from "./key-statistics.ts";
import { invalidRun } from "./invalid-run.ts";
import { sizeAdjustedLatency } from "./latency-size.ts";

export const detectorNames = ["latency", "correctness", "errors", "cost"] as const;
export type DetectorName = (typeof detectorNames)[number];

/** The figures behind a judgement; they travel with every event. */
export type Evidence = Record<string, number | string | boolean>;

/**
 * A detector's verdict on one key: `firing` past the trigger threshold, `healthy` inside the (tighter)
 * clear threshold, neither in the band between (hysteresis), or `unjudged` without enough samples.
 */
export type Verdict = "firing" | "band" | "healthy" | "unjudged";

export interface Finding {
  detector: DetectorName;
  verdict: Verdict;
  evidence: Evidence;
}

const round = (value: number, digits = 4) => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

/**
 * How much more load the recent samples saw than the baseline's (mean calls in flight, at least 1): 1 when
 * either window has too few load samples to say. A deployment that takes over another's traffic queues more.
 */
export function loadRatio(key: KeyStatistics, minSamples: number): number {
  const recent = key.recent.load;
  const baseline = key.baseline.load;
  if (recent.count < minSamples || baseline.count < minSamples) return 1;
  return Math.max(1, recent.mean() / Math.max(baseline.mean(), 1));
}

/**
 * Latency p95 of the recent window above `p95_factor` x the baseline's (by at least min_increase_ms), with the
 * median up `p50_factor`. With `load_aware`, the baseline is first scaled by {@link loadRatio}, so latency that
 * rose only as fast as the load moved onto the deployment is not blamed on it.
 */
export function judgeLatency(key: KeyStatistics, config: GuardianConfig): Finding {
  const recent = key.recent.latency;
  const baseline = key.baseline.latency;
  const settings = config.latency;
  const evidence: Evidence = { samples: recent.count, baseline_samples: baseline.count };
  if (recent.count < settings.min_samples || baseline.count < config.warmup_samples) return { detector: "latency", verdict: "unjudged", evidence };
  const load = settings.load_aware ? loadRatio(key, settings.min_samples) : 1;
  const p95 = recent.quantile(0.95);
  const baseP95 = baseline.quantile(0.95) * load;
  const p50 = recent.quantile(0.5);
  const baseP50 = baseline.quantile(0.5) * load;
  Object.assign(evidence, { p50_ms: round(p50, 2), p95_ms: round(p95, 2), baseline_p50_ms: round(baseP50, 2), baseline_p95_ms: round(baseP95, 2), factor: settings.p95_factor, ratio: round(p95 / Math.max(baseP95, 1e-9), 3) });
  // The baseline figures above are the load-scaled ones; the load behind them travels with the evidence.
  if (load !== 1) Object.assign(evidence, { load_ratio: round(load, 3), in_flight: round(key.recent.load.mean(), 2), baseline_in_flight: round(key.baseline.load.mean(), 2) });
  const raw = latencyVerdict(p95, p50, baseP95, baseP50, p95 - baseP95, settings);
  if (raw === "healthy") return { detector: "latency", verdict: raw, evidence };
  // Not healthy on raw figures: ask whether the answers only got longer (see latency-size.ts). The ms floor
  // stays on the raw rise; the factors are judged on latency over what the baseline's fit expects per length.
  const sized = sizeAdjustedLatency(key, settings.min_samples);
  if (sized === undefined) return { detector: "latency", verdict: raw, evidence };
  Object.assign(evidence, { size_adjusted: true, overhead_ms: round(sized.overheadMs, 2), ms_per_output_token: round(sized.msPerToken, 4), sized_p95_ratio: round(sized.recentP95 / Math.max(sized.baseP95 * load, 1e-9), 3), sized_p50_ratio: round(sized.recentP50 / Math.max(sized.baseP50 * load, 1e-9), 3) });
  return { detector: "latency", verdict: latencyVerdict(sized.recentP95, sized.recentP50, sized.baseP95 * load, sized.baseP50 * load, p95 - baseP95, settings), evidence };
}

/** Firing when tail and median both rose past their factors (and the tail by the ms floor); healthy inside the clear band. */
function latencyVerdict(p95: number, p50: number, baseP95: number, baseP50: number, riseMs: number, settings: GuardianConfig["latency"]): Verdict {
  const tailUp = p95 > settings.p95_factor * baseP95 && riseMs >= settings.min_increase_ms;
  if (tailUp && p50 > settings.p50_factor * baseP50) return "firing";
  const settled = p95 <= settings.clear_factor * baseP95 || riseMs < settings.min_increase_ms || p50 <= (1 + (settings.p50_factor - 1) / 2) * baseP50;
  return settled ? "healthy" : "band";
}

/**
 * Correct rate (or, where gold is unknown, schema-valid rate) below `factor` x the baseline's; or, before
 * that window shows it, a run of invalid answers a mode as valid as this one was would not produce
 * ({@link invalidRun}: the policy stops asking a collapsed mode first long before the window fills).
 */
export function judgeCorrectness(key: KeyStatistics, config: GuardianConfig): Finding {
  const finding = judgeCorrectRate(key, config);
  if (finding.verdict === "firing") return finding;
  const collapse = invalidRun(key, config);
  return collapse === undefined ? finding : { detector: "correctness", verdict: "firing", evidence: { ...finding.evidence, ...collapse } };
}

function judgeCorrectRate(key: KeyStatistics, config: GuardianConfig): Finding {
  const settings = config.correctness;
  const useCorrect = key.baseline.correct.count >= config.warmup_samples;
  const recent = useCorrect ? key.recent.correct : key.recent.valid;
  const baseline = useCorrect ? key.baseline.correct : key.baseline.valid;
  const evidence: Evidence = { measure: useCorrect ? "correct_rate" : "schema_valid_rate", samples: recent.count, baseline_samples: baseline.count };
  if (recent.count < settings.min_samples || baseline.count < config.warmup_samples) return { detector: "correctness", verdict: "unjudged", evidence };
  const rate = recent.mean();
  const baseRate = baseline.mean();
  // A two-proportion z-test: the baseline is an estimate too, and a young one is a rough one.
  const pooled = (rate * recent.count + baseRate * baseline.count) / (recent.count + baseline.count);
  const standardError = Math.sqrt(Math.max(pooled * (1 - pooled), 0.01) * (1 / recent.count + 1 / baseline.count));
  const depth = (baseRate - rate) / standardError;
  Object.assign(evidence, { rate: round(rate), baseline_rate: round(baseRate), valid_rate: round(key.recent.valid.mean()), baseline_valid_rate: round(key.baseline.valid.mean()), factor: settings.factor, z: round(depth, 2) });
  if (rate < settings.factor * baseRate && depth >= settings.min_z) return { detector: "correctness", verdict: "firing", evidence };
  return { detector: "correctness", verdict: rate >= settings.clear_factor * baseRate ? "healthy" : "band", evidence };
}

/** Transport error rate above `factor` x the baseline's and at least `min_increase` above it. */
export function judgeErrors(key: KeyStatistics, config: GuardianConfig): Finding {
  const settings = config.errors;
  const recent = key.recent.error;
  const baseline = key.baseline.error;
  const evidence: Evidence = { samples: recent.count, baseline_samples: baseline.count };
  if (recent.count < settings.min_samples || baseline.count < config.warmup_samples) return { detector: "errors", verdict: "unjudged", evidence };
  const rate = recent.mean();
  const baseRate = baseline.mean();
  Object.assign(evidence, { error_rate: round(rate), baseline_error_rate: round(baseRate), factor: settings.factor, min_increase: settings.min_increase });
  if (rate > settings.factor * baseRate && rate - baseRate >= settings.min_increase) return { detector: "errors", verdict: "firing", evidence };
  return { detector: "errors", verdict: rate - baseRate < settings.min_increase / 2 ? "healthy" : "band", evidence };
}

/** Mean cost per request (tokens where calls are free) above `factor` x the baseline's. */
export function judgeCost(key: KeyStatistics, config: GuardianConfig): Finding {
  const settings = config.cost;
  const priced = key.baseline.cost.count > 0 && key.baseline.cost.mean() > 0;
  const recent = priced ? key.recent.cost : key.recent.tokens;
  const baseline = priced ? key.baseline.cost : key.baseline.tokens;
  const evidence: Evidence = { measure: priced ? "cost_usd_per_request" : "tokens_per_request", samples: recent.count, baseline_samples: baseline.count };
  if (recent.count < settings.min_samples || baseline.count < config.warmup_samples) return { detector: "cost", verdict: "unjudged", evidence };
  const mean = recent.mean();
  const baseMean = baseline.mean();
  Object.assign(evidence, { mean: round(mean, 8), baseline_mean: round(baseMean, 8), tokens: round(key.recent.tokens.mean(), 1), baseline_tokens: round(key.baseline.tokens.mean(), 1), factor: settings.factor });
  if (baseMean > 0 && mean > settings.factor * baseMean) return { detector: "cost", verdict: "firing", evidence };
  return { detector: "cost", verdict: baseMean <= 0 || mean <= settings.clear_factor * baseMean ? "healthy" : "band", evidence };
}

export const detectors: Record<DetectorName, (key: KeyStatistics, config: GuardianConfig) => Finding> = {
  latency: judgeLatency,
  correctness: judgeCorrectness,
  errors: judgeErrors,
  cost: judgeCost,
};

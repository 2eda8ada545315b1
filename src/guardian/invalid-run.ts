import type { GuardianConfig } from "../config/guardian-config.ts";
import type { KeyStatistics } from "./key-statistics.ts";

/**
 * The fewest invalid answers in a row that count as a collapse, however clean the mode was: a provider's
 * short hiccup (a few truncated answers) should cost a retry, not a mode blocked for minutes.
 */
export const MIN_INVALID_RUN = 4;

/**
 * A structure collapse read from the newest answers, before the rate window fills with them. The window test
 * (`judgeCorrectness`) compares the share of valid answers in the last `rate_window_size` (default 100) with
 * the baseline's, so a mode that answers only invalid JSON from now on is judged after some dozens of its
 * answers; but the mode policy stops asking a mode first after a handful of them (the gateway retries each
 * invalid answer in another mode, and the policy counts the retry's cost), so the window stopped filling and
 * the collapse went unreported and unblocked. This test reads the same evidence the policy acted on: the
 * newest `run` answers were all invalid, which a mode as valid as it was before the run (its baseline and
 * the older recent answers, with a Laplace prior) produces with chance p0^run. Firing when that chance is
 * below the normal tail of `min_z` keeps the window test's false-alarm level (at 4 answers, only a mode that
 * was under 7.5 % invalid qualifies); a mode that was often invalid before needs a longer run. The guardian
 * acts on the first such run, without `trigger_after`'s further evaluations. Transport failures neither extend nor break a run (they are the error
 * detector's), and nothing is judged before `warmup_samples` answers of the mode were seen before the run.
 *
 * @example
 * const collapse = invalidRun(key, config); // { run: 4, chance: 3.1e-7, ... } after four invalid answers in a row on a clean mode
 */
export function invalidRun(key: KeyStatistics, config: GuardianConfig): Record<string, number | string> | undefined {
  const recent = key.recent.valid;
  const run = recent.trailingRun(0);
  if (run < MIN_INVALID_RUN) return undefined;
  const baseline = key.baseline.valid;
  const before = baseline.count + recent.count - run;
  if (before < config.warmup_samples) return undefined;
  const validBefore = (Number.isNaN(baseline.mean()) ? 0 : baseline.mean() * baseline.count) + recent.mean() * recent.count;
  const invalidRate = (before - validBefore + 1) / (before + 2);
  const chance = invalidRate ** run;
  if (chance >= normalTail(config.correctness.min_z)) return undefined;
  return { measure: "invalid_run", run, answers_before: before, invalid_rate_before: Number(invalidRate.toFixed(4)), chance: Number(chance.toPrecision(3)) };
}

/** P(Z > z) for a standard normal z >= 0 (Abramowitz & Stegun 26.2.17, absolute error below 7.5e-8). */
export function normalTail(z: number): number {
  if (z <= 0) return 0.5;
  const t = 1 / (1 + 0.2316419 * z);
  const density = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
  return density * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
}

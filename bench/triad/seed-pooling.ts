import { decomposeGap, type GapDecomposition } from "./gap-decomposition.ts";
import type { TriadStudyResult } from "./triad-study.ts";

/** The adaptive policy against the best fixed mode on one backend, over every seed of a scenario. */
export interface PooledGoal {
  backend: string;
  /** Requests per seed and the seeds pooled. */
  requestsPerSeed: number;
  seeds: number;
  adaptiveValid: number;
  adaptiveCorrect: number;
  /** The fixed mode with the highest correct rate over all seeds (the same rule as one run, on more data). */
  bestFixed: string;
  bestFixedCorrect: number;
  /** bestFixedCorrect - adaptiveCorrect, pooled over the seeds. */
  gap: number;
  /**
   * Standard error of the pooled gap from the per-request paired differences (same request, same emulator
   * draws for each mode): what is left of sampling noise once both sides saw the same requests.
   */
  pairedStandardError: number;
  /** The gap of each seed against the pooled best fixed mode, and against that seed's own best fixed mode. */
  perSeedGap: number[];
  perSeedGapOwnBest: number[];
  /**
   * The common-random-numbers check: of the adaptive requests answered by their first attempt in mode m,
   * the share whose correctness equals the fixed-m run's single-attempt answer to the same request (1 when
   * both runs met the same draws).
   */
  pairedAgreement: number;
  /** Mean and sample standard deviation of the per-seed gaps (against the pooled best fixed mode). */
  seedMean: number;
  seedSd: number;
  /** How much of the gap is exploration, and how much settling on another mode than the best fixed one. */
  decomposition: GapDecomposition;
  /**
   * The paired gap over the second half of each seed's requests, and its standard error: the learning curve's
   * tail. A policy that learns has a smaller gap here than over the whole run, which pays for what it learned.
   */
  lateGap: number;
  lateStandardError: number;
}

/**
 * Pools a scenario's seeds per backend. Each seed is a full, independent study (its own emulator draws,
 * policy randomness and simulated user); within a seed the fixed and adaptive runs see the same request
 * sequence and, on first attempts, the same emulator draws per (request, deployment, mode), so the
 * per-request difference between the best fixed mode and the adaptive policy is a paired one.
 *
 * @example
 * const goals = poolSeeds([seed7, seed8, seed9]);
 * goals.map((goal) => `${goal.backend}: ${goal.gap} ± ${goal.pairedStandardError}`);
 */
export function poolSeeds(runs: readonly TriadStudyResult[]): PooledGoal[] {
  const backends = [...new Set(runs.flatMap((run) => run.goals.map((goal) => goal.backend)))];
  return backends.map((backend) => {
    const cells = runs.flatMap((run) => run.policies.filter((cell) => cell.backend === backend));
    const byPolicy = new Map<string, { correct: number; valid: number; requests: number }>();
    for (const cell of cells) {
      const sums = byPolicy.get(cell.policy) ?? { correct: 0, valid: 0, requests: 0 };
      sums.correct += cell.correctRate * cell.requests;
      sums.valid += cell.validRate * cell.requests;
      sums.requests += cell.requests;
      byPolicy.set(cell.policy, sums);
    }
    const rate = (policy: string, field: "correct" | "valid") => {
      const sums = byPolicy.get(policy);
      return sums === undefined || sums.requests === 0 ? 0 : sums[field] / sums.requests;
    };
    const fixed = [...byPolicy.keys()].filter((policy) => policy.startsWith("fixed "));
    const bestFixed = fixed.reduce<string | undefined>((top, policy) => (top === undefined || rate(policy, "correct") > rate(top, "correct") ? policy : top), undefined) ?? "none";
    const differences: number[] = [];
    const late: number[] = [];
    let paired = 0;
    let agreeing = 0;
    const perSeedGap: number[] = [];
    for (const run of runs) {
      const outcome = (policy: string) => new Map(run.traces.filter((trace) => trace.policy === policy && trace.backend === backend).map((trace) => [trace.index, trace.correct ? 1 : 0]));
      const best = outcome(bestFixed);
      const adaptive = outcome("adaptive");
      const seedDifferences = [...adaptive.entries()].map(([index, correct]) => (best.get(index) ?? 0) - correct);
      differences.push(...seedDifferences);
      const half = adaptive.size / 2;
      late.push(...[...adaptive.entries()].filter(([index]) => index >= half).map(([index, correct]) => (best.get(index) ?? 0) - correct));
      perSeedGap.push(mean(seedDifferences));
      const single = (policy: string) => new Map(run.traces.filter((trace) => trace.policy === policy && trace.backend === backend && trace.attempts === 1).map((trace) => [trace.index, trace]));
      const fixedRuns = new Map(fixed.map((policy) => [policy, single(policy)]));
      for (const trace of single("adaptive").values()) {
        const twin = fixedRuns.get(`fixed ${trace.firstMode ?? ""}`)?.get(trace.index);
        if (twin === undefined) continue;
        paired += 1;
        if (twin.correct === trace.correct) agreeing += 1;
      }
    }
    const perSeedGapOwnBest = runs.map((run) => run.goals.find((goal) => goal.backend === backend)?.gap ?? 0);
    const spread = standardDeviation(differences);
    return {
      backend,
      requestsPerSeed: runs[0]?.traces.filter((trace) => trace.policy === "adaptive" && trace.backend === backend).length ?? 0,
      seeds: runs.length,
      adaptiveValid: rate("adaptive", "valid"),
      adaptiveCorrect: rate("adaptive", "correct"),
      bestFixed,
      bestFixedCorrect: rate(bestFixed, "correct"),
      gap: rate(bestFixed, "correct") - rate("adaptive", "correct"),
      pairedStandardError: differences.length > 1 ? spread / Math.sqrt(differences.length) : 0,
      perSeedGap,
      perSeedGapOwnBest,
      pairedAgreement: paired === 0 ? 1 : agreeing / paired,
      seedMean: mean(perSeedGap),
      seedSd: standardDeviation(perSeedGap),
      decomposition: decomposeGap(runs.map((run) => run.traces), backend, bestFixed),
      lateGap: mean(late),
      lateStandardError: late.length > 1 ? standardDeviation(late) / Math.sqrt(late.length) : 0,
    };
  });
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const average = mean(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - average) ** 2, 0) / (values.length - 1));
}

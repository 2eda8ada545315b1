import { emptyDetector, observeDrop, type PageHinkleyConfig, type PageHinkleyState } from "./change-detector.ts";
import type { OutputMode } from "./protocol.ts";

/**
 * One finished call in a mode, as the adaptive policy learns from it: only what a production deployment
 * observes (no gold label).
 */
export interface ModeOutcome {
  deployment: string;
  mode: OutputMode;
  /** The answer passed the schema. */
  valid: boolean;
  /** The answer passed only after local repair (weaker evidence than a clean answer). */
  repaired?: boolean;
  latencyMs: number;
  tokens: number;
  costUsd: number;
}

/** A verdict on an answer this (deployment, mode) gave: user feedback, or agreement with a shadow answer. */
export interface ModeEvidence {
  deployment: string;
  mode: OutputMode;
  /** 1 = correct, 0 = wrong; anything between is a partial score. */
  score: number;
  /** How much this verdict counts: 1 for user feedback, less for shadow agreement. */
  weight: number;
  source: "feedback" | "shadow";
}

/**
 * Online statistics for one (deployment, mode). Plain data, so it serialises as it is. The discounted sums
 * (`weight`, `valid`, `evidence`, `evidenceScore`) forget: every call on the deployment multiplies them by the
 * policy's discount, so an old run of good answers cannot hide a mode that degraded, and a mode not tried for
 * a while drifts back to its prior and is explored again.
 */
export interface ModeStatistics {
  deployment: string;
  mode: OutputMode;
  /** Calls recorded, ever (not discounted): for reports. */
  count: number;
  /** Discounted number of calls. */
  weight: number;
  /** Discounted number of valid answers (a repaired answer counts {@link REPAIRED_CREDIT}). */
  valid: number;
  /** Discounted weight of correctness verdicts on valid answers (feedback, shadow agreement). */
  evidence: number;
  /** Discounted sum of weight x score of those verdicts. */
  evidenceScore: number;
  feedbackCount: number;
  shadowCount: number;
  /** Drops the change detector found (each one cut the discounted sums). */
  alarms: number;
  /** The deployment's call counter when the sums were last discounted. */
  step: number;
  detector: PageHinkleyState;
  latencyEwma: number;
  /** The most recent latencies (bounded), for the p95 estimate. */
  latencyWindow: number[];
  tokensEwma: number;
  costEwma: number;
}

export const LATENCY_WINDOW = 50;

/** The map key of one (deployment, mode)'s statistics (NUL cannot occur in a config id). */
export function statisticsKey(deployment: string, mode: OutputMode): string {
  return `${deployment}\u0000${mode}`;
}

/** What a valid answer that needed local repair counts for, against 1 for a clean one. */
export const REPAIRED_CREDIT = 0.9;

export interface DiscountConfig {
  /** Per call on the deployment (per call in the mode under {@link idleDiscount}), for validity and cost figures. */
  discount: number;
  /** The same for feedback and shadow verdicts (sparser, so kept longer). */
  evidenceDiscount: number;
  /**
   * Opt-in mode clock: when set, `discount` and `evidenceDiscount` are applied per call *in the mode*, and only
   * this (slower) factor per call on the deployment. A mode the policy seldom asks then keeps what its few
   * calls showed instead of losing it as fast as exploration gathers it.
   */
  idleDiscount?: number;
  /** Share of the discounted sums kept when the change detector fires. */
  keepOnAlarm: number;
  detector: PageHinkleyConfig;
}

/** Fresh statistics for a (deployment, mode) never seen. */
export function emptyStatistics(deployment: string, mode: OutputMode, step = 0): ModeStatistics {
  return {
    deployment,
    mode,
    count: 0,
    weight: 0,
    valid: 0,
    evidence: 0,
    evidenceScore: 0,
    feedbackCount: 0,
    shadowCount: 0,
    alarms: 0,
    step,
    detector: emptyDetector(),
    latencyEwma: 0,
    latencyWindow: [],
    tokensEwma: 0,
    costEwma: 0,
  };
}

/**
 * Applies the discount for the calls made on the deployment since these statistics were last touched (under a
 * mode clock only the idle factor: the mode's own calls age it in {@link recordOutcome}).
 */
export function discountTo(statistics: ModeStatistics, step: number, config: DiscountConfig): void {
  const elapsed = step - statistics.step;
  if (elapsed <= 0) return;
  const factor = (config.idleDiscount ?? config.discount) ** elapsed;
  const evidenceFactor = (config.idleDiscount ?? config.evidenceDiscount) ** elapsed;
  statistics.weight *= factor;
  statistics.valid *= factor;
  statistics.evidence *= evidenceFactor;
  statistics.evidenceScore *= evidenceFactor;
  statistics.step = step;
}

/**
 * Folds one call in (after {@link discountTo}); the first observation seeds the moving averages instead of
 * pulling them from 0. Returns true when the change detector found a drop in validity.
 */
export function recordOutcome(statistics: ModeStatistics, outcome: ModeOutcome, alpha: number, config: DiscountConfig): boolean {
  const blend = (previous: number, next: number) => (statistics.count === 0 ? next : previous + alpha * (next - previous));
  statistics.latencyEwma = blend(statistics.latencyEwma, outcome.latencyMs);
  statistics.tokensEwma = blend(statistics.tokensEwma, outcome.tokens);
  statistics.costEwma = blend(statistics.costEwma, outcome.costUsd);
  if (config.idleDiscount !== undefined) ageByOwnCall(statistics, config);
  statistics.count += 1;
  statistics.weight += 1;
  const credit = outcome.valid ? (outcome.repaired ? REPAIRED_CREDIT : 1) : 0;
  statistics.valid += credit;
  statistics.latencyWindow.push(outcome.latencyMs);
  if (statistics.latencyWindow.length > LATENCY_WINDOW) statistics.latencyWindow.shift();
  return detect(statistics, credit, config);
}

/**
 * Under the mode clock a call in the mode ages its sums by one step: the served mode still forgets about as
 * fast as before (its calls are most of the deployment's), while a rival's evidence lasts as many of *its*
 * calls, so verdicts on a seldom-asked mode add up until they can overturn the decision. Drift detection is
 * unchanged: the change detectors read each observation, not the sums, and cut the sums when they fire.
 */
function ageByOwnCall(statistics: ModeStatistics, config: DiscountConfig): void {
  statistics.weight *= config.discount;
  statistics.valid *= config.discount;
  statistics.evidence *= config.evidenceDiscount;
  statistics.evidenceScore *= config.evidenceDiscount;
}

/** Folds one correctness verdict in (after {@link discountTo}); true when the detector found a drop. */
export function recordEvidence(statistics: ModeStatistics, evidence: ModeEvidence, config: DiscountConfig): boolean {
  const score = Math.min(1, Math.max(0, evidence.score));
  statistics.evidence += evidence.weight;
  statistics.evidenceScore += evidence.weight * score;
  if (evidence.source === "feedback") statistics.feedbackCount += 1;
  else statistics.shadowCount += 1;
  // A user's verdict is the strongest signal there is: it feeds the detector as strongly as validity does.
  return evidence.source === "feedback" ? detect(statistics, score, config) : false;
}

function detect(statistics: ModeStatistics, value: number, config: DiscountConfig): boolean {
  if (!observeDrop(statistics.detector, value, config.detector)) return false;
  forgetOnAlarm(statistics, config.keepOnAlarm);
  return true;
}

/**
 * The mode changed (a change detector fired): what it did before no longer describes it, so all but `keep`
 * of its discounted history is forgotten, its posteriors widen again and exploration re-opens.
 */
export function forgetOnAlarm(statistics: ModeStatistics, keep: number): void {
  statistics.alarms += 1;
  statistics.weight *= keep;
  statistics.valid *= keep;
  statistics.evidence *= keep;
  statistics.evidenceScore *= keep;
}

/**
 * A verdict alarm (a silent drift: the answers stay valid, the verdicts turn wrong): the verdicts before the
 * run of blame that raised it are forgotten but for `keep`, the run itself (`recent`) is kept whole, so the
 * blame that found the drift still counts; validity, which did not change, is left alone.
 */
export function forgetVerdictsBefore(statistics: ModeStatistics, keep: number, recent: { recentWeight: number; recentScore: number }): void {
  const weight = Math.min(recent.recentWeight, statistics.evidence);
  const score = Math.min(recent.recentScore, statistics.evidenceScore);
  statistics.alarms += 1;
  statistics.evidence = keep * (statistics.evidence - weight) + weight;
  statistics.evidenceScore = keep * (statistics.evidenceScore - score) + score;
}

/** The 95th percentile of the recent window (nearest rank); 0 with no data. */
export function latencyP95(statistics: ModeStatistics): number {
  if (statistics.latencyWindow.length === 0) return 0;
  const sorted = [...statistics.latencyWindow].sort((left, right) => left - right);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}

/** Discounted share of calls whose answer passed the schema. */
export function validRate(statistics: ModeStatistics): number {
  return statistics.weight === 0 ? 0 : statistics.valid / statistics.weight;
}

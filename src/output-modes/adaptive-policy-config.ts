import type { PageHinkleyConfig } from "./change-detector.ts";
import type { VerdictAlarmConfig } from "./policy-verdict-alarm.ts";
import type { ReprobeConfig } from "./policy-reprobe.ts";
import type { OutputProvider } from "./schema-unsupported-error.ts";

/** How the adaptive output-mode policy learns, explores and forgets; every field has a default. */
export interface AdaptivePolicyConfig {
  /** EWMA smoothing for latency, tokens and cost. */
  alpha?: number;
  /** Pseudo-observations the prior correctness counts for. */
  priorWeight?: number;
  /**
   * Prior validity of the provider's default mode (default 0.92), and of the others (default 0.88). The
   * default still serves first, but by 4 points, not 10: at 0.8 an off-default mode needed about 25 valid
   * explorations just to draw level, so a default that is silently wrong kept serving for most of a run.
   */
  priorDefault?: number;
  priorOther?: number;
  /** @deprecated Exploration is Thompson sampling on the correctness posteriors now; ignored. */
  explorationScale?: number;
  /** Chance of a uniformly random other mode while the exploration budget lasts. */
  epsilon?: number;
  /** At most this share of a deployment's choices explore a mode that is not the current best. */
  maxExplorationFraction?: number;
  /**
   * Correctness comes first when the request weighs it at least as much as latency and cost together: then
   * latency and cost are traded only among modes whose estimated correctness is within this much of the
   * best mode's (default 0.02).
   */
  correctnessTolerance?: number;
  /** The provider of a deployment, for the priors; unknown deployments get flat priors. */
  providerOf?: (deployment: string) => OutputProvider | undefined;
  /** Per call on a deployment, the weight left on its older validity figures (default 0.995: ~200 calls). */
  discount?: number;
  /** The same for feedback and shadow verdicts, which are sparser (default 0.997). */
  evidenceDiscount?: number;
  /**
   * Mode clock (opt-in; left out, every figure ages per call on the deployment). When set, `discount` and
   * `evidenceDiscount` age a mode per call *in that mode*, and this factor per call on the deployment (0.9995
   * tried: ~2,000 calls), so a rarely served rival keeps the verdicts its explorations and shadows earned
   * instead of losing them as fast as they come. A peer replica that stopped saving then fades by this factor
   * only (`mode-statistics.ts`, docs/output-mode-policy.md "Sixteenth pass").
   */
  idleDiscount?: number;
  /** Prior share of valid answers that are also correct, before any verdict (default 0.95). */
  priorCorrectGivenValid?: number;
  /** Pseudo-verdicts that prior counts for (default 3). */
  evidencePriorWeight?: number;
  /** @deprecated Replaced by {@link tradeConfidence} (the posterior's lower bound); ignored. */
  minEvidenceToTrade?: number;
  /**
   * Standard deviations of the correctness posterior a mode's mean must clear the tolerance by before
   * correctness-first trades the most correct mode in for it (default 1: its lower bound within tolerance).
   */
  tradeConfidence?: number;
  /**
   * Share of what the retry in the next mode gets right that an invalid answer is credited with (0..1): the
   * caller never sees an invalid answer the gateway retried, only its latency and cost (`fallback-credit.ts`).
   * Default 0 (opt-in). With it on, the policy stops asking a collapsed mode first after a few invalid answers,
   * before the guardian's rate window fills; the guardian reads the run of invalid answers itself
   * (`src/guardian/invalid-run.ts`), yet the gateway's collapse test still missed detection in 2 of 8 runs, and
   * the credit widened Gemini's gap where its always-valid default is silently wrong (output-mode-policy.md).
   */
  fallbackCredit?: number;
  /**
   * Correctness-first keeps serving the provider's default mode, while it has verdicts and no wrong one, until the
   * chance that a rival ahead by mean is better by more than the tolerance reaches this (default 0.9; 0: off,
   * the highest mean serves at once). See `policy-incumbent.ts`.
   */
  incumbentHold?: number;
  /** Bounded re-probes of a mode written off for visible faults (`policy-reprobe.ts`; off by default, `{ interval: 30 }` turns it on). */
  reprobe?: Partial<ReprobeConfig>;
  /** While the served mode is suspect, exploration rises to half its budget (default false: it cost a seed of the recovery test). */
  widenOnSuspect?: boolean;
  /** Share of a mode's discounted history kept when its change detector fires (default 0.1). */
  keepOnAlarm?: number;
  /** Page-Hinkley settings of the per-(deployment, mode) change detectors. */
  detector?: PageHinkleyConfig;
  /** The per-(deployment, mode) test on verdicts that finds a silent drift (`policy-verdict-alarm.ts`). */
  verdictAlarm?: VerdictAlarmConfig;
}

/** A config with every default filled in (the detector and alarm settings are resolved where they are used). */
export type ResolvedPolicyConfig = Required<Omit<AdaptivePolicyConfig, "providerOf" | "detector" | "explorationScale" | "minEvidenceToTrade" | "verdictAlarm" | "reprobe" | "idleDiscount">> & Pick<AdaptivePolicyConfig, "providerOf" | "idleDiscount">;

/** Fills in the defaults the fields above document. */
export function resolvePolicyConfig(config: AdaptivePolicyConfig): ResolvedPolicyConfig {
  return {
    alpha: config.alpha ?? 0.2,
    priorWeight: config.priorWeight ?? 4,
    priorDefault: config.priorDefault ?? 0.92,
    priorOther: config.priorOther ?? 0.88,
    epsilon: config.epsilon ?? 0.02,
    maxExplorationFraction: config.maxExplorationFraction ?? 0.1,
    correctnessTolerance: config.correctnessTolerance ?? 0.02,
    providerOf: config.providerOf,
    discount: config.discount ?? 0.995,
    evidenceDiscount: config.evidenceDiscount ?? 0.997,
    ...(config.idleDiscount === undefined ? {} : { idleDiscount: Math.min(1, Math.max(0, config.idleDiscount)) }),
    priorCorrectGivenValid: config.priorCorrectGivenValid ?? 0.95,
    evidencePriorWeight: config.evidencePriorWeight ?? 3,
    keepOnAlarm: config.keepOnAlarm ?? 0.1,
    tradeConfidence: config.tradeConfidence ?? 1,
    incumbentHold: Math.min(1, Math.max(0, config.incumbentHold ?? 0.9)),
    fallbackCredit: Math.min(1, Math.max(0, config.fallbackCredit ?? 0)),
    widenOnSuspect: config.widenOnSuspect ?? false,
  };
}

import type { RateBelief } from "./beta-posterior.ts";
import type { OutputMode } from "./protocol.ts";

/** A (deployment, mode) a request can be asked of. */
export interface ShadowTarget {
  deployment: string;
  mode: OutputMode;
}

/**
 * What one shadow comparison says about each side, as the probability that its answer was right. Agreement
 * says both were (two wrong answers rarely coincide field by field). A disagreement says at least one was
 * wrong, and Bayes splits the blame by the prior trust in each: with P(served right) = s and P(partner
 * right) = p, P(served right | disagree) = s(1 - p) / (1 - sp). A trusted partner's disagreement is thus
 * strong evidence against the served answer, and a doubtful one's is weak, instead of both losing a full
 * point whenever either is wrong.
 *
 * @example
 * shadowScores({ served: 0.97, partner: 0.9, equal: false }) // { served: 0.76, partner: 0.22 }
 */
export function shadowScores(options: { served: number; partner: number; equal: boolean }): { served: number; partner: number } {
  if (options.equal) return { served: 1, partner: 1 };
  const served = clamp(options.served);
  const partner = clamp(options.partner);
  const disagree = 1 - served * partner;
  return { served: (served * (1 - partner)) / disagree, partner: (partner * (1 - served)) / disagree };
}

/**
 * A disagreement settled by a third answer: two wrong answers rarely coincide field by field, so the side the
 * arbiter agrees with was right and the other wrong. Undefined when the arbiter agrees with neither (or
 * both, which a disagreement rules out): then only the pair's Bayes blame ({@link shadowScores}) is left.
 *
 * @example
 * arbitratedScores({ servedMatches: false, partnerMatches: true }) // { served: 0, partner: 1 }
 */
export function arbitratedScores(options: { servedMatches: boolean; partnerMatches: boolean }): { served: number; partner: number } | undefined {
  if (options.servedMatches === options.partnerMatches) return undefined;
  return options.servedMatches ? { served: 1, partner: 0 } : { served: 0, partner: 1 };
}

/**
 * What an arbiter's own answer says about the arbiter. It is asked only because the pair disagreed, which says
 * nothing about the arbiter, so its answer is a fair sample of its correctness: agreeing with one side makes it
 * right; agreeing with neither makes it wrong, unless both sides were wrong, with P(both wrong | disagree) =
 * (1 - s)(1 - p) / (1 - sp). Crediting only the agreements (as before) pushed the most trusted mode, which is
 * always the arbiter, towards a trust of 1 whatever its real correct rate.
 *
 * @example
 * arbiterScore({ settled: false, arbiter: 0.9, served: 0.9, partner: 0.9 }) // 0.32: it agreed with neither
 */
export function arbiterScore(options: { settled: boolean; arbiter: number; served: number; partner: number }): number {
  if (options.settled) return 1;
  const arbiter = clamp(options.arbiter);
  const served = clamp(options.served);
  const partner = clamp(options.partner);
  const bothWrong = ((1 - served) * (1 - partner)) / (1 - served * partner);
  return (arbiter * bothWrong) / (arbiter * bothWrong + (1 - arbiter));
}

/**
 * The partner a shadow call asks: the candidate whose verdicts are most likely to overturn a decision, that
 * is, the chance that its deployment currently serves the wrong mode ({@link chanceToBeat} between the
 * deployment's most trusted mode and the candidate, by more than `tolerance`), times the candidate's share
 * of that comparison's uncertainty (its variance over both). A mode known to be worse, or one no verdict can
 * lift past its incumbent, draws nothing; the widest posterior alone (as before) sent most shadows to modes
 * that were wide only because they were poor and seldom asked. Near-ties are broken by a little noise.
 *
 * @example
 * pickShadowPartner({ deployment: "gpt", mode: "emit" }, candidates, (target) => policy.belief(target.deployment, target.mode), random)
 */
export function pickShadowPartner(served: ShadowTarget, candidates: readonly ShadowTarget[], belief: (target: ShadowTarget) => RateBelief, random: () => number, tolerance = 0.02): ShadowTarget | undefined {
  const beliefs = candidates.map((candidate) => ({ candidate, belief: belief(candidate) }));
  let best: ShadowTarget | undefined;
  let bestValue = -Infinity;
  for (const { candidate, belief: own } of beliefs) {
    if (candidate.deployment === served.deployment && candidate.mode === served.mode) continue;
    const rivals = beliefs.filter((other) => other.candidate.deployment === candidate.deployment && other.candidate.mode !== candidate.mode).map((other) => other.belief);
    const value = overturnValue(own, rivals, tolerance) + 0.005 * random();
    if (value > bestValue) {
      best = candidate;
      bestValue = value;
    }
  }
  return best;
}

/**
 * How much a verdict on a mode can change its deployment's decision: as the incumbent (the highest mean), the
 * largest chance a rival beats it; as a rival, its own chance to beat the incumbent; each weighted by the
 * mode's share of the pair's variance, so the side the policy knows least about draws the verdict.
 */
function overturnValue(own: RateBelief, rivals: readonly RateBelief[], tolerance: number): number {
  if (rivals.length === 0) return 0;
  const incumbent = rivals.reduce((top, rival) => (rival.mean > top.mean ? rival : top));
  const share = (other: RateBelief) => {
    const total = own.sd * own.sd + other.sd * other.sd;
    return total <= 0 ? 0 : (own.sd * own.sd) / total;
  };
  if (own.mean < incumbent.mean) return chanceToBeat(incumbent, own, tolerance) * share(incumbent);
  return Math.max(...rivals.map((rival) => chanceToBeat(own, rival, tolerance) * share(rival)));
}

/**
 * The arbiter of a disagreement: the candidate (not one of the two that disagreed) whose valid answers the
 * policy trusts most, so its answer is likely the right one the majority forms around.
 *
 * @example
 * pickArbiter([served, partner], candidates, (target) => policy.trustGivenValid(target.deployment, target.mode))
 */
export function pickArbiter(exclude: readonly ShadowTarget[], candidates: readonly ShadowTarget[], trust: (target: ShadowTarget) => number): ShadowTarget | undefined {
  let best: ShadowTarget | undefined;
  let bestTrust = -Infinity;
  for (const candidate of candidates) {
    if (exclude.some((target) => target.deployment === candidate.deployment && target.mode === candidate.mode)) continue;
    const value = trust(candidate);
    if (value > bestTrust) {
      best = candidate;
      bestTrust = value;
    }
  }
  return best;
}

/**
 * How much a deployment's mode decision still needs evidence, in [0, 1]: twice the largest chance (normal
 * approximation of the correctness posteriors) that another mode beats the served one by more than
 * `tolerance`, capped at 1. Near 1 while the policy cannot tell the modes apart (nothing known, or posteriors
 * that overlap); near 0 once every alternative is known to be worse, or better by less than it matters.
 *
 * @example
 * decisionUncertainty({ mean: 0.9, sd: 0.03 }, [{ mean: 0.92, sd: 0.08 }]) // 0.8: emit could well be better
 */
export function decisionUncertainty(served: RateBelief, alternatives: readonly RateBelief[], tolerance = 0.02): number {
  let need = 0;
  for (const alternative of alternatives) need = Math.max(need, Math.min(1, 2 * chanceToBeat(served, alternative, tolerance)));
  return need;
}

/** The chance (normal approximation of the two correctness posteriors) that `alternative` beats `served` by more than `tolerance`. */
export function chanceToBeat(served: RateBelief, alternative: RateBelief, tolerance = 0.02): number {
  const spread = Math.sqrt(served.sd * served.sd + alternative.sd * alternative.sd);
  const margin = alternative.mean - served.mean - tolerance;
  return spread <= 0 ? (margin > 0 ? 1 : 0) : normalCdf(margin / spread);
}

/**
 * The served deployment's challenger: of its other modes, the one most likely to beat the served mode by more
 * than `tolerance` ({@link chanceToBeat}). A shadow the decision's uncertainty added is asked of it, since
 * only a verdict on that mode can settle the decision that made the shadow worth paying for; the widest
 * posterior ({@link pickShadowPartner}) may sit on another deployment, where it settles nothing here.
 *
 * @example
 * pickChallenger({ deployment: "gemini", mode: "compressed" }, candidates, (target) => policy.belief(target.deployment, target.mode))
 */
export function pickChallenger(served: ShadowTarget, candidates: readonly ShadowTarget[], belief: (target: ShadowTarget) => RateBelief, tolerance = 0.02): ShadowTarget | undefined {
  const servedBelief = belief(served);
  let best: ShadowTarget | undefined;
  let bestChance = -Infinity;
  for (const candidate of candidates) {
    if (candidate.deployment !== served.deployment || candidate.mode === served.mode) continue;
    const chance = chanceToBeat(servedBelief, belief(candidate), tolerance);
    if (chance > bestChance) {
      best = candidate;
      bestChance = chance;
    }
  }
  return best;
}

/**
 * The share of a deployment's answers to shadow: `rate` once its mode decision is settled, up to `maxRate`
 * while it is not ({@link decisionUncertainty}), so the billed shadow calls go where a verdict can still
 * change which mode serves, instead of at a fixed rate that is too sparse early and wasted late.
 *
 * @example
 * shadowRate({ rate: 0.05, maxRate: 0.2 }, 1) // 0.2
 */
export function shadowRate(config: { rate: number; maxRate: number }, uncertainty: number): number {
  const ceiling = Math.max(config.rate, config.maxRate);
  return config.rate + (ceiling - config.rate) * Math.min(1, Math.max(0, uncertainty));
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 erf, error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Keeps a trust strictly inside (0, 1), so a disagreement always moves both sides a little. */
function clamp(probability: number): number {
  return Math.min(0.999, Math.max(0.001, probability));
}

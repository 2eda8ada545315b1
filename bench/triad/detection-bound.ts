/**
 * How fast could anyone have left a drifted mode? The drift goal (leave within 50 requests) asks a detector to
 * see a change in what production observes: at once, whether the answer was schema-valid; later and only for
 * some requests, the user's feedback and a shadow comparison, which reveal a silently wrong answer. This file
 * turns the degraded mode's own before/after rates (from the fixed-mode runs, scored after the fact) into the
 * information one request carries about the change, and from it the classic lower bound on detection delay
 * (Lorden 1971; Lai 1998): no detector whose false alarms come at most once per `falseAlarmEvery` requests can
 * average fewer than ln(falseAlarmEvery) / I requests after the change, I being the Kullback-Leibler divergence
 * per request. It is a bound for a detector told both distributions; the policy is told neither, so real delays
 * sit above it. Harness only: the gold-scored rates never reach the policy.
 */

/** Rates of one mode over a phase, as a fraction of its requests. */
export interface PhaseRates {
  /** First answered attempt not schema-valid (seen by the policy at once). */
  visible: number;
  /** Valid but wrong (seen only through feedback or a shadow comparison). */
  silent: number;
}

export interface DetectionBound {
  /** Nats of evidence about the change per request served by the degraded mode. */
  informationPerRequest: number;
  /** Of which from validity alone. */
  visibleInformation: number;
  /** Fewest requests any detector needs on average at one false alarm per `falseAlarmEvery` requests. */
  requestsAtFalseAlarmEvery: number;
  falseAlarmEvery: number;
  /** The false-alarm spacing at which leaving within `goal` requests becomes possible at all: exp(goal * I). */
  falseAlarmEveryForGoal: number;
  goal: number;
}

/** Bernoulli KL divergence D(after || before) in nats, with rates clamped away from 0 and 1 (a rate never seen is not impossible). */
export function bernoulliDivergence(after: number, before: number): number {
  const clamp = (value: number) => Math.min(1 - 1e-3, Math.max(1e-3, value));
  const p = clamp(after);
  const q = clamp(before);
  return p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q));
}

/**
 * The bound for one drifted mode. `revealRate` is the share of valid answers whose correctness the policy
 * later learns (feedback rate + shadow rate: both are partial in practice, so this is generous).
 *
 * @example
 * detectionBound({ visible: 0.01, silent: 0.01 }, { visible: 0.045, silent: 0.03 }, { revealRate: 0.2, goal: 50 }).requestsAtFalseAlarmEvery
 */
export function detectionBound(before: PhaseRates, after: PhaseRates, options: { revealRate: number; goal: number; falseAlarmEvery?: number }): DetectionBound {
  const falseAlarmEvery = options.falseAlarmEvery ?? 1000;
  const visibleInformation = bernoulliDivergence(after.visible, before.visible);
  // Silent wrongness is a rate among valid answers, learned for a share of them.
  const wrongAmongValid = (rates: PhaseRates) => (rates.visible >= 1 ? 0 : rates.silent / (1 - rates.visible));
  const silentInformation = (1 - after.visible) * options.revealRate * bernoulliDivergence(wrongAmongValid(after), wrongAmongValid(before));
  const informationPerRequest = visibleInformation + silentInformation;
  return {
    informationPerRequest,
    visibleInformation,
    requestsAtFalseAlarmEvery: informationPerRequest <= 0 ? Number.POSITIVE_INFINITY : Math.log(falseAlarmEvery) / informationPerRequest,
    falseAlarmEvery,
    falseAlarmEveryForGoal: Math.exp(options.goal * informationPerRequest),
    goal: options.goal,
  };
}

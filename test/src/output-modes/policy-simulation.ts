import { AdaptivePolicy, type AdaptivePolicyConfig } from "../../../src/output-modes/adaptive-policy.ts";
import { OUTPUT_MODES, type OutputMode } from "../../../src/output-modes/protocol.ts";
import { arbiterScore, arbitratedScores, decisionUncertainty, pickChallenger, pickShadowPartner, shadowRate, shadowScores } from "../../../src/output-modes/shadow-evidence.ts";
import type { OutputProvider } from "../../../src/output-modes/schema-unsupported-error.ts";
import { seededRandom, type SeededRandom } from "../../../src/workload/seeded-random.ts";

/** How a mode behaves on one simulated deployment: what production sees (validity) and what it does not (correctness). */
export interface SimulatedMode {
  valid: number;
  /** Share of valid answers that are also right: invisible to validity. */
  correctGivenValid: number;
  latencyMs: number;
  costUsd: number;
}
export type SimulatedDeployment = Record<OutputMode, SimulatedMode>;

export interface SimulationOptions {
  provider: OutputProvider;
  requests: number;
  feedbackRate: number;
  feedbackDelay: number;
  shadowRate: number;
  seed: number;
  /** Replace the deployment's behaviour from this request on (drift). */
  drift?: { at: number; to: SimulatedDeployment };
  policy?: AdaptivePolicyConfig;
  /** On a shadow disagreement, ask the third mode and let the majority decide, as ShadowAgreement does (default true, as there; false: the pair's Bayes blame only). */
  arbitrate?: boolean;
  /** Shadow at exactly `shadowRate` (the rate before it followed the decision's uncertainty). */
  fixedShadowRate?: boolean;
  creditArbiter?: boolean;
  /** Send the shadows the open decision added to the served mode's challenger, as ShadowAgreement does (default true). */
  challenger?: boolean;
}

export interface SimulationResult {
  /** Per request: the first mode chosen, and whether what the caller finally got was correct. */
  trace: Array<{ mode: OutputMode; correct: boolean }>;
  policy: AdaptivePolicy;
}

/** A random deployment: each mode valid 80-100 %, 80-100 % of valid answers right, its own latency and cost. */
export function randomDeployment(random: SeededRandom): SimulatedDeployment {
  const mode = (): SimulatedMode => ({ valid: 0.8 + 0.2 * random.next(), correctGivenValid: 0.8 + 0.2 * random.next(), latencyMs: 50 + 200 * random.next(), costUsd: 0.0001 + 0.0004 * random.next() });
  return { emit: mode(), compressed: mode(), reconstruct: mode() };
}

/** Expected correct rate of a fixed mode, with the gateway's fallback to the next modes when an answer is invalid. */
export function fixedCorrect(deployment: SimulatedDeployment, first: OutputMode): number {
  const order = [first, ...OUTPUT_MODES.filter((mode) => mode !== first)];
  let reach = 1;
  let correct = 0;
  for (const mode of order) {
    correct += reach * deployment[mode].valid * deployment[mode].correctGivenValid;
    reach *= 1 - deployment[mode].valid;
  }
  return correct;
}

/**
 * The gateway's loop against a simulated deployment, with only production signals: validity per attempt
 * (invalid -> next mode), delayed user feedback on a share of answers, shadow agreement with another mode.
 */
export function simulate(environment: SimulatedDeployment, options: SimulationOptions): SimulationResult {
  const random = seededRandom(options.seed);
  const policy = new AdaptivePolicy({ providerOf: () => options.provider, ...options.policy });
  const weights = { correctness: 1, latency: 0.3, cost: 0.3 };
  const pending: Array<{ due: number; mode: OutputMode; correct: boolean }> = [];
  const trace: SimulationResult["trace"] = [];
  let behaviour = environment;
  for (let index = 0; index < options.requests; index += 1) {
    if (options.drift !== undefined && index === options.drift.at) behaviour = options.drift.to;
    const failed = new Set<OutputMode>();
    let first: OutputMode | undefined;
    let answer: { mode: OutputMode; correct: boolean } | undefined;
    while (answer === undefined && failed.size < OUTPUT_MODES.length) {
      const modes = OUTPUT_MODES.filter((mode) => !failed.has(mode));
      const { mode } = policy.choose({ deployment: "d", modes, weights, random: random.next });
      first ??= mode;
      const spec = behaviour[mode];
      const valid = random.chance(spec.valid);
      policy.record({ deployment: "d", mode, valid, latencyMs: spec.latencyMs, tokens: 100, costUsd: spec.costUsd });
      if (valid) answer = { mode, correct: random.chance(spec.correctGivenValid) };
      else failed.add(mode);
    }
    trace.push({ mode: first ?? "emit", correct: answer?.correct ?? false });
    if (answer === undefined) continue;
    if (random.chance(options.feedbackRate)) pending.push({ due: index + options.feedbackDelay, ...answer });
    for (const verdict of pending.filter((item) => item.due <= index)) {
      policy.recordEvidence({ deployment: "d", mode: verdict.mode, score: verdict.correct ? 1 : 0, weight: 1, source: "feedback" });
    }
    pending.splice(0, pending.length, ...pending.filter((item) => item.due > index));
    // The same rate as ShadowAgreement.rateFor: 0.5 while the served mode is suspect (its verdicts fell),
    // else raised towards 4x while another mode could still be better.
    const alternatives = OUTPUT_MODES.filter((mode) => mode !== answer?.mode).map((mode) => policy.belief("d", mode));
    const uncertain = shadowRate({ rate: options.shadowRate, maxRate: Math.min(0.5, 4 * options.shadowRate) }, decisionUncertainty(policy.belief("d", answer.mode), alternatives));
    const rate = options.fixedShadowRate === true ? options.shadowRate : options.shadowRate > 0 && policy.suspect("d", answer.mode) ? Math.max(options.shadowRate, 0.5) : uncertain;
    if (random.chance(rate)) {
      // The same targeting and blame as ShadowAgreement: the least certain other mode, a third mode's answer
      // to settle a disagreement, Bayes on trust when it cannot.
      // As ShadowAgreement: the share of the rate the open decision added goes to the served mode's challenger.
      const added = options.challenger !== false && rate > 0 ? Math.max(0, rate - options.shadowRate) / rate : 0;
      const targets = OUTPUT_MODES.map((mode) => ({ deployment: "d", mode }));
      const belief = (target: { mode: OutputMode }) => policy.belief("d", target.mode);
      const challenger = added > 0 && random.next() < added ? pickChallenger({ deployment: "d", mode: answer.mode }, targets, belief)?.mode : undefined;
      const partner = challenger ?? pickShadowPartner({ deployment: "d", mode: answer.mode }, targets, belief, random.next)?.mode;
      const spec = partner === undefined ? undefined : behaviour[partner];
      // A shadow is a real call through the gateway: its validity is recorded like any other call's.
      const shadowValid = spec !== undefined && random.chance(spec.valid);
      if (partner !== undefined && spec !== undefined) policy.record({ deployment: "d", mode: partner, valid: shadowValid, latencyMs: spec.latencyMs, tokens: 100, costUsd: spec.costUsd });
      if (partner !== undefined && spec !== undefined && shadowValid) {
        // Two right answers agree; a wrong one disagrees with anything (wrong answers rarely coincide).
        const partnerRight = random.chance(spec.correctGivenValid);
        const equal = answer.correct && partnerRight;
        const arbiterMode = options.arbitrate !== false && !equal ? OUTPUT_MODES.find((mode) => mode !== answer?.mode && mode !== partner) : undefined;
        const arbiterSpec = arbiterMode === undefined ? undefined : behaviour[arbiterMode];
        const arbiterValid = arbiterSpec !== undefined && random.chance(arbiterSpec.valid);
        if (arbiterMode !== undefined && arbiterSpec !== undefined) policy.record({ deployment: "d", mode: arbiterMode, valid: arbiterValid, latencyMs: arbiterSpec.latencyMs, tokens: 100, costUsd: arbiterSpec.costUsd });
        const arbiterRight = arbiterValid && arbiterSpec !== undefined && random.chance(arbiterSpec.correctGivenValid);
        const majority = arbiterMode !== undefined && arbiterRight ? arbitratedScores({ servedMatches: answer.correct, partnerMatches: partnerRight }) : undefined;
        // As ShadowAgreement: with arbitration (the default), each side is weighed by the trust in a valid answer of its mode.
        const trust = (mode: OutputMode) => (options.arbitrate !== false ? policy.trustGivenValid("d", mode) : policy.estimatedCorrectness("d", mode));
        const scores = majority ?? shadowScores({ served: trust(answer.mode), partner: trust(partner), equal });
        // As ShadowAgreement: the arbiter's valid answer is scored whether it settled the disagreement or not.
        if (arbiterMode !== undefined && arbiterValid) {
          const score = options.creditArbiter === false ? (majority === undefined ? undefined : 1) : arbiterScore({ settled: majority !== undefined, arbiter: trust(arbiterMode), served: trust(answer.mode), partner: trust(partner) });
          if (score !== undefined) policy.recordEvidence({ deployment: "d", mode: arbiterMode, score, weight: 0.5, source: "shadow" });
        }
        policy.recordEvidence({ deployment: "d", mode: answer.mode, score: scores.served, weight: 0.5, source: "shadow" });
        policy.recordEvidence({ deployment: "d", mode: partner, score: scores.partner, weight: 0.5, source: "shadow" });
      }
    }
  }
  return { trace, policy };
}

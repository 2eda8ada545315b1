import type { AdaptivePolicyConfig } from "./adaptive-policy-config.ts";
import { DEFAULT_PAGE_HINKLEY } from "./change-detector.ts";
import { betaBelief, betaMean, productBelief, sampleBeta, type BetaBelief, type RateBelief } from "./beta-posterior.ts";
import { discountTo, emptyStatistics, forgetVerdictsBefore, recordEvidence, recordOutcome, type DiscountConfig, type ModeEvidence, type ModeOutcome, type ModeStatistics } from "./mode-statistics.ts";
import { modeScoreParts } from "./mode-scores.ts";
import { argmax } from "./policy-argmax.ts";
import { VerdictAlarms, verdictKind } from "./policy-verdict-alarm.ts";
import { parsePolicyState, type SerialisedAdaptivePolicy } from "./policy-state.ts";
import { OUTPUT_MODES, type OutputMode } from "./protocol.ts";
import { DEFAULT_OUTPUT_MODES as DEFAULT_MODES } from "../config/providers.ts";
import type { TriadWeights } from "../state/gateway-state.ts";

/** Each provider's mode before any evidence (defined once, in src/config/providers.ts). */
export { DEFAULT_MODES };
/** The request's triad weights (defined once, in src/state/gateway-state.ts). */
export type { TriadWeights };

import type { ChooseOptions, ModeChoice } from "./policy-choice.ts";
export type { ChooseOptions, ModeChoice } from "./policy-choice.ts";
export type { SerialisedAdaptivePolicy } from "./policy-state.ts";
export type { AdaptivePolicyConfig } from "./adaptive-policy-config.ts";

/**
 * Learns, per deployment, which output mode serves the request's triad best. Scores are
 * correctness (a Beta posterior on validity times one on verdicts), latency (EWMA blended with p95) and
 * cost (or tokens where calls are free), each relative to the best candidate, weighted by the request.
 * Exploration is Thompson sampling on the correctness posteriors plus a small epsilon among plausible
 * modes, and never exceeds `maxExplorationFraction` of a deployment's choices.
 *
 * @example
 * const policy = new AdaptivePolicy({ providerOf: (id) => registry.get(id)?.provider });
 * const { mode } = policy.choose({ deployment: "gpt", modes: OUTPUT_MODES, weights, random });
 * policy.record({ deployment: "gpt", mode, valid: true, latencyMs: 420, tokens: 180, costUsd: 0.0002 });
 */
export class AdaptivePolicy {
  private readonly statistics = new Map<string, ModeStatistics>();
  private readonly decisions = new Map<string, { choices: number; explorations: number }>();
  private readonly listeners = new Set<(event: ModeOutcome | ModeEvidence) => void>();
  /** Calls recorded per deployment: the clock the discount runs on. */
  private readonly steps = new Map<string, number>();
  /** Runtime overrides set by the guardian: modes kept off a deployment, and per-deployment exploration. */
  private readonly blocked = new Map<string, Set<OutputMode>>();
  private readonly exploration = new Map<string, number>();
  private readonly config: Required<Omit<AdaptivePolicyConfig, "providerOf" | "detector" | "explorationScale" | "minEvidenceToTrade" | "verdictAlarm">> & Pick<AdaptivePolicyConfig, "providerOf">;
  private readonly discounting: DiscountConfig;
  /** The latency the policy learns from; undefined: the measured one (see {@link measureLatencyWith}). */
  private latencyOf: ((outcome: ModeOutcome) => number) | undefined;
  /** Silent drift: verdicts turning wrong on a mode whose answers stay valid (see {@link suspect}). */
  private readonly verdictAlarms: VerdictAlarms;

  constructor(config: AdaptivePolicyConfig = {}) {
    this.config = {
      alpha: config.alpha ?? 0.2,
      priorWeight: config.priorWeight ?? 4,
      priorDefault: config.priorDefault ?? 0.9,
      priorOther: config.priorOther ?? 0.8,
      epsilon: config.epsilon ?? 0.02,
      maxExplorationFraction: config.maxExplorationFraction ?? 0.1,
      correctnessTolerance: config.correctnessTolerance ?? 0.02,
      providerOf: config.providerOf,
      discount: config.discount ?? 0.995,
      evidenceDiscount: config.evidenceDiscount ?? 0.997,
      priorCorrectGivenValid: config.priorCorrectGivenValid ?? 0.95,
      evidencePriorWeight: config.evidencePriorWeight ?? 3,
      keepOnAlarm: config.keepOnAlarm ?? 0.1,
      tradeConfidence: config.tradeConfidence ?? 1,
    };
    this.verdictAlarms = new VerdictAlarms(config.verdictAlarm);
    this.discounting = { discount: this.config.discount, evidenceDiscount: this.config.evidenceDiscount, keepOnAlarm: this.config.keepOnAlarm, detector: config.detector ?? DEFAULT_PAGE_HINKLEY };
  }

  /**
   * Picks the mode for the next call on a deployment. Exploitation is pessimistic about correctness: under
   * correctness-first a mode is traded in for latency or cost only when its posterior lower bound is within
   * tolerance of the best mean, so a cheap mode whose correctness is merely unknown never wins. Exploration
   * (within the budget) is Thompson sampling on the same posteriors, so a mode is tried while it could still
   * be the best and stops being tried once its verdicts say it is not.
   */
  choose(options: ChooseOptions): ModeChoice {
    const offered = options.modes.length > 0 ? [...options.modes] : [...OUTPUT_MODES];
    const blocked = this.blocked.get(options.deployment);
    const allowed = blocked === undefined ? offered : offered.filter((mode) => !blocked.has(mode));
    // Every offered mode blocked: choosing among them beats refusing the call.
    const modes = allowed.length > 0 ? allowed : offered;
    const maxExploration = this.exploration.get(options.deployment) ?? this.config.maxExplorationFraction;
    const epsilon = this.exploration.has(options.deployment) ? Math.max(this.config.epsilon, maxExploration / 2) : this.config.epsilon;
    const beliefs = new Map(modes.map((mode) => [mode, this.belief(options.deployment, mode)]));
    const mean = (mode: OutputMode) => beliefs.get(mode)?.mean ?? 0;
    const total = options.weights.correctness + options.weights.latency + options.weights.cost;
    const fractions: [number, number, number] = total > 0 ? [options.weights.correctness / total, options.weights.latency / total, options.weights.cost / total] : [1, 0, 0];
    const parts = modeScoreParts(modes.map((mode) => ({ mode, statistics: this.statistics.get(key(options.deployment, mode)) })), fractions, options.expectedCost);
    const scoreWith = (mode: OutputMode, correctness: number) => parts.correctnessWeight * correctness + (parts.rest[mode] ?? 0);
    const scores: Partial<Record<OutputMode, number>> = Object.fromEntries(modes.map((mode) => [mode, scoreWith(mode, mean(mode))]));
    const correctnessFirst = options.weights.correctness > 0 && options.weights.correctness >= options.weights.latency + options.weights.cost;
    const tolerance = this.config.correctnessTolerance;
    const mostCorrect = argmax(modes, mean);
    const bestMean = mean(mostCorrect);
    // Without this guard a cheaper mode that is several points less correct wins on latency and cost alone;
    // with the lower bound, one whose verdicts are too few to tell is not traded in either.
    const confident = (mode: OutputMode) => {
      const belief = beliefs.get(mode);
      return belief !== undefined && belief.mean - this.config.tradeConfidence * belief.sd >= bestMean - tolerance;
    };
    const eligible = correctnessFirst ? modes.filter((mode) => mode === mostCorrect || confident(mode)) : modes;
    const greedy = argmax(eligible, (mode) => scores[mode] ?? 0);
    const decision = this.decisions.get(options.deployment) ?? { choices: 0, explorations: 0 };
    this.decisions.set(options.deployment, decision);
    decision.choices += 1;
    const budgetLeft = decision.explorations + 1 <= maxExploration * decision.choices;
    const observed = modes.reduce((sum, mode) => sum + (this.statistics.get(key(options.deployment, mode))?.weight ?? 0), 0);
    let mode = greedy;
    let reason = observed < 1e-9 ? `prior: ${greedy} is the provider default` : `exploit: ${greedy} has the best weighted score`;
    if (budgetLeft && modes.length > 1) {
      // Thompson sampling: one draw per mode from its posterior; discounting widens a posterior again, so a
      // mode not tried for a while is re-explored.
      const drawn = new Map(modes.map((candidate) => [candidate, this.draw(options.deployment, candidate, options.random)]));
      const sampled = (candidate: OutputMode) => drawn.get(candidate) ?? 0;
      const sampledBest = Math.max(...modes.map(sampled));
      const contenders = correctnessFirst ? modes.filter((candidate) => sampled(candidate) >= sampledBest - tolerance) : modes;
      const thompson = argmax(contenders, (candidate) => scoreWith(candidate, sampled(candidate)));
      if (thompson !== greedy) {
        mode = thompson;
        reason = `explore: ${mode} wins on a draw from its correctness posterior`;
      } else if (options.random() < epsilon) {
        // Only modes that could still be within tolerance of the best: exploring one known to be far less
        // correct costs callers right answers for nothing.
        const plausible = modes.filter((candidate) => candidate !== greedy && (beliefs.get(candidate)?.mean ?? 0) + 2 * (beliefs.get(candidate)?.sd ?? 0) >= bestMean - tolerance);
        const pick = plausible[Math.min(plausible.length - 1, Math.floor(options.random() * plausible.length))];
        if (pick !== undefined) {
          mode = pick;
          reason = `explore: random pick of ${mode} (epsilon ${epsilon})`;
        }
      }
    }
    const explored = mode !== greedy;
    if (explored) decision.explorations += 1;
    if (blocked !== undefined && allowed.length < offered.length && allowed.length > 0) reason += ` (${[...blocked].join(", ")} blocked by the guardian)`;
    return { mode, reason, scores, explored };
  }

  /** Keeps `mode` off `deployment` (the guardian's output-mode switch), or allows it again. Not persisted. */
  blockMode(deployment: string, mode: OutputMode, blocked: boolean): void {
    const modes = this.blocked.get(deployment) ?? new Set<OutputMode>();
    if (blocked) modes.add(mode);
    else modes.delete(mode);
    if (modes.size === 0) this.blocked.delete(deployment);
    else this.blocked.set(deployment, modes);
  }

  /** The modes currently blocked on a deployment. */
  blockedModes(deployment: string): OutputMode[] {
    return [...(this.blocked.get(deployment) ?? [])];
  }

  /** Overrides a deployment's exploration share (and raises epsilon with it); undefined restores the configured one. */
  setExploration(deployment: string, fraction: number | undefined): void {
    if (fraction === undefined) this.exploration.delete(deployment);
    else this.exploration.set(deployment, Math.min(1, Math.max(0, fraction)));
  }

  /**
   * Injection point for benches: replaces the measured wall-clock latency the policy learns from (which
   * depends on the machine's load, so a seeded run would not repeat) by a deterministic one. Never set in
   * production; undefined restores the measured latency.
   */
  measureLatencyWith(latencyOf: ((outcome: ModeOutcome) => number) | undefined): void {
    this.latencyOf = latencyOf;
  }

  /** Learns from one finished call: validity, repair, latency, tokens and cost (never a gold label). */
  record(measured: ModeOutcome): void {
    const outcome = this.latencyOf === undefined ? measured : { ...measured, latencyMs: this.latencyOf(measured) };
    const step = (this.steps.get(outcome.deployment) ?? 0) + 1;
    this.steps.set(outcome.deployment, step);
    const statistics = this.row(outcome.deployment, outcome.mode, step);
    recordOutcome(statistics, outcome, this.config.alpha, this.discounting);
    for (const listener of this.listeners) listener(outcome);
  }

  /**
   * Learns from a verdict on an answer a (deployment, mode) gave: user feedback (weight 1) or agreement with
   * a shadow answer (a smaller weight). Only valid answers get verdicts; they refine the share of valid
   * answers that are also correct, which validity alone cannot see.
   */
  recordEvidence(evidence: ModeEvidence): void {
    const wrongRate = 1 - this.trustGivenValid(evidence.deployment, evidence.mode);
    const statistics = this.row(evidence.deployment, evidence.mode, this.steps.get(evidence.deployment) ?? 0);
    recordEvidence(statistics, evidence, this.discounting);
    // Blame on a mode whose verdicts were already falling: the old agreement is forgotten, exploration re-opens.
    const alarm = this.verdictAlarms.observe(key(evidence.deployment, evidence.mode), { kind: verdictKind(evidence.score, evidence.source), weight: evidence.weight, score: evidence.score }, wrongRate);
    if (alarm !== undefined) forgetVerdictsBefore(statistics, this.config.keepOnAlarm, alarm);
    for (const listener of this.listeners) listener(evidence);
  }

  /** True while a mode's recent verdicts fall below its settled rate: shadow agreement then asks more often. */
  suspect(deployment: string, mode: OutputMode): boolean {
    return this.verdictAlarms.suspect(key(deployment, mode));
  }

  /** Calls `listener` after every recorded outcome or verdict (persistence hooks in here); returns the unsubscribe. */
  onRecord(listener: (event: ModeOutcome | ModeEvidence) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /**
   * The estimated share of correct answers of a (deployment, mode): discounted validity (prior-smoothed)
   * times the share of valid answers judged correct by feedback and shadow agreement (prior-smoothed).
   */
  estimatedCorrectness(deployment: string, mode: OutputMode): number {
    return this.belief(deployment, mode).mean;
  }

  /**
   * The policy's belief about a (deployment, mode)'s correct rate: the mean of {@link estimatedCorrectness}
   * and its standard deviation (validity and verdicts as Beta posteriors). Shadow agreement asks where it is
   * widest.
   */
  belief(deployment: string, mode: OutputMode): RateBelief {
    return productBelief(this.posteriors(deployment, mode));
  }

  /**
   * The policy's trust that a *valid* answer of a (deployment, mode) is right (the verdicts' posterior mean,
   * without validity): what a comparison of two valid answers should weigh each side by.
   */
  trustGivenValid(deployment: string, mode: OutputMode): number {
    return betaMean(this.posteriors(deployment, mode)[1]);
  }

  /** The statistics for one (deployment, mode), if any call was recorded. */
  statisticsOf(deployment: string, mode: OutputMode): Readonly<ModeStatistics> | undefined {
    return this.statistics.get(key(deployment, mode));
  }

  /** Share of a deployment's choices that explored. */
  explorationFraction(deployment: string): number {
    const decision = this.decisions.get(deployment);
    return decision === undefined || decision.choices === 0 ? 0 : decision.explorations / decision.choices;
  }

  toJSON(): SerialisedAdaptivePolicy {
    return {
      version: 2,
      statistics: [...this.statistics.values()].map((row) => ({ ...row, latencyWindow: [...row.latencyWindow], detector: { ...row.detector } })),
      steps: [...this.steps.entries()].map(([deployment, step]) => ({ deployment, step })),
      decisions: [...this.decisions.entries()].map(([deployment, decision]) => ({ deployment, ...decision })),
    };
  }

  /** Restores a policy saved with {@link toJSON} (version 1 is migrated); malformed or future versions are refused. */
  static fromJSON(data: unknown, config: AdaptivePolicyConfig = {}): AdaptivePolicy {
    const state = parsePolicyState(data);
    const policy = new AdaptivePolicy(config);
    for (const row of state.statistics) policy.statistics.set(key(row.deployment, row.mode), { ...row, latencyWindow: [...row.latencyWindow], detector: { ...row.detector } });
    for (const { deployment, step } of state.steps) policy.steps.set(deployment, step);
    for (const { deployment, choices, explorations } of state.decisions) policy.decisions.set(deployment, { choices, explorations });
    return policy;
  }

  private row(deployment: string, mode: OutputMode, step: number): ModeStatistics {
    const id = key(deployment, mode);
    const statistics = this.statistics.get(id) ?? emptyStatistics(deployment, mode, step);
    this.statistics.set(id, statistics);
    discountTo(statistics, step, this.discounting);
    return statistics;
  }

  /** Validity and right-given-valid as Beta posteriors (discounted counts on the provider's priors). */
  private posteriors(deployment: string, mode: OutputMode): [BetaBelief, BetaBelief] {
    const step = this.steps.get(deployment) ?? 0;
    const provider = this.config.providerOf?.(deployment);
    const prior = provider === undefined ? this.config.priorOther : DEFAULT_MODES[provider] === mode ? this.config.priorDefault : this.config.priorOther;
    const statistics = this.statistics.get(key(deployment, mode));
    if (statistics !== undefined) discountTo(statistics, step, this.discounting);
    // An optimistic prior for verdicts, so a mode whose verdicts went bad is compared against alternatives
    // that have not disappointed yet (and that exploration then tries).
    return [
      betaBelief(prior, this.config.priorWeight, statistics?.valid ?? 0, statistics?.weight ?? 0),
      betaBelief(this.config.priorCorrectGivenValid, this.config.evidencePriorWeight, statistics?.evidenceScore ?? 0, statistics?.evidence ?? 0),
    ];
  }

  private draw(deployment: string, mode: OutputMode, random: () => number): number {
    const [validity, rightGivenValid] = this.posteriors(deployment, mode);
    return sampleBeta(validity, random) * sampleBeta(rightGivenValid, random);
  }
}

function key(deployment: string, mode: OutputMode): string {
  return `${deployment}\u0000${mode}`;
}

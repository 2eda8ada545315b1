import type { AdaptivePolicyConfig } from "./adaptive-policy-config.ts";
import { DEFAULT_PAGE_HINKLEY } from "./change-detector.ts";
import { discountTo, emptyStatistics, latencyP95, recordEvidence, recordOutcome, type DiscountConfig, type ModeEvidence, type ModeOutcome, type ModeStatistics } from "./mode-statistics.ts";
import { parsePolicyState, type SerialisedAdaptivePolicy } from "./policy-state.ts";
import { OUTPUT_MODES, type OutputMode } from "./protocol.ts";
import { DEFAULT_OUTPUT_MODES as DEFAULT_MODES } from "../config/providers.ts";
import type { TriadWeights } from "../state/gateway-state.ts";

/** Each provider's mode before any evidence (defined once, in src/config/providers.ts). */
export { DEFAULT_MODES };
/** The request's triad weights (defined once, in src/state/gateway-state.ts). */
export type { TriadWeights };

export interface ChooseOptions {
  deployment: string;
  modes: readonly OutputMode[];
  weights: TriadWeights;
  random: () => number;
  /** The cost model's expected cost of this request per mode (`estimateModeCosts`): used for the cost score when given. */
  expectedCost?: Partial<Record<OutputMode, number>>;
}

/** A mode choice, why it was made, and every candidate's weighted score (without exploration bonus). */
export interface ModeChoice {
  mode: OutputMode;
  reason: string;
  scores: Partial<Record<OutputMode, number>>;
  explored: boolean;
}

export type { SerialisedAdaptivePolicy } from "./policy-state.ts";
export type { AdaptivePolicyConfig } from "./adaptive-policy-config.ts";

/**
 * Learns, per deployment, which output mode serves the request's triad best. Scores are
 * correctness (prior-smoothed), latency (EWMA blended with p95) and cost (or tokens where calls are free),
 * each relative to the best candidate, weighted by the request. Exploration is UCB on the weighted score
 * plus a small epsilon, and never exceeds `maxExplorationFraction` of a deployment's choices.
 *
 * @example
 * const policy = new AdaptivePolicy({ providerOf: (id) => registry.get(id)?.provider });
 * const { mode } = policy.choose({ deployment: "gpt", modes: OUTPUT_MODES, weights, random });
 * policy.record({ deployment: "gpt", mode, valid: true, correct: true, latencyMs: 420, tokens: 180, costUsd: 0.0002 });
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
  private readonly config: Required<Omit<AdaptivePolicyConfig, "providerOf" | "detector">> & Pick<AdaptivePolicyConfig, "providerOf">;
  private readonly discounting: DiscountConfig;

  constructor(config: AdaptivePolicyConfig = {}) {
    this.config = {
      alpha: config.alpha ?? 0.2,
      priorWeight: config.priorWeight ?? 4,
      priorDefault: config.priorDefault ?? 0.9,
      priorOther: config.priorOther ?? 0.8,
      explorationScale: config.explorationScale ?? 0.1,
      epsilon: config.epsilon ?? 0.02,
      maxExplorationFraction: config.maxExplorationFraction ?? 0.1,
      correctnessTolerance: config.correctnessTolerance ?? 0.02,
      providerOf: config.providerOf,
      discount: config.discount ?? 0.995,
      evidenceDiscount: config.evidenceDiscount ?? 0.997,
      priorCorrectGivenValid: config.priorCorrectGivenValid ?? 0.95,
      evidencePriorWeight: config.evidencePriorWeight ?? 3,
      keepOnAlarm: config.keepOnAlarm ?? 0.1,
      minEvidenceToTrade: config.minEvidenceToTrade ?? 3,
    };
    this.discounting = { discount: this.config.discount, evidenceDiscount: this.config.evidenceDiscount, keepOnAlarm: this.config.keepOnAlarm, detector: config.detector ?? DEFAULT_PAGE_HINKLEY };
  }

  /** Picks the mode for the next call on a deployment. */
  choose(options: ChooseOptions): ModeChoice {
    const offered = options.modes.length > 0 ? [...options.modes] : [...OUTPUT_MODES];
    const blocked = this.blocked.get(options.deployment);
    const allowed = blocked === undefined ? offered : offered.filter((mode) => !blocked.has(mode));
    // Every offered mode blocked: choosing among them beats refusing the call.
    const modes = allowed.length > 0 ? allowed : offered;
    const maxExploration = this.exploration.get(options.deployment) ?? this.config.maxExplorationFraction;
    const epsilon = this.exploration.has(options.deployment) ? Math.max(this.config.epsilon, maxExploration / 2) : this.config.epsilon;
    const { scores, correctness } = this.scores(options.deployment, modes, options.weights, options.expectedCost);
    // Without this guard a cheaper mode that is several points less correct wins on latency and cost alone.
    const bestCorrectness = Math.max(...modes.map((mode) => correctness[mode] ?? 0));
    const correctnessFirst = options.weights.correctness > 0 && options.weights.correctness >= options.weights.latency + options.weights.cost;
    // A mode is traded in for latency or cost only once verdicts back its correctness: its prior alone
    // cannot tell a cheap mode that is right from one that is silently wrong.
    const mostCorrect = argmax(modes, (mode) => correctness[mode] ?? 0);
    const backed = (mode: OutputMode) => mode === mostCorrect || (this.statistics.get(key(options.deployment, mode))?.evidence ?? 0) >= this.config.minEvidenceToTrade;
    const eligible = correctnessFirst ? modes.filter((mode) => (correctness[mode] ?? 0) >= bestCorrectness - this.config.correctnessTolerance && backed(mode)) : modes;
    const greedy = argmax(eligible, (mode) => scores[mode] ?? 0);
    const decision = this.decisions.get(options.deployment) ?? { choices: 0, explorations: 0 };
    this.decisions.set(options.deployment, decision);
    decision.choices += 1;
    const budgetLeft = decision.explorations + 1 <= maxExploration * decision.choices;
    // Discounted counts: a mode not tried for a while earns its uncertainty bonus back and is explored again.
    const observed = modes.reduce((sum, mode) => sum + (this.statistics.get(key(options.deployment, mode))?.weight ?? 0), 0);
    let mode = greedy;
    let reason = observed < 1e-9 ? `prior: ${greedy} is the provider default` : `exploit: ${greedy} has the best weighted score`;
    if (budgetLeft && modes.length > 1) {
      const others = modes.filter((candidate) => candidate !== greedy);
      if (options.random() < epsilon) {
        mode = others[Math.min(others.length - 1, Math.floor(options.random() * others.length))] ?? greedy;
        reason = `explore: random pick of ${mode} (epsilon ${epsilon})`;
      } else {
        const bonus = (candidate: OutputMode) => {
          const count = this.statistics.get(key(options.deployment, candidate))?.weight ?? 0;
          return this.config.explorationScale * Math.sqrt(Math.log(observed + 2) / (count + 1));
        };
        // Under correctness-first, only a mode that could still be within tolerance of the best is worth a
        // request: exploring one known to be far less correct costs callers right answers for nothing.
        const plausible = correctnessFirst ? modes.filter((candidate) => (correctness[candidate] ?? 0) + bonus(candidate) >= bestCorrectness - this.config.correctnessTolerance) : modes;
        const optimistic = argmax(plausible, (candidate) => (scores[candidate] ?? 0) + bonus(candidate));
        if (optimistic !== greedy) {
          mode = optimistic;
          reason = `explore: ${mode} has the best score with its uncertainty bonus`;
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

  /** Learns from one finished call: validity, repair, latency, tokens and cost (never a gold label). */
  record(outcome: ModeOutcome): void {
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
    const statistics = this.row(evidence.deployment, evidence.mode, this.steps.get(evidence.deployment) ?? 0);
    recordEvidence(statistics, evidence, this.discounting);
    for (const listener of this.listeners) listener(evidence);
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
    const step = this.steps.get(deployment) ?? 0;
    const provider = this.config.providerOf?.(deployment);
    const prior = provider === undefined ? this.config.priorOther : DEFAULT_MODES[provider] === mode ? this.config.priorDefault : this.config.priorOther;
    const statistics = this.statistics.get(key(deployment, mode));
    if (statistics !== undefined) discountTo(statistics, step, this.discounting);
    const valid = (prior * this.config.priorWeight + (statistics?.valid ?? 0)) / (this.config.priorWeight + (statistics?.weight ?? 0));
    // An optimistic prior for a mode without verdicts, so a mode whose verdicts went bad is compared against
    // alternatives that have not disappointed yet (and that exploration then tries).
    const k = this.config.evidencePriorWeight;
    const correctGivenValid = (this.config.priorCorrectGivenValid * k + (statistics?.evidenceScore ?? 0)) / (k + (statistics?.evidence ?? 0));
    return valid * correctGivenValid;
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

  private scores(deployment: string, modes: OutputMode[], weights: TriadWeights, expectedCost?: Partial<Record<OutputMode, number>>): { scores: Partial<Record<OutputMode, number>>; correctness: Partial<Record<OutputMode, number>> } {
    const rows = modes.map((mode) => ({ mode, statistics: this.statistics.get(key(deployment, mode)) }));
    const observed = rows.filter((row) => row.statistics !== undefined && row.statistics.count > 0);
    const latencyOf = (statistics: ModeStatistics) => 0.7 * statistics.latencyEwma + 0.3 * latencyP95(statistics);
    const freeCalls = observed.every((row) => (row.statistics?.costEwma ?? 0) === 0);
    const costOf = (statistics: ModeStatistics) => (freeCalls ? statistics.tokensEwma : statistics.costEwma);
    const relative = (measure: (statistics: ModeStatistics) => number) => {
      const values = observed.map((row) => measure(row.statistics as ModeStatistics));
      const best = Math.min(...values);
      const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
      return (statistics: ModeStatistics | undefined): number => {
        const value = statistics === undefined || statistics.count === 0 ? mean : measure(statistics);
        return values.length === 0 || value <= 0 ? 1 : Math.min(1, best / value);
      };
    };
    const latencyScore = relative(latencyOf);
    const costScore = relative(costOf);
    const total = weights.correctness + weights.latency + weights.cost;
    const [wc, wl, wk] = total > 0 ? [weights.correctness / total, weights.latency / total, weights.cost / total] : [1, 0, 0];
    const scores: Partial<Record<OutputMode, number>> = {};
    const correctnessOf: Partial<Record<OutputMode, number>> = {};
    for (const { mode, statistics } of rows) {
      const correctness = this.estimatedCorrectness(deployment, mode);
      correctnessOf[mode] = correctness;
      // Observed cost mixes every schema's answers; the cost model's estimate is for this request's schema. It
      // ranks only modes already observed on this deployment, as latency does: an estimate that favours a mode
      // before any answer of it was seen drew the policy onto it, and once it had many answers and the default
      // few, validity priors hid that it was valid but wrong (OpenAI compressed: 9 points behind emit).
      const expected = expectedCost?.[mode];
      const seen = observed.filter((row) => (expectedCost?.[row.mode] ?? 0) > 0);
      const cheapest = Math.min(...seen.map((row) => expectedCost?.[row.mode] ?? Infinity));
      const cost = statistics !== undefined && statistics.count > 0 && expected !== undefined && expected > 0 && Number.isFinite(cheapest) ? Math.min(1, cheapest / expected) : costScore(statistics);
      scores[mode] = wc * correctness + wl * latencyScore(statistics) + wk * cost;
    }
    return { scores, correctness: correctnessOf };
  }
}

function key(deployment: string, mode: OutputMode): string {
  return `${deployment}\u0000${mode}`;
}

/** The first candidate with the highest value: ties go to the earlier (caller-ordered) mode. */
function argmax<T>(candidates: readonly T[], value: (candidate: T) => number): T {
  let best = candidates[0] as T;
  let bestValue = -Infinity;
  for (const candidate of candidates) {
    const current = value(candidate);
    if (current > bestValue) {
      best = candidate;
      bestValue = current;
    }
  }
  return best;
}

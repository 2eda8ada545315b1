import { z } from "zod";
import { SwitchyardError } from "../errors.ts";
import { emptyStatistics, latencyP95, recordOutcome, type ModeOutcome, type ModeStatistics } from "./mode-statistics.ts";
import { OUTPUT_MODES, type OutputMode } from "./protocol.ts";
import type { OutputProvider } from "./schema-unsupported-error.ts";

/** Each provider's mode before any evidence: the one its native features make most reliable. */
export const DEFAULT_MODES: Readonly<Record<OutputProvider, OutputMode>> = { openai: "emit", "google-genai": "compressed", ollama: "reconstruct" };

/** The request's triad weights; any non-negative scale, normalised by their sum. */
export interface TriadWeights {
  correctness: number;
  latency: number;
  cost: number;
}

export interface AdaptivePolicyConfig {
  /** EWMA smoothing for latency, tokens and cost. */
  alpha?: number;
  /** Pseudo-observations the prior correctness counts for. */
  priorWeight?: number;
  /** Prior correctness of the provider's default mode, and of the others. */
  priorDefault?: number;
  priorOther?: number;
  /** Scale of the UCB bonus on the weighted score. */
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
}

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

const statisticsRow = z.object({
  deployment: z.string(),
  mode: z.enum(["emit", "compressed", "reconstruct"]),
  count: z.number().int().nonnegative(),
  valid: z.number().int().nonnegative(),
  correct: z.number().int().nonnegative(),
  latencyEwma: z.number().nonnegative(),
  latencyWindow: z.array(z.number().nonnegative()),
  tokensEwma: z.number().nonnegative(),
  costEwma: z.number().nonnegative(),
});
const serialisedPolicy = z.object({
  version: z.literal(1),
  statistics: z.array(statisticsRow),
  decisions: z.array(z.object({ deployment: z.string(), choices: z.number().int().nonnegative(), explorations: z.number().int().nonnegative() })),
});

/** The persisted form of an {@link AdaptivePolicy} (schema version 1). */
export type SerialisedAdaptivePolicy = z.infer<typeof serialisedPolicy>;

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
  private readonly listeners = new Set<(outcome: ModeOutcome) => void>();
  /** Runtime overrides set by the guardian: modes kept off a deployment, and per-deployment exploration. */
  private readonly blocked = new Map<string, Set<OutputMode>>();
  private readonly exploration = new Map<string, number>();
  private readonly config: Required<Omit<AdaptivePolicyConfig, "providerOf">> & Pick<AdaptivePolicyConfig, "providerOf">;

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
    };
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
    const eligible = correctnessFirst ? modes.filter((mode) => (correctness[mode] ?? 0) >= bestCorrectness - this.config.correctnessTolerance) : modes;
    const greedy = argmax(eligible, (mode) => scores[mode] ?? 0);
    const decision = this.decisions.get(options.deployment) ?? { choices: 0, explorations: 0 };
    this.decisions.set(options.deployment, decision);
    decision.choices += 1;
    const budgetLeft = decision.explorations + 1 <= maxExploration * decision.choices;
    const observed = modes.reduce((sum, mode) => sum + (this.statistics.get(key(options.deployment, mode))?.count ?? 0), 0);
    let mode = greedy;
    let reason = observed === 0 ? `prior: ${greedy} is the provider default` : `exploit: ${greedy} has the best weighted score`;
    if (budgetLeft && modes.length > 1) {
      const others = modes.filter((candidate) => candidate !== greedy);
      if (options.random() < epsilon) {
        mode = others[Math.min(others.length - 1, Math.floor(options.random() * others.length))] ?? greedy;
        reason = `explore: random pick of ${mode} (epsilon ${epsilon})`;
      } else {
        const bonus = (candidate: OutputMode) => {
          const count = this.statistics.get(key(options.deployment, candidate))?.count ?? 0;
          return this.config.explorationScale * Math.sqrt(Math.log(observed + 2) / (count + 1));
        };
        const optimistic = argmax(modes, (candidate) => (scores[candidate] ?? 0) + bonus(candidate));
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

  /** Learns from one finished call. */
  record(outcome: ModeOutcome): void {
    const id = key(outcome.deployment, outcome.mode);
    const statistics = this.statistics.get(id) ?? emptyStatistics(outcome.deployment, outcome.mode);
    this.statistics.set(id, statistics);
    recordOutcome(statistics, outcome, this.config.alpha);
    for (const listener of this.listeners) listener(outcome);
  }

  /** Calls `listener` after every recorded outcome (persistence hooks in here); returns the unsubscribe. */
  onRecord(listener: (outcome: ModeOutcome) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
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
      version: 1,
      statistics: [...this.statistics.values()].map((row) => ({ ...row, latencyWindow: [...row.latencyWindow] })),
      decisions: [...this.decisions.entries()].map(([deployment, decision]) => ({ deployment, ...decision })),
    };
  }

  /** Restores a policy saved with {@link toJSON}; malformed or future versions are refused. */
  static fromJSON(data: unknown, config: AdaptivePolicyConfig = {}): AdaptivePolicy {
    const parsed = serialisedPolicy.safeParse(data);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ");
      throw new SwitchyardError("output_mode_state_invalid", `stored adaptive output-mode policy is not version-1 state (${issues}); delete the stored entry to start learning afresh`);
    }
    const policy = new AdaptivePolicy(config);
    for (const row of parsed.data.statistics) policy.statistics.set(key(row.deployment, row.mode), { ...row });
    for (const { deployment, choices, explorations } of parsed.data.decisions) policy.decisions.set(deployment, { choices, explorations });
    return policy;
  }

  private scores(deployment: string, modes: OutputMode[], weights: TriadWeights, expectedCost?: Partial<Record<OutputMode, number>>): { scores: Partial<Record<OutputMode, number>>; correctness: Partial<Record<OutputMode, number>> } {
    const provider = this.config.providerOf?.(deployment);
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
      const prior = provider === undefined ? this.config.priorOther : DEFAULT_MODES[provider] === mode ? this.config.priorDefault : this.config.priorOther;
      const correctness = (prior * this.config.priorWeight + (statistics?.correct ?? 0)) / (this.config.priorWeight + (statistics?.count ?? 0));
      correctnessOf[mode] = correctness;
      // Observed cost mixes every schema's answers; the cost model's estimate is for this request's schema.
      const expected = expectedCost?.[mode];
      const cheapest = Math.min(...modes.map((candidate) => expectedCost?.[candidate] ?? Infinity));
      const cost = expected !== undefined && expected > 0 && Number.isFinite(cheapest) ? cheapest / expected : costScore(statistics);
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

import { resolvePolicyConfig, type AdaptivePolicyConfig, type ResolvedPolicyConfig } from "./adaptive-policy-config.ts";
import { DEFAULT_PAGE_HINKLEY } from "./change-detector.ts";
import { betaBelief, betaMean, productBelief, sampleBeta, type BetaBelief, type RateBelief } from "./beta-posterior.ts";
import { discountTo, emptyStatistics, forgetVerdictsBefore, recordEvidence, recordOutcome, statisticsKey as key, type DiscountConfig, type ModeEvidence, type ModeOutcome, type ModeStatistics } from "./mode-statistics.ts";
import { fallbackRate, type ModeBeliefParts } from "./fallback-credit.ts";
import { explore } from "./policy-exploration.ts";
import { exploitChoice } from "./policy-exploit.ts";
import { PolicyOverrides } from "./policy-overrides.ts";
import { DEFAULT_REPROBE, Reprobes } from "./policy-reprobe.ts";
import { VerdictAlarms, verdictKind } from "./policy-verdict-alarm.ts";
import { MIGRATED_WEIGHT_CAP, parsePolicyState, type SerialisedAdaptivePolicy } from "./policy-state.ts";
import { PeerStatistics } from "./policy-peers.ts";
import type { ReplicaContribution } from "./policy-replicas.ts";
import { OUTPUT_MODES, type OutputMode } from "./protocol.ts";
import { DEFAULT_OUTPUT_MODES as DEFAULT_MODES } from "../config/providers.ts";
import type { TriadWeights } from "../state/gateway-state.ts";

/** Each provider's mode before any evidence (defined once, in src/config/providers.ts). */
export { DEFAULT_MODES };
/** The request's triad weights (defined once, in src/state/gateway-state.ts). */
export type { TriadWeights };
import type { ChooseOptions, ModeChoice } from "./policy-choice.ts";
export type { ChooseOptions, ModeChoice, SerialisedAdaptivePolicy, AdaptivePolicyConfig };
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
  /** Runtime overrides set by the guardian: modes kept off a deployment, probations, per-deployment exploration. */
  private readonly overrides = new PolicyOverrides();
  private readonly config: ResolvedPolicyConfig;
  private readonly discounting: DiscountConfig;
  /** The latency the policy learns from; undefined: the measured one (see {@link measureLatencyWith}). */
  private latencyOf: ((outcome: ModeOutcome) => number) | undefined;
  /** Silent drift: verdicts turning wrong on a mode whose answers stay valid (see {@link suspect}). */
  private readonly verdictAlarms: VerdictAlarms;
  /** What the gateway's other replicas learned (read from the store); decisions use theirs plus this one's own. */
  private readonly peers: PeerStatistics;
  private readonly reprobes: Reprobes;
  /** The most a discounted call count and verdict weight can reach here: a contribution past them is refused. */
  readonly ceilings: { calls: number; verdicts: number };

  constructor(config: AdaptivePolicyConfig = {}) {
    this.config = resolvePolicyConfig(config);
    this.verdictAlarms = new VerdictAlarms(config.verdictAlarm);
    this.discounting = { discount: this.config.discount, evidenceDiscount: this.config.evidenceDiscount, keepOnAlarm: this.config.keepOnAlarm, detector: config.detector ?? DEFAULT_PAGE_HINKLEY, ...(this.config.idleDiscount === undefined ? {} : { idleDiscount: this.config.idleDiscount }) };
    this.peers = new PeerStatistics(this.discounting);
    this.reprobes = new Reprobes({ ...DEFAULT_REPROBE, ...config.reprobe });
    // A discounted sum of one call per step cannot pass 1 / (1 - discount); verdicts can come in bursts.
    this.ceilings = { calls: Math.max(MIGRATED_WEIGHT_CAP, 1 / (1 - this.config.discount)), verdicts: 4 / (1 - this.config.evidenceDiscount) };
  }

  /**
   * Picks the mode for the next call on a deployment. Exploitation (`policy-exploit.ts`) is pessimistic about
   * correctness: a cheap mode whose correctness is merely unknown never wins. Exploration
   * (within the budget) is Thompson sampling on the same posteriors, so a mode is tried while it could still
   * be the best and stops being tried once its verdicts say it is not.
   */
  choose(options: ChooseOptions): ModeChoice {
    const offered = options.modes.length > 0 ? [...options.modes] : [...OUTPUT_MODES];
    const blocked = this.overrides.blockedModes(options.deployment);
    const allowed = offered.filter((mode) => !blocked.includes(mode));
    // Every offered mode blocked: choosing among them beats refusing the call.
    const modes = allowed.length > 0 ? allowed : offered;
    const probe = this.overrides.probe(options.deployment);
    if (probe !== undefined && modes.includes(probe.mode) && options.random() < probe.share) return { mode: probe.mode, reason: `probe: the guardian tests ${probe.mode} after lifting its block`, scores: {}, explored: true };
    const maxExploration = this.overrides.explorationOf(options.deployment) ?? this.config.maxExplorationFraction;
    const epsilon = this.overrides.explorationOf(options.deployment) !== undefined ? Math.max(this.config.epsilon, maxExploration / 2) : this.config.epsilon;
    const parts = new Map(modes.map((mode): [OutputMode, ModeBeliefParts] => [mode, { validity: betaMean(this.posteriors(options.deployment, mode)[0]), correct: this.belief(options.deployment, mode) }]));
    const retries = options.canRetry !== false && this.config.fallbackCredit > 0;
    const provider = this.config.providerOf?.(options.deployment);
    const { greedy, beliefs, scores, scoreWith, correctnessFirst, bestMean } = exploitChoice({
      modes,
      parts,
      fallbackCredit: retries ? this.config.fallbackCredit : 0,
      weights: options.weights,
      expectedCost: options.expectedCost,
      statisticsOf: (mode) => this.statisticsOf(options.deployment, mode),
      suspect: (mode) => this.suspect(options.deployment, mode),
      incumbent: provider === undefined ? undefined : DEFAULT_MODES[provider],
      tolerance: this.config.correctnessTolerance,
      tradeConfidence: this.config.tradeConfidence,
      incumbentHold: this.config.incumbentHold,
    });
    const tolerance = this.config.correctnessTolerance;
    const decision = this.decisions.get(options.deployment) ?? { choices: 0, explorations: 0 };
    this.decisions.set(options.deployment, decision);
    decision.choices += 1;
    const budgetLeft = decision.explorations + 1 <= maxExploration * decision.choices;
    const observed = modes.reduce((sum, mode) => sum + (this.statisticsOf(options.deployment, mode)?.weight ?? 0), 0);
    // Re-probes of modes written off on validity (policy-reprobe.ts); a suspect served mode is re-examined, exploring as under the guardian's override.
    const reprobe = budgetLeft ? this.reprobes.due(options.deployment, modes.filter((mode) => mode !== greedy), decision.choices, (mode) => (this.statisticsOf(options.deployment, mode)?.count ?? 0) > 0 && (parts.get(mode)?.validity ?? 0) < (parts.get(greedy)?.validity ?? 0)) : undefined;
    const exploration = reprobe !== undefined ? { mode: reprobe, reason: `reprobe: ${reprobe}, written off on validity, unasked past its backoff` } : budgetLeft && modes.length > 1 ? explore({ modes, greedy, correctnessFirst, tolerance, epsilon: this.config.widenOnSuspect && this.suspect(options.deployment, greedy) ? Math.max(epsilon, maxExploration / 2) : epsilon, bestMean, beliefs, scoreWith, random: options.random, draw: (candidate) => this.draw(options.deployment, candidate, options.random, retries ? this.config.fallbackCredit * fallbackRate(parts, candidate) : 0) }) : undefined;
    const mode = exploration?.mode ?? greedy;
    this.reprobes.asked(options.deployment, mode, decision.choices, reprobe !== undefined);
    let reason = exploration?.reason ?? (observed < 1e-9 ? `prior: ${greedy} is the provider default` : `exploit: ${greedy} has the best weighted score`);
    const explored = mode !== greedy;
    if (explored) decision.explorations += 1;
    if (allowed.length < offered.length && allowed.length > 0) reason += ` (${blocked.join(", ")} blocked by the guardian)`;
    return { mode, reason, scores, explored };
  }

  /** Keeps `mode` off `deployment` (the guardian's output-mode switch), or allows it again. Not persisted. */
  blockMode(deployment: string, mode: OutputMode, blocked: boolean): void {
    this.overrides.blockMode(deployment, mode, blocked);
  }

  /** The modes currently blocked on a deployment. */
  blockedModes = (deployment: string): OutputMode[] => this.overrides.blockedModes(deployment);

  /** Gives `mode` this share of `deployment`'s choices (undefined: stops): the guardian's probation of a lifted block. Not persisted. */
  probeMode(deployment: string, mode: OutputMode, share: number | undefined): void {
    this.overrides.probeMode(deployment, mode, share);
  }

  /** Overrides a deployment's exploration share (and raises epsilon with it); undefined restores the configured one. */
  setExploration(deployment: string, fraction: number | undefined): void {
    this.overrides.setExploration(deployment, fraction);
  }

  /** Benches only: a deterministic latency in place of the measured, load-dependent one (undefined restores it). */
  measureLatencyWith(latencyOf: ((outcome: ModeOutcome) => number) | undefined): void {
    this.latencyOf = latencyOf;
  }

  /** Learns from one finished call: validity, repair, latency, tokens and cost (never a gold label). */
  record(measured: ModeOutcome): void {
    const outcome = this.latencyOf === undefined ? measured : { ...measured, latencyMs: this.latencyOf(measured) };
    const step = (this.steps.get(outcome.deployment) ?? 0) + 1;
    this.steps.set(outcome.deployment, step);
    const statistics = this.row(outcome.deployment, outcome.mode, step);
    if (recordOutcome(statistics, outcome, this.config.alpha, this.discounting)) this.forgetPeers(outcome.deployment, outcome.mode, true);
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
    if (recordEvidence(statistics, evidence, this.discounting)) this.forgetPeers(evidence.deployment, evidence.mode, true);
    // Blame on a mode whose verdicts were already falling: the old agreement is forgotten, exploration re-opens.
    const alarm = this.verdictAlarms.observe(key(evidence.deployment, evidence.mode), { kind: verdictKind(evidence.score, evidence.source), weight: evidence.weight, score: evidence.score }, wrongRate);
    if (alarm !== undefined) {
      forgetVerdictsBefore(statistics, this.config.keepOnAlarm, alarm);
      this.forgetPeers(evidence.deployment, evidence.mode, false);
    }
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

  /** The estimated share of correct answers of a (deployment, mode): discounted validity times the share of valid answers judged correct (both prior-smoothed). */
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

  /** The trust that a *valid* answer of a (deployment, mode) is right (the verdicts' posterior mean): what a comparison of two valid answers weighs each side by. */
  trustGivenValid(deployment: string, mode: OutputMode): number {
    return betaMean(this.posteriors(deployment, mode)[1]);
  }

  /**
   * The statistics the policy decides on for one (deployment, mode), if any replica recorded a call: this
   * replica's own plus what the others saved (see {@link absorbReplicas}); its own alone is {@link toJSON}.
   */
  statisticsOf(deployment: string, mode: OutputMode): Readonly<ModeStatistics> | undefined {
    const step = this.steps.get(deployment) ?? 0;
    const own = this.statistics.get(key(deployment, mode));
    if (own !== undefined) discountTo(own, step, this.discounting);
    return this.peers.withPeers(own, deployment, mode, step);
  }

  /**
   * Takes in what the gateway's other replicas saved (their own contributions, validated and bounded by
   * `policy-store.ts`), replacing what it held from them before. Counts add, discounted sums add, averages
   * blend by weight; this replica's own statistics, and so what it saves, are left untouched.
   */
  absorbReplicas(contributions: readonly ReplicaContribution[]): void {
    this.peers.absorb(contributions, (deployment) => this.steps.get(deployment) ?? 0);
  }

  /** The other replicas whose contributions the policy currently merges, newest first. */
  peerReplicas(): string[] {
    return this.peers.replicaIds();
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
    const provider = this.config.providerOf?.(deployment);
    const prior = provider === undefined ? this.config.priorOther : DEFAULT_MODES[provider] === mode ? this.config.priorDefault : this.config.priorOther;
    const statistics = this.statisticsOf(deployment, mode);
    // An optimistic prior for verdicts, so a mode whose verdicts went bad is compared against alternatives
    // that have not disappointed yet (and that exploration then tries).
    return [
      betaBelief(prior, this.config.priorWeight, statistics?.valid ?? 0, statistics?.weight ?? 0),
      betaBelief(this.config.priorCorrectGivenValid, this.config.evidencePriorWeight, statistics?.evidenceScore ?? 0, statistics?.evidence ?? 0),
    ];
  }

  /** A change this replica detected on a mode forgets the peers' history of it too (all, or the verdicts only). */
  private forgetPeers(deployment: string, mode: OutputMode, calls: boolean): void {
    const keep = this.config.keepOnAlarm;
    this.peers.forget(key(deployment, mode), { calls: calls ? keep : 1, verdicts: keep });
  }

  /** One Thompson draw of what the caller gets right asking `mode` first; an invalid answer is retried at `fallback`'s rate. */
  private draw(deployment: string, mode: OutputMode, random: () => number, fallback: number): number {
    const [validity, rightGivenValid] = this.posteriors(deployment, mode);
    const valid = sampleBeta(validity, random);
    return valid * sampleBeta(rightGivenValid, random) + (1 - valid) * fallback;
  }
}

import type { AdaptivePolicy } from "./adaptive-policy.ts";
import { compareAnswers } from "./compare-answers.ts";
import { OUTPUT_MODES } from "./protocol.ts";
import type { ShadowAnswer, ShadowAsk, ShadowConfig, ShadowStats } from "./shadow-config.ts";
import { DeferredShadows } from "./shadow-deferral.ts";
import { arbiterScore, arbitratedScores, pickChallenger, decisionUncertainty, pickArbiter, pickShadowPartner, shadowRate, shadowScores, type ShadowTarget } from "./shadow-evidence.ts";

export type { ShadowTarget } from "./shadow-evidence.ts";
export type { ShadowAnswer, ShadowAsk, ShadowConfig, ShadowStats } from "./shadow-config.ts";

/** A partner candidate; `cooling` marks a deployment in router cooldown (offered only when shadows may wait, `ShadowConfig.defer`). */
export interface ShadowCandidate extends ShadowTarget {
  cooling?: boolean;
}

/** One comparison to make: the answer a (deployment, mode) served, and the partner to ask. */
interface ShadowJob<Request> {
  served: ShadowTarget;
  request: Request;
  answer: unknown;
  partner: ShadowTarget;
}

export interface ShadowAgreementParts {
  config: ShadowConfig;
  policy: AdaptivePolicy;
  random: () => number;
  /** Every (deployment, mode) that may serve as a partner (allowed modes; deployments serving, or cooling when shadows may wait). */
  candidates: () => Promise<ShadowCandidate[]>;
  generateId: () => string;
  /** The clock deferred shadows age on (default Date.now). */
  now?: () => number;
}

/**
 * Shadow agreement: on a small share of answered requests, the same request is asked of another
 * (deployment, mode) in the background, and the two answers are compared field by field. Agreement is
 * evidence that both are right; a disagreement blames each side by Bayes on the policy's trust in the other
 * (`shadowScores`). The partner is the candidate whose verdicts could most likely overturn its deployment's
 * decision (`pickShadowPartner`), so shadow calls go where a verdict can change a decision. The caller's
 * reply never waits for it.
 *
 * @example
 * const shadow = new ShadowAgreement({ config: { rate: 0.05, maxConcurrent: 2, weight: 0.5 }, policy, random, candidates, generateId });
 * shadow.attach((target, request, threadId) => askViaGraph(target, request, threadId));
 * shadow.offer({ threadId, served: { deployment: "gpt", mode: "emit" }, request, answer });
 */
export class ShadowAgreement<Request> {
  private ask: ShadowAsk<Request> | undefined;
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Threads of shadow and arbitration calls in flight (never shadowed again). */
  private readonly callThreads = new Set<string>();
  /** The partner candidates last seen (the modes allowed per deployment), for the synchronous rate decision. */
  private lastCandidates: readonly ShadowTarget[] | undefined;
  private readonly counters: Omit<ShadowStats, "deferral"> = { started: 0, compared: 0, agreed: 0, arbitrated: 0, arbiterCalls: 0, skippedBusy: 0, failed: 0, tokens: 0, costUsd: 0 };
  /** Shadows waiting for a cooling partner (`ShadowConfig.defer`), and whether a resume pass is running. */
  private readonly deferred: DeferredShadows<ShadowJob<Request>>;
  private resuming = false;

  constructor(private readonly parts: ShadowAgreementParts) {
    this.deferred = new DeferredShadows(parts.config.defer ?? { maxQueued: 0, maxAgeMs: 0 }, parts.now ?? Date.now);
  }

  /** Connects the function that makes shadow calls; without one, offers are ignored. */
  attach(ask: ShadowAsk<Request>): void {
    this.ask = ask;
  }

  /** True for a thread this service started: a shadow's own answer is never shadowed again. */
  isShadowThread(threadId: string | undefined): boolean {
    return threadId !== undefined && (this.inFlight.has(threadId) || this.callThreads.has(threadId));
  }

  /**
   * Maybe starts a shadow call for an answered request; returns at once (true when one started). Never throws
   * into the caller: a failed shadow is counted and forgotten.
   */
  offer(options: { threadId: string | undefined; served: ShadowTarget; request: Request; answer: unknown }): boolean {
    const ask = this.ask;
    if (ask === undefined || this.parts.config.rate <= 0 || this.isShadowThread(options.threadId)) return false;
    this.resumeDeferred(ask);
    const rate = this.rateFor(options.served);
    if (this.parts.random() >= rate) return false;
    if (this.inFlight.size >= this.parts.config.maxConcurrent) {
      this.counters.skippedBusy += 1;
      return false;
    }
    this.counters.started += 1;
    this.run(async () => {
      const candidates = await this.freshCandidates();
      // The share of this shadow's chance that the open decision (or a suspicion) added over the base rate.
      const added = rate > 0 ? Math.max(0, rate - this.parts.config.rate) / rate : 0;
      const partner = this.partnerFor(options.served, candidates, added);
      if (partner === undefined) return;
      const job = { served: options.served, request: options.request, answer: options.answer, partner: { deployment: partner.deployment, mode: partner.mode } };
      // A cooling partner is asked later, once it can serve: asking now would only meet its cooldown. It is
      // counted as started when it runs.
      if (candidates.some((candidate) => candidate.cooling === true && candidate.deployment === partner.deployment && candidate.mode === partner.mode)) {
        this.counters.started -= 1;
        this.deferred.add(job);
      }
      else await this.compare(ask, job, candidates);
    });
    return true;
  }

  stats(): ShadowStats {
    return { ...this.counters, deferral: this.deferred.stats() };
  }

  /** Waits for the shadow calls in flight (call at close); shadows still waiting for a cooling partner are dropped with the process. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight.values()]);
  }

  /**
   * This answer's chance of a shadow: the configured rate, raised towards `maxRate` while another mode of the
   * served deployment could still be better than the served one (the posteriors overlap).
   */
  rateFor(served: ShadowTarget): number {
    const { rate, maxRate, suspectRate } = this.parts.config;
    const policy = this.parts.policy;
    if (rate <= 0) return 0;
    if (policy.suspect(served.deployment, served.mode)) {
      const wanted = Math.max(rate, suspectRate ?? 0.5);
      // A max_rate the operator set is their spend limit: a suspicion (one wrong verdict) does not lift it.
      return maxRate === undefined ? wanted : Math.min(Math.max(rate, maxRate), wanted);
    }
    const ceiling = maxRate ?? Math.min(0.5, 4 * rate);
    if (ceiling <= rate) return rate;
    const blocked = policy.blockedModes(served.deployment);
    const modes = this.lastCandidates === undefined ? OUTPUT_MODES.filter((mode) => !blocked.includes(mode)) : this.lastCandidates.filter((target) => target.deployment === served.deployment).map((target) => target.mode);
    const alternatives = modes.filter((mode) => mode !== served.mode).map((mode) => policy.belief(served.deployment, mode));
    const uncertainty = decisionUncertainty(policy.belief(served.deployment, served.mode), alternatives);
    // decisionUncertainty is twice the largest chance to beat the served mode.
    const open = this.parts.config.openChance;
    return open !== undefined && uncertainty >= 2 * open ? ceiling : shadowRate({ rate, maxRate: ceiling }, uncertainty);
  }

  /** Runs `body` as a shadow of its own thread, off the caller's path; a failure is counted and forgotten. */
  private run(body: () => Promise<void>): void {
    const threadId = `shadow-${this.parts.generateId()}`;
    const run = (async () => {
      try {
        // Deferred a turn, so even the synchronous part of the shadow call runs after the caller's reply.
        await Promise.resolve();
        await body();
      } catch {
        this.counters.failed += 1;
      } finally {
        this.inFlight.delete(threadId);
      }
    })();
    this.inFlight.set(threadId, run);
  }

  private async freshCandidates(): Promise<ShadowCandidate[]> {
    const listed = await this.parts.candidates();
    // Without `defer`, a cooling deployment is no partner (the shadow would only meet its cooldown).
    const candidates = this.parts.config.defer === undefined ? listed.filter((candidate) => candidate.cooling !== true) : listed;
    this.lastCandidates = candidates;
    return candidates;
  }

  /**
   * Starts the queued shadows whose partner can serve again, within the concurrency cap, as one background
   * pass (never more than one at a time). A partner gone hard down, or no longer allowed, drops its shadows.
   */
  private resumeDeferred(ask: ShadowAsk<Request>): void {
    if (this.deferred.size === 0 || this.resuming || this.inFlight.size >= this.parts.config.maxConcurrent) return;
    this.resuming = true;
    this.run(async () => {
      try {
        const candidates = await this.freshCandidates();
        const state = (partner: ShadowTarget) => {
          const found = candidates.find((candidate) => candidate.deployment === partner.deployment && candidate.mode === partner.mode);
          return found === undefined ? "down" : found.cooling === true ? "cooling" : "serving";
        };
        // This pass holds one slot itself; the jobs run inside it one after another, so the cap holds.
        for (const job of this.deferred.take(state, Math.max(1, this.parts.config.maxConcurrent - this.inFlight.size))) {
          this.counters.started += 1;
          await this.compare(ask, job, candidates);
        }
      } finally {
        this.resuming = false;
      }
    });
  }

  /** Asks the partner, compares the two answers and records the verdicts (arbitrating a disagreement). */
  private async compare(ask: ShadowAsk<Request>, job: ShadowJob<Request>, candidates: readonly ShadowTarget[]): Promise<void> {
    const threadId = `shadow-${this.parts.generateId()}`;
    this.callThreads.add(threadId);
    try {
      const shadow = await this.call(ask, job.partner, job.request, threadId);
      if (!shadow.valid) return;
      const { equal } = compareAnswers(job.answer, shadow.structured);
      this.counters.compared += 1;
      if (equal) this.counters.agreed += 1;
      const settled = equal ? undefined : await this.arbitrate(ask, { ...job, shadowAnswer: shadow.structured, candidates, threadId });
      this.score(job.served, job.partner, settled ?? { equal });
    } finally {
      this.callThreads.delete(threadId);
    }
  }

  private async call(ask: ShadowAsk<Request>, target: ShadowTarget, request: Request, threadId: string): Promise<ShadowAnswer> {
    const answer = await ask(target, request, threadId);
    this.counters.tokens += answer.tokens;
    this.counters.costUsd += answer.costUsd;
    return answer;
  }

  /**
   * A disagreement asked of a third (deployment, mode), the one whose valid answers the policy trusts most:
   * the side it agrees with was right. The arbiter's agreement is a verdict for it too. Undefined (the pair's
   * Bayes blame decides) when arbitration is off, no third candidate exists, or it settles nothing.
   */
  private async arbitrate(
    ask: ShadowAsk<Request>,
    options: { served: ShadowTarget; answer: unknown; partner: ShadowTarget; shadowAnswer: unknown; request: Request; candidates: readonly ShadowTarget[]; threadId: string },
  ): Promise<{ served: number; partner: number } | undefined> {
    if (this.parts.config.arbitrate === false) return undefined;
    const policy = this.parts.policy;
    const arbiter = pickArbiter([options.served, options.partner], options.candidates, (target) => policy.trustGivenValid(target.deployment, target.mode));
    if (arbiter === undefined) return undefined;
    const threadId = `${options.threadId}-arbiter`;
    this.callThreads.add(threadId);
    this.counters.arbiterCalls += 1;
    try {
      const third = await this.call(ask, arbiter, options.request, threadId);
      if (!third.valid) return undefined;
      const scores = arbitratedScores({ servedMatches: compareAnswers(options.answer, third.structured).equal, partnerMatches: compareAnswers(options.shadowAnswer, third.structured).equal });
      const trust = (target: ShadowTarget) => policy.trustGivenValid(target.deployment, target.mode);
      // Scored either way: crediting the arbiter only when it settles would inflate the most trusted mode.
      const score = arbiterScore({ settled: scores !== undefined, arbiter: trust(arbiter), served: trust(options.served), partner: trust(options.partner) });
      policy.recordEvidence({ ...arbiter, score, weight: this.parts.config.weight, source: "shadow" });
      if (scores === undefined) return undefined;
      this.counters.arbitrated += 1;
      return scores;
    } catch {
      this.counters.failed += 1;
      return undefined;
    } finally {
      this.callThreads.delete(threadId);
    }
  }

  /** Records the comparison: agreement is 1 for both; an unsettled disagreement splits the blame by Bayes. */
  private score(served: ShadowTarget, partner: ShadowTarget, outcome: { equal: boolean } | { served: number; partner: number }): void {
    const policy = this.parts.policy;
    // Both answers were valid, so the trust that matters is the one in a valid answer of each side; without
    // arbitration the mode's overall estimate is kept (the measured default).
    const trust = (target: ShadowTarget) => (this.parts.config.arbitrate !== false ? policy.trustGivenValid(target.deployment, target.mode) : policy.estimatedCorrectness(target.deployment, target.mode));
    const scores = "equal" in outcome ? shadowScores({ served: trust(served), partner: trust(partner), equal: outcome.equal }) : outcome;
    policy.recordEvidence({ ...served, score: scores.served, weight: this.parts.config.weight, source: "shadow" });
    policy.recordEvidence({ ...partner, score: scores.partner, weight: this.parts.config.weight, source: "shadow" });
  }

  /**
   * Targeted: with the chance `added` (the share of the shadow rate the served deployment's open decision
   * or suspicion added), the served deployment's challenger, whose verdicts settle that decision; else the
   * (deployment, mode), anywhere, whose verdicts could most likely overturn its deployment's decision.
   */
  private partnerFor(served: ShadowTarget, candidates: readonly ShadowTarget[], added: number): ShadowTarget | undefined {
    const policy = this.parts.policy;
    const belief = (target: ShadowTarget) => policy.belief(target.deployment, target.mode);
    const challenger = added > 0 && this.parts.random() < added ? pickChallenger(served, candidates, belief) : undefined;
    return challenger ?? pickShadowPartner(served, candidates, belief, this.parts.random);
  }
}

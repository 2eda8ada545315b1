import type { AdaptivePolicy } from "./adaptive-policy.ts";
import { compareAnswers } from "./compare-answers.ts";
import { OUTPUT_MODES } from "./protocol.ts";
import { arbiterScore, arbitratedScores, pickChallenger, decisionUncertainty, pickArbiter, pickShadowPartner, shadowRate, shadowScores, type ShadowTarget } from "./shadow-evidence.ts";

export type { ShadowTarget } from "./shadow-evidence.ts";

/** What a shadow call returned: its structured answer when valid, and what it cost. */
export interface ShadowAnswer {
  structured: unknown;
  valid: boolean;
  tokens: number;
  costUsd: number;
}

/**
 * Asks `request` again of `target`, off the caller's path, on a thread of its own. Supplied by the gateway
 * (which owns the graph); the shadow service only decides when and what to compare.
 */
export type ShadowAsk<Request> = (target: ShadowTarget, request: Request, threadId: string) => Promise<ShadowAnswer>;

export interface ShadowConfig {
  /** Share of answered requests also asked of another (deployment, mode) once the policy is settled; 0 = off. */
  rate: number;
  /**
   * The share while the served deployment's mode decision is still uncertain (`decisionUncertainty`): shadows
   * scale from `rate` up to this. Default 4 x rate (at most 0.5). Set it equal to `rate` for a fixed rate.
   */
  maxRate?: number;
  /** Shadow calls in flight at most; an offer beyond that is skipped (and counted). */
  maxConcurrent: number;
  /** What one comparison counts for, against 1 for a user's verdict (default 0.5). */
  weight: number;
  /**
   * On a disagreement, ask a third (deployment, mode) and let the majority decide who was wrong; unsettled
   * disagreements then weigh each side by the trust in a *valid* answer of its mode. One more billed call on
   * the few shadows that disagree. Default true since shadows follow the decision's uncertainty: the pair's
   * Bayes blame alone splits a disagreement between two modes the policy cannot yet tell apart, so more
   * shadows blurred close modes together (docs/output-mode-policy.md, "Fourth pass"); false keeps the pair's
   * blame only.
   */
  arbitrate?: boolean;
  /**
   * The share while the served (deployment, mode) is suspect (`AdaptivePolicy.suspect`: its recent verdicts
   * fell below its settled rate). Default 0.5: a silent drift shows only in verdicts, and at the settled rate
   * a 12 %-wrong mode earns about one settled blame per 50 requests it serves. Never above a `maxRate` the
   * operator set (their spend limit; a suspicion is one wrong verdict, which steady modes also draw); with
   * `maxRate` left out, the policy's own ceilings apply (4 x rate while undecided, this while suspect).
   */
  suspectRate?: number;
  /**
   * Opt-in: the decision is open (shadowed at the full `maxRate`, the added calls going to the served
   * deployment's challenger) while the chance that another mode beats the served one by more than the
   * tolerance is at least this (0.05 tried); under it, and when left out, the rate rises linearly with that
   * chance. On ten studied runs 0.05 spent 19 % more shadow calls for no cell within 2 points
   * (docs/output-mode-policy.md, "Thirteenth pass"), so it is off by default.
   */
  openChance?: number;
}

/** Counters for reports: how many shadows ran, agreed, were skipped, and what they cost. */
export interface ShadowStats {
  started: number;
  compared: number;
  agreed: number;
  /** Disagreements a third answer settled (it agreed with exactly one side). */
  arbitrated: number;
  /** Third (arbiter) calls made, settled or not: billed like shadows. */
  arbiterCalls: number;
  skippedBusy: number;
  failed: number;
  tokens: number;
  costUsd: number;
}

export interface ShadowAgreementParts {
  config: ShadowConfig;
  policy: AdaptivePolicy;
  random: () => number;
  /** Every (deployment, mode) that may serve as a partner right now (allowed modes, deployments able to serve). */
  candidates: () => Promise<ShadowTarget[]>;
  generateId: () => string;
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
  /** Threads of arbitration calls in flight (never shadowed either). */
  private readonly arbiterThreads = new Set<string>();
  /** The partner candidates last seen (the modes allowed per deployment), for the synchronous rate decision. */
  private lastCandidates: readonly ShadowTarget[] | undefined;
  private readonly counters: ShadowStats = { started: 0, compared: 0, agreed: 0, arbitrated: 0, arbiterCalls: 0, skippedBusy: 0, failed: 0, tokens: 0, costUsd: 0 };

  constructor(private readonly parts: ShadowAgreementParts) {}

  /** Connects the function that makes shadow calls; without one, offers are ignored. */
  attach(ask: ShadowAsk<Request>): void {
    this.ask = ask;
  }

  /** True for a thread this service started: a shadow's own answer is never shadowed again. */
  isShadowThread(threadId: string | undefined): boolean {
    return threadId !== undefined && (this.inFlight.has(threadId) || this.arbiterThreads.has(threadId));
  }

  /**
   * Maybe starts a shadow call for an answered request; returns at once (true when one started). Never throws
   * into the caller: a failed shadow is counted and forgotten.
   */
  offer(options: { threadId: string | undefined; served: ShadowTarget; request: Request; answer: unknown }): boolean {
    const ask = this.ask;
    if (ask === undefined || this.parts.config.rate <= 0 || this.isShadowThread(options.threadId)) return false;
    const rate = this.rateFor(options.served);
    if (this.parts.random() >= rate) return false;
    if (this.inFlight.size >= this.parts.config.maxConcurrent) {
      this.counters.skippedBusy += 1;
      return false;
    }
    const threadId = `shadow-${this.parts.generateId()}`;
    this.counters.started += 1;
    const run = (async () => {
      try {
        // Deferred a turn, so even the synchronous part of the shadow call runs after the caller's reply.
        await Promise.resolve();
        const candidates = await this.parts.candidates();
        this.lastCandidates = candidates;
        // The share of this shadow's chance that the open decision (or a suspicion) added over the base rate.
        const added = rate > 0 ? Math.max(0, rate - this.parts.config.rate) / rate : 0;
        const partner = this.partnerFor(options.served, candidates, added);
        if (partner === undefined) return;
        const shadow = await this.call(ask, partner, options.request, threadId);
        if (!shadow.valid) return;
        const { equal } = compareAnswers(options.answer, shadow.structured);
        this.counters.compared += 1;
        if (equal) this.counters.agreed += 1;
        const settled = equal ? undefined : await this.arbitrate(ask, { ...options, partner, shadowAnswer: shadow.structured, candidates, threadId });
        this.score(options.served, partner, settled ?? { equal });
      } catch {
        this.counters.failed += 1;
      } finally {
        this.inFlight.delete(threadId);
      }
    })();
    this.inFlight.set(threadId, run);
    return true;
  }

  stats(): ShadowStats {
    return { ...this.counters };
  }

  /** Waits for the shadow calls in flight (call at close). */
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
    this.arbiterThreads.add(threadId);
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
      this.arbiterThreads.delete(threadId);
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

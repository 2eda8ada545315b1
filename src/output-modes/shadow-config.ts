import type { DeferralStats, ShadowDeferConfig } from "./shadow-deferral.ts";
import type { ShadowTarget } from "./shadow-evidence.ts";

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
  /**
   * Opt-in: a shadow whose partner is in router cooldown waits (bounded in number and age, off the caller's
   * path) and runs once the partner can serve again, instead of being lost (`shadow-deferral.ts`). A partner
   * that is hard down (unhealthy, quarantined) is never a candidate. Left out: cooling deployments draw no shadow.
   */
  defer?: ShadowDeferConfig;
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
  /** Shadows that waited for a cooling partner, and what became of them. */
  deferral: DeferralStats;
  tokens: number;
  costUsd: number;
}


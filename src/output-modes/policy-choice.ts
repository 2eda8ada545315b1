import type { OutputMode } from "./protocol.ts";
import type { TriadWeights } from "../state/gateway-state.ts";

/** What `AdaptivePolicy.choose` is asked: the deployment, the modes it may use and the request's weights. */
export interface ChooseOptions {
  deployment: string;
  modes: readonly OutputMode[];
  weights: TriadWeights;
  random: () => number;
  /** The cost model's expected cost of this request per mode (`estimateModeCosts`): used for the cost score when given. */
  expectedCost?: Partial<Record<OutputMode, number>>;
  /**
   * Whether an invalid answer will be retried in another of `modes` (default true: the gateway's attempt budget
   * is 6). False ranks each mode by its own answers alone.
   */
  canRetry?: boolean;
}

/** A mode choice, why it was made, and every candidate's weighted score (without exploration bonus). */
export interface ModeChoice {
  mode: OutputMode;
  reason: string;
  scores: Partial<Record<OutputMode, number>>;
  explored: boolean;
}

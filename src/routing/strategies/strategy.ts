import type { DeploymentConfig, ModelGroupConfig } from "../../config/schema.ts";
import type { RuntimeTable } from "../runtime-table.ts";
import type { TriadWeights } from "../../state/gateway-state.ts";
import type { GroupPlan } from "./group-plan.ts";

/** How much the caller cares about each side of the triad for one request (defined once, in src/state). */
export type { TriadWeights };

/** Expected share of correct answers (0..1) of a deployment in a group; wired to the output-mode statistics. */
export type ExpectedCorrectness = (deployment: DeploymentConfig, group: ModelGroupConfig) => number;

/** Everything a strategy reads. `eligible[0..count)` are indexes into `deployments`/`runtimes`. */
export interface StrategyContext {
  group: ModelGroupConfig;
  deployments: readonly DeploymentConfig[];
  /** One row per deployment (missing ones fresh; `table.known` says how many the caller supplied). */
  table: RuntimeTable;
  /** The group's config in flat arrays, built once per group. */
  plan: GroupPlan;
  /** Indexes of the eligible deployments in `eligible[0..count)` (entries past `count` are unused). */
  eligible: Int32Array;
  count: number;
  /** Sum of the weights of the eligible deployments. */
  eligibleWeight: number;
  estimatedInputTokens: number;
  estimatedOutputTokens: number;
  sessionKey: string | undefined;
  weights: TriadWeights;
  now: number;
  random: () => number;
  expectedCorrectness: ExpectedCorrectness | undefined;
  /** Correctness values remembered between selections (NaN: not known), same order as `deployments`; filled as read. */
  knownCorrectness: Float64Array | undefined;
  latencyBuffer: number;
  latencyTtlMs: number;
}

/** A strategy's pick: an index into `deployments` and why. */
export interface StrategyChoice {
  index: number;
  reason: string;
}

export type Strategy = (context: StrategyContext) => StrategyChoice;

let tiedScratch = new Int32Array(64);

/**
 * A reusable buffer for the indexes tied for best, at least `count` long. Strategies collect ties in one pass and
 * then draw once (`pickTied`), instead of one random draw per tied candidate: with 1,000 equal deployments the
 * draws were most of the selection time.
 */
export function tieBuffer(count: number): Int32Array {
  if (tiedScratch.length < count) tiedScratch = new Int32Array(count * 2);
  return tiedScratch;
}

/** One of the first `ties` entries of `tied`, uniformly at random; no random draw when there is only one. */
export function pickTied(tied: Int32Array, ties: number, random: () => number): number {
  if (ties <= 1) return tied[0] as number;
  return tied[Math.min(ties - 1, Math.floor(random() * ties))] as number;
}

export function formatMs(value: number): string {
  return Number.isNaN(value) ? "unknown" : `${Math.round(value)} ms`;
}

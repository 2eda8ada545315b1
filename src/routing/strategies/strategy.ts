import type { DeploymentConfig, ModelGroupConfig } from "../../config/schema.ts";
import type { DeploymentRuntime } from "../state-store.ts";
import type { GroupPlan } from "./group-plan.ts";

/** How much the caller cares about each side of the triad for one request. */
export interface TriadWeights {
  correctness: number;
  latency: number;
  cost: number;
}

/** Expected share of correct answers (0..1) of a deployment in a group; wired to the output-mode statistics. */
export type ExpectedCorrectness = (deployment: DeploymentConfig, group: ModelGroupConfig) => number;

/** Everything a strategy reads. `eligible[0..count)` are indexes into `deployments`/`runtimes`. */
export interface StrategyContext {
  group: ModelGroupConfig;
  deployments: readonly DeploymentConfig[];
  /** One entry per deployment (missing ones filled with fresh runtimes). */
  runtimes: readonly DeploymentRuntime[];
  /** How many leading entries of `runtimes` the caller supplied (the rest are fresh fill-ins). */
  knownRuntimes: number;
  /** The group's config in flat arrays, built once per group. */
  plan: GroupPlan;
  /** Indexes of the eligible deployments in `eligible[0..count)` (entries past `count` are unused). */
  eligible: readonly number[];
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
  latencyBuffer: number;
  latencyTtlMs: number;
}

/** A strategy's pick: an index into `deployments` and why. */
export interface StrategyChoice {
  index: number;
  reason: string;
}

export type Strategy = (context: StrategyContext) => StrategyChoice;

/** Latency average if fresh, else NaN (a stale average must not keep a recovered deployment out). */
export function freshLatency(runtime: DeploymentRuntime, now: number, ttlMs: number): number {
  return now - runtime.latencyUpdatedAt > ttlMs ? Number.NaN : runtime.latencyMs;
}

/** Price of the request on a deployment, in dollars. */
export function requestCost(deployment: DeploymentConfig, inputTokens: number, outputTokens: number): number {
  return (inputTokens * deployment.price.input_per_1m + outputTokens * deployment.price.output_per_1m) / 1_000_000;
}

/**
 * Picks the best-scoring eligible deployment in one pass; ties are broken uniformly at random by reservoir
 * sampling (one random draw per tie, none when the best is unique).
 */
export function pickBest(context: StrategyContext, score: (index: number) => number): { index: number; score: number; ties: number } {
  let bestIndex = context.eligible[0] as number;
  let bestScore = Number.NEGATIVE_INFINITY;
  let ties = 0;
  for (let position = 0; position < context.count; position += 1) {
    const index = context.eligible[position] as number;
    const value = score(index);
    if (value > bestScore) {
      bestScore = value;
      bestIndex = index;
      ties = 1;
    } else if (value === bestScore) {
      ties += 1;
      if (context.random() * ties < 1) bestIndex = index;
    }
  }
  return { index: bestIndex, score: bestScore, ties };
}

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

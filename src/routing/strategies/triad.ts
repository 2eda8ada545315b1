import type { DeploymentConfig } from "../../config/schema.ts";
import type { DeploymentRuntime } from "../state-store.ts";
import { formatMs, type Strategy, type StrategyContext } from "./strategy.ts";

/**
 * Scores expected correctness, latency and cost with the request's weights:
 * `w_c * correctness - w_l * latency / slowest - w_$ * cost / dearest`. Unmeasured latency counts as the mean
 * of the measured ones, so it neither wins nor loses on latency alone.
 */
export const triad: Strategy = (context) => {
  const { eligible, count, runtimes, deployments, estimatedInputTokens, estimatedOutputTokens } = context;
  const { inputPrice, outputPrice } = context.plan;
  const staleBefore = context.now - context.latencyTtlMs;
  let slowest = 0;
  let dearest = 0;
  let latencySum = 0;
  let measured = 0;
  for (let position = 0; position < count; position += 1) {
    const index = eligible[position] as number;
    const runtime = runtimes[index] as DeploymentRuntime;
    const value = runtime.latencyUpdatedAt < staleBefore ? Number.NaN : runtime.latencyMs;
    if (!Number.isNaN(value)) {
      slowest = Math.max(slowest, value);
      latencySum += value;
      measured += 1;
    }
    dearest = Math.max(dearest, (estimatedInputTokens * (inputPrice[index] as number) + estimatedOutputTokens * (outputPrice[index] as number)) / 1_000_000);
  }
  const meanLatency = measured > 0 ? latencySum / measured : 0;
  const { weights, expectedCorrectness, group } = context;
  const correctnessWeight = weights.correctness;
  const latencyWeight = weights.latency;
  const costWeight = weights.cost;
  let bestIndex = eligible[0] as number;
  let bestScore = Number.NEGATIVE_INFINITY;
  let ties = 0;
  for (let position = 0; position < count; position += 1) {
    const index = eligible[position] as number;
    const runtime = runtimes[index] as DeploymentRuntime;
    const fresh = runtime.latencyUpdatedAt < staleBefore ? Number.NaN : runtime.latencyMs;
    const latencyShare = slowest > 0 ? (Number.isNaN(fresh) ? meanLatency : fresh) / slowest : 0;
    const price = (estimatedInputTokens * (inputPrice[index] as number) + estimatedOutputTokens * (outputPrice[index] as number)) / 1_000_000;
    const costShare = dearest > 0 ? price / dearest : 0;
    let correctness = 1;
    if (expectedCorrectness !== undefined) {
      const expected = expectedCorrectness(deployments[index] as DeploymentConfig, group);
      correctness = Number.isFinite(expected) ? Math.min(1, Math.max(0, expected)) : 0;
    }
    const value = correctnessWeight * correctness - latencyWeight * latencyShare - costWeight * costShare;
    if (value > bestScore) {
      bestScore = value;
      bestIndex = index;
      ties = 1;
    } else if (value === bestScore) {
      ties += 1;
      if (context.random() * ties < 1) bestIndex = index;
    }
  }
  return { index: bestIndex, reason: describe(context, bestIndex, bestScore, meanLatency) };
};

/** The reason, built once for the chosen deployment only. */
function describe(context: StrategyContext, index: number, score: number, meanLatency: number): string {
  const chosen = context.deployments[index];
  const runtime = context.runtimes[index];
  const fresh = runtime === undefined || context.now - runtime.latencyUpdatedAt > context.latencyTtlMs ? Number.NaN : runtime.latencyMs;
  const latencyMs = Number.isNaN(fresh) ? meanLatency : fresh;
  let correctness = 1;
  if (context.expectedCorrectness !== undefined && chosen !== undefined) {
    const expected = context.expectedCorrectness(chosen, context.group);
    correctness = Number.isFinite(expected) ? Math.min(1, Math.max(0, expected)) : 0;
  }
  const price = chosen === undefined ? 0 : (context.estimatedInputTokens * chosen.price.input_per_1m + context.estimatedOutputTokens * chosen.price.output_per_1m) / 1_000_000;
  const { weights } = context;
  return (
    `triad: ${chosen?.id} scores ${score.toFixed(3)} (correctness ${correctness.toFixed(2)}, ` +
    `latency ${formatMs(latencyMs)}, cost $${price.toPrecision(3)}; weights ` +
    `c=${weights.correctness} l=${weights.latency} $=${weights.cost})`
  );
}

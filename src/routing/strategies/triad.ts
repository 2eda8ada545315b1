import type { DeploymentConfig } from "../../config/schema.ts";
import { formatMs, pickTied, tieBuffer, type Strategy, type StrategyContext } from "./strategy.ts";

let latencyScratch = new Float64Array(64);
let priceScratch = new Float64Array(64);
let correctnessScratch = new Float64Array(64);

/**
 * Scores expected correctness, latency and cost with the request's weights:
 * `w_c * correctness - w_l * latency / slowest - w_$ * cost / dearest`. Unmeasured latency counts as the mean
 * of the measured ones, so it neither wins nor loses on latency alone.
 */
export const triad: Strategy = (context) => {
  const { eligible, count, deployments, estimatedInputTokens, estimatedOutputTokens, expectedCorrectness, group } = context;
  const { inputPrice, outputPrice } = context.plan;
  const { latencyMs, latencyUpdatedAt } = context.table;
  if (latencyScratch.length < count) {
    latencyScratch = new Float64Array(count * 2);
    priceScratch = new Float64Array(count * 2);
    correctnessScratch = new Float64Array(count * 2);
  }
  // One pass over the runtime objects and the correctness callback; the scoring pass then reads only these arrays.
  const latencies = latencyScratch;
  const prices = priceScratch;
  const correctnesses = correctnessScratch;
  const staleBefore = context.now - context.latencyTtlMs;
  let slowest = 0;
  let dearest = 0;
  let latencySum = 0;
  let measured = 0;
  for (let position = 0; position < count; position += 1) {
    const index = eligible[position] as number;
    const value = (latencyUpdatedAt[index] as number) < staleBefore ? Number.NaN : (latencyMs[index] as number);
    latencies[position] = value;
    if (!Number.isNaN(value)) {
      slowest = Math.max(slowest, value);
      latencySum += value;
      measured += 1;
    }
    const price = (estimatedInputTokens * (inputPrice[index] as number) + estimatedOutputTokens * (outputPrice[index] as number)) / 1_000_000;
    prices[position] = price;
    dearest = Math.max(dearest, price);
    let correctness = 1;
    if (expectedCorrectness !== undefined) {
      const expected = expectedCorrectness(deployments[index] as DeploymentConfig, group);
      correctness = Number.isFinite(expected) ? Math.min(1, Math.max(0, expected)) : 0;
    }
    correctnesses[position] = correctness;
  }
  const meanLatency = measured > 0 ? latencySum / measured : 0;
  const { weights } = context;
  const correctnessWeight = weights.correctness;
  const latencyWeight = weights.latency;
  const costWeight = weights.cost;
  const tied = tieBuffer(count);
  let bestScore = Number.NEGATIVE_INFINITY;
  let ties = 0;
  for (let position = 0; position < count; position += 1) {
    const fresh = latencies[position] as number;
    const latencyShare = slowest > 0 ? (Number.isNaN(fresh) ? meanLatency : fresh) / slowest : 0;
    const costShare = dearest > 0 ? (prices[position] as number) / dearest : 0;
    const value = correctnessWeight * (correctnesses[position] as number) - latencyWeight * latencyShare - costWeight * costShare;
    if (value > bestScore) {
      bestScore = value;
      tied[0] = position;
      ties = 1;
    } else if (value === bestScore) {
      tied[ties] = position;
      ties += 1;
    }
  }
  // Ties hold positions here; every score NaN leaves no best: the first candidate, as before.
  const bestIndex = eligible[ties === 0 ? 0 : pickTied(tied, ties, context.random)] as number;
  return { index: bestIndex, reason: describe(context, bestIndex, bestScore, meanLatency) };
};

/** The reason, built once for the chosen deployment only. */
function describe(context: StrategyContext, index: number, score: number, meanLatency: number): string {
  const chosen = context.deployments[index];
  const { table } = context;
  const fresh = context.now - (table.latencyUpdatedAt[index] as number) > context.latencyTtlMs ? Number.NaN : (table.latencyMs[index] as number);
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

import { formatMs, freshLatency, pickBest, requestCost, type Strategy } from "./strategy.ts";

/**
 * Scores expected correctness, latency and cost with the request's weights:
 * `w_c * correctness - w_l * latency / slowest - w_$ * cost / dearest`. Unmeasured latency counts as the mean
 * of the measured ones, so it neither wins nor loses on latency alone.
 */
export const triad: Strategy = (context) => {
  let slowest = 0;
  let dearest = 0;
  let latencySum = 0;
  let measured = 0;
  for (let position = 0; position < context.count; position += 1) {
    const index = context.eligible[position] as number;
    const runtime = context.runtimes[index];
    const deployment = context.deployments[index];
    const value = runtime === undefined ? Number.NaN : freshLatency(runtime, context.now, context.latencyTtlMs);
    if (!Number.isNaN(value)) {
      slowest = Math.max(slowest, value);
      latencySum += value;
      measured += 1;
    }
    if (deployment !== undefined) dearest = Math.max(dearest, requestCost(deployment, context.estimatedInputTokens, context.estimatedOutputTokens));
  }
  const meanLatency = measured > 0 ? latencySum / measured : 0;
  const { weights } = context;
  const latencyOf = (index: number): number => {
    const runtime = context.runtimes[index];
    const value = runtime === undefined ? Number.NaN : freshLatency(runtime, context.now, context.latencyTtlMs);
    return Number.isNaN(value) ? meanLatency : value;
  };
  const correctnessOf = (index: number): number => {
    const deployment = context.deployments[index];
    if (context.expectedCorrectness === undefined || deployment === undefined) return 1;
    const value = context.expectedCorrectness(deployment, context.group);
    return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
  };
  const best = pickBest(context, (index) => {
    const deployment = context.deployments[index];
    if (deployment === undefined) return Number.NEGATIVE_INFINITY;
    const latencyShare = slowest > 0 ? latencyOf(index) / slowest : 0;
    const costShare = dearest > 0 ? requestCost(deployment, context.estimatedInputTokens, context.estimatedOutputTokens) / dearest : 0;
    return weights.correctness * correctnessOf(index) - weights.latency * latencyShare - weights.cost * costShare;
  });
  const chosen = context.deployments[best.index];
  const price = chosen === undefined ? 0 : requestCost(chosen, context.estimatedInputTokens, context.estimatedOutputTokens);
  return {
    index: best.index,
    reason:
      `triad: ${chosen?.id} scores ${best.score.toFixed(3)} (correctness ${correctnessOf(best.index).toFixed(2)}, ` +
      `latency ${formatMs(latencyOf(best.index))}, cost $${price.toPrecision(3)}; weights ` +
      `c=${weights.correctness} l=${weights.latency} $=${weights.cost})`,
  };
};

import type { DeploymentConfig } from "../../config/schema.ts";
import { dearestPrice } from "./group-plan.ts";
import { formatMs, pickTied, tieBuffer, type Strategy, type StrategyContext } from "./strategy.ts";

/**
 * Scores expected correctness, latency and cost with the request's weights:
 * `w_c * correctness - w_l * latency / slowest - w_$ * cost / dearest`, where `slowest` and `dearest` are the
 * slowest fresh latency and the highest price for this request among all of the group's deployments (eligible
 * or not), so a score reads "relative to the slowest / priciest deployment of the group". Unmeasured latency
 * counts as the mean of the group's fresh measured ones, so it neither wins nor loses on latency alone.
 */
export const triad: Strategy = (context) => {
  const { eligible, count, estimatedInputTokens, estimatedOutputTokens, table } = context;
  const { inputPrice, outputPrice } = context.plan;
  // The normalisers are over the group, kept by the table and the plan as they change: one pass, the scoring.
  // After `freshLatency`, the table's fresh column holds each sample within the ttl and NaN for the rest.
  table.freshLatency(context.now - context.latencyTtlMs);
  const freshLatencyMs = table.freshLatencyMs;
  const slowest = table.slowestLatency;
  const meanLatency = table.latencyCount > 0 ? table.latencySum / table.latencyCount : 0;
  // In per-1M-token units: only its ratio to the dearest counts, so the division by a million is left out.
  const dearest = dearestPrice(context.plan, estimatedInputTokens, estimatedOutputTokens);
  const { weights } = context;
  const correctnessWeight = weights.correctness;
  // `w_l * latency / slowest` as `(w_l / slowest) * latency`: one division per request, none per candidate.
  const perLatency = slowest > 0 ? weights.latency / slowest : 0;
  const perPrice = dearest > 0 ? weights.cost / dearest : 0;
  // Correctness is clamped to [0, 1], so `w_c * correctness` is at most max(w_c, 0): a candidate whose score with
  // that best case is below the best so far can neither win nor tie, and its correctness is not asked for.
  // Rounding is monotone, so the skip never drops a candidate a full pass would keep.
  const bestCaseCorrectness = Math.max(correctnessWeight, 0);
  const known = context.expectedCorrectness === undefined ? undefined : context.knownCorrectness;
  const tied = tieBuffer(count);
  let bestScore = Number.NEGATIVE_INFINITY;
  let ties = 0;
  for (let position = 0; position < count; position += 1) {
    const index = eligible[position] as number;
    const fresh = freshLatencyMs[index] as number;
    const penalty =
      perLatency * (Number.isNaN(fresh) ? meanLatency : fresh) +
      perPrice * (estimatedInputTokens * (inputPrice[index] as number) + estimatedOutputTokens * (outputPrice[index] as number));
    if (bestCaseCorrectness - penalty < bestScore) continue;
    // The remembered value read inline (most contenders have one); the estimator only for the rest.
    const remembered = known === undefined ? Number.NaN : (known[index] as number);
    const value = correctnessWeight * (Number.isNaN(remembered) ? correctnessOf(context, index) : remembered) - penalty;
    if (value > bestScore) {
      bestScore = value;
      tied[0] = position;
      ties = 1;
    } else if (value === bestScore) {
      tied[ties] = position;
      ties += 1;
    }
  }
  if (ties === 0) bestScore = Number.NEGATIVE_INFINITY;
  // Ties hold positions here; every score NaN leaves no best: the first candidate, as before.
  const bestIndex = eligible[ties === 0 ? 0 : pickTied(tied, ties, context.random)] as number;
  return { index: bestIndex, reason: describe(context, bestIndex, bestScore, meanLatency) };
};

/**
 * Expected correctness of a deployment, clamped to [0, 1] (not finite: 0); 1 without an estimator. A value
 * remembered since the deployment's estimate last changed is used as is, so the estimator is asked once.
 */
function correctnessOf(context: StrategyContext, index: number): number {
  const expectedCorrectness = context.expectedCorrectness;
  if (expectedCorrectness === undefined) return 1;
  const known = context.knownCorrectness;
  if (known !== undefined) {
    const remembered = known[index] as number;
    if (!Number.isNaN(remembered)) return remembered;
  }
  const expected = expectedCorrectness(context.deployments[index] as DeploymentConfig, context.group);
  const correctness = Number.isFinite(expected) ? Math.min(1, Math.max(0, expected)) : 0;
  if (known !== undefined) known[index] = correctness;
  return correctness;
}

/** The reason, built once for the chosen deployment only. */
function describe(context: StrategyContext, index: number, score: number, meanLatency: number): string {
  const chosen = context.deployments[index];
  const { table } = context;
  const fresh = context.now - (table.latencyUpdatedAt[index] as number) > context.latencyTtlMs ? Number.NaN : (table.latencyMs[index] as number);
  const latencyMs = Number.isNaN(fresh) ? meanLatency : fresh;
  const correctness = correctnessOf(context, index);
  const price = chosen === undefined ? 0 : (context.estimatedInputTokens * chosen.price.input_per_1m + context.estimatedOutputTokens * chosen.price.output_per_1m) / 1_000_000;
  const { weights } = context;
  return (
    `triad: ${chosen?.id} scores ${score.toFixed(3)} (correctness ${correctness.toFixed(2)}, ` +
    `latency ${formatMs(latencyMs)}, cost $${price.toPrecision(3)}; weights ` +
    `c=${weights.correctness} l=${weights.latency} $=${weights.cost})`
  );
}

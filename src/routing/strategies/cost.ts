import { pickBest, requestCost, type Strategy } from "./strategy.ts";

/** Cheapest for this request: price per token times the estimated input and output tokens. */
export const cost: Strategy = (context) => {
  const best = pickBest(context, (index) => {
    const deployment = context.deployments[index];
    return deployment === undefined ? Number.NEGATIVE_INFINITY : -requestCost(deployment, context.estimatedInputTokens, context.estimatedOutputTokens);
  });
  const tie = best.ties > 1 ? `, random among ${best.ties} tied` : "";
  return {
    index: best.index,
    reason: `cost: ${context.deployments[best.index]?.id} costs $${(-best.score).toPrecision(3)} for ~${context.estimatedInputTokens}+${context.estimatedOutputTokens} tokens${tie}`,
  };
};

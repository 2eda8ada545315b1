import { pickTied, tieBuffer, type Strategy } from "./strategy.ts";

/** Cheapest for this request: price per token times the estimated input and output tokens. */
export const cost: Strategy = (context) => {
  const { eligible, count, estimatedInputTokens, estimatedOutputTokens } = context;
  const { inputPrice, outputPrice } = context.plan;
  const tied = tieBuffer(count);
  let bestScore = Number.NEGATIVE_INFINITY;
  let ties = 0;
  for (let position = 0; position < count; position += 1) {
    const index = eligible[position] as number;
    // Price in dollars: per-1M-token prices times the estimated tokens.
    const value = -((estimatedInputTokens * (inputPrice[index] as number) + estimatedOutputTokens * (outputPrice[index] as number)) / 1_000_000);
    if (value > bestScore) {
      bestScore = value;
      tied[0] = index;
      ties = 1;
    } else if (value === bestScore) {
      tied[ties] = index;
      ties += 1;
    }
  }
  // Every score NaN leaves no best: the first candidate, as before.
  const bestIndex = ties === 0 ? (eligible[0] as number) : pickTied(tied, ties, context.random);
  const tie = ties > 1 ? `, random among ${ties} tied` : "";
  return {
    index: bestIndex,
    reason: `cost: ${context.deployments[bestIndex]?.id} costs $${(-bestScore).toPrecision(3)} for ~${estimatedInputTokens}+${estimatedOutputTokens} tokens${tie}`,
  };
};

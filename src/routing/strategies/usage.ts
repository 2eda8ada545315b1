import { pickTied, tieBuffer, type Strategy } from "./strategy.ts";

/** Most rpm/tpm headroom left after this request, as a share of the limit (no limit = full headroom). */
export const usage: Strategy = (context) => {
  const { eligible, count } = context;
  const { requestsInWindow, tokensInWindow, known } = context.table;
  const { rpm, tpm } = context.plan;
  const tokens = context.estimatedInputTokens + context.estimatedOutputTokens;
  const tied = tieBuffer(count);
  let bestScore = Number.NEGATIVE_INFINITY;
  let ties = 0;
  for (let position = 0; position < count; position += 1) {
    const index = eligible[position] as number;
    let value = 1;
    // A deployment the caller gave no runtime for counts as untouched: full headroom.
    if (index < known) {
      const requestLimit = rpm[index] as number;
      const tokenLimit = tpm[index] as number;
      if (requestLimit !== Number.POSITIVE_INFINITY) value = Math.min(value, 1 - ((requestsInWindow[index] as number) + 1) / requestLimit);
      if (tokenLimit !== Number.POSITIVE_INFINITY) value = Math.min(value, 1 - ((tokensInWindow[index] as number) + tokens) / tokenLimit);
    }
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
    reason: `usage: ${context.deployments[bestIndex]?.id} keeps ${Math.round(bestScore * 100)}% of its rpm/tpm headroom${tie}`,
  };
};

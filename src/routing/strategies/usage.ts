import { pickBest, type Strategy } from "./strategy.ts";

/** Most rpm/tpm headroom left after this request, as a share of the limit (no limit = full headroom). */
export const usage: Strategy = (context) => {
  const tokens = context.estimatedInputTokens + context.estimatedOutputTokens;
  const best = pickBest(context, (index) => {
    const limits = context.deployments[index]?.limits;
    const runtime = context.runtimes[index];
    if (limits === undefined || runtime === undefined) return 1;
    let headroom = 1;
    if (limits.rpm !== undefined) headroom = Math.min(headroom, 1 - (runtime.requestsInWindow + 1) / limits.rpm);
    if (limits.tpm !== undefined) headroom = Math.min(headroom, 1 - (runtime.tokensInWindow + tokens) / limits.tpm);
    return headroom;
  });
  const tie = best.ties > 1 ? `, random among ${best.ties} tied` : "";
  return {
    index: best.index,
    reason: `usage: ${context.deployments[best.index]?.id} keeps ${Math.round(best.score * 100)}% of its rpm/tpm headroom${tie}`,
  };
};

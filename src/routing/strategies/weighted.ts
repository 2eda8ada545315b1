import type { Strategy } from "./strategy.ts";

/** Weighted shuffle: each eligible deployment with probability weight / total weight. */
export const weighted: Strategy = (context) => {
  const { eligible, count } = context;
  const weights = context.plan.weight;
  // Summed during filtering, in the same order, so it is the same number the old extra pass computed.
  const total = context.eligibleWeight;
  let target = context.random() * total;
  let chosen = eligible[count - 1] as number;
  for (let position = 0; position < count; position += 1) {
    const index = eligible[position] as number;
    target -= weights[index] as number;
    if (target < 0) {
      chosen = index;
      break;
    }
  }
  const deployment = context.deployments[chosen];
  return { index: chosen, reason: `weighted: drew ${deployment?.id} (weight ${deployment?.weight} of ${total} over ${count})` };
};

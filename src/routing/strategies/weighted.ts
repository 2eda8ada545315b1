import type { Strategy } from "./strategy.ts";

/** Weighted shuffle: each eligible deployment with probability weight / total weight. */
export const weighted: Strategy = (context) => {
  let total = 0;
  for (let position = 0; position < context.count; position += 1) {
    total += context.deployments[context.eligible[position] as number]?.weight ?? 0;
  }
  let target = context.random() * total;
  let chosen = context.eligible[context.count - 1] as number;
  for (let position = 0; position < context.count; position += 1) {
    const index = context.eligible[position] as number;
    target -= context.deployments[index]?.weight ?? 0;
    if (target < 0) {
      chosen = index;
      break;
    }
  }
  const deployment = context.deployments[chosen];
  return { index: chosen, reason: `weighted: drew ${deployment?.id} (weight ${deployment?.weight} of ${total} over ${context.count})` };
};

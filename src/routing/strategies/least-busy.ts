import type { DeploymentRuntime } from "../state-store.ts";
import type { Strategy } from "./strategy.ts";

/** Fewest requests in flight (across replicas when the state is shared). */
export const leastBusy: Strategy = (context) => {
  const { eligible, count, runtimes } = context;
  // Same pass as pickBest, written out so the score is inlined rather than called through a shared closure.
  let bestIndex = eligible[0] as number;
  let bestScore = Number.NEGATIVE_INFINITY;
  let ties = 0;
  for (let position = 0; position < count; position += 1) {
    const index = eligible[position] as number;
    const value = -(runtimes[index] as DeploymentRuntime).inFlight;
    if (value > bestScore) {
      bestScore = value;
      bestIndex = index;
      ties = 1;
    } else if (value === bestScore) {
      ties += 1;
      if (context.random() * ties < 1) bestIndex = index;
    }
  }
  const tie = ties > 1 ? `, random among ${ties} tied` : "";
  return { index: bestIndex, reason: `least-busy: ${context.deployments[bestIndex]?.id} has ${-bestScore} in flight${tie}` };
};

import { pickBest, type Strategy } from "./strategy.ts";

/** Fewest requests in flight (across replicas when the state is shared). */
export const leastBusy: Strategy = (context) => {
  const best = pickBest(context, (index) => -(context.runtimes[index]?.inFlight ?? 0));
  const tie = best.ties > 1 ? `, random among ${best.ties} tied` : "";
  return { index: best.index, reason: `least-busy: ${context.deployments[best.index]?.id} has ${-best.score} in flight${tie}` };
};

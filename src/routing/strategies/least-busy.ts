import { pickTied, tieBuffer, type Strategy } from "./strategy.ts";

/** Fewest requests in flight (across replicas when the state is shared). */
export const leastBusy: Strategy = (context) => {
  const { eligible, count } = context;
  const inFlight = context.table.inFlight;
  // Each strategy writes its own loop: a shared loop calling a score closure per candidate is not inlined.
  const tied = tieBuffer(count);
  let bestScore = Number.NEGATIVE_INFINITY;
  let ties = 0;
  for (let position = 0; position < count; position += 1) {
    const index = eligible[position] as number;
    const value = -(inFlight[index] as number);
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
  return { index: bestIndex, reason: `least-busy: ${context.deployments[bestIndex]?.id} has ${-bestScore} in flight${tie}` };
};

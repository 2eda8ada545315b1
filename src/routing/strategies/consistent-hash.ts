import { fnv1a, idHash, rendezvousScore } from "./rendezvous-hash.ts";
import { type Strategy } from "./strategy.ts";
import { weighted } from "./weighted.ts";

/**
 * Session affinity by rendezvous hashing on the request's session key: the same key lands on the same
 * deployment while it is eligible, and when a deployment leaves only its own sessions move.
 */
export const consistentHash: Strategy = (context) => {
  if (context.sessionKey === undefined || context.sessionKey.length === 0) {
    const choice = weighted(context);
    return { index: choice.index, reason: `consistent-hash: no session key, fell back to ${choice.reason}` };
  }
  const keyHash = fnv1a(context.sessionKey);
  let bestIndex = context.eligible[0] as number;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let position = 0; position < context.count; position += 1) {
    const index = context.eligible[position] as number;
    const deployment = context.deployments[index];
    if (deployment === undefined) continue;
    const score = rendezvousScore(keyHash, idHash(deployment.id), deployment.weight);
    if (score > bestScore) {
      bestScore = score;
      bestIndex = index;
    }
  }
  return { index: bestIndex, reason: `consistent-hash: session ${context.sessionKey} maps to ${context.deployments[bestIndex]?.id} among ${context.count}` };
};

import { fnv1a, rendezvousHash } from "./rendezvous-hash.ts";
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
  const { eligible, count, plan } = context;
  const idHashes = plan.idHash;
  const keyHash = fnv1a(context.sessionKey);
  let bestIndex = eligible[0] as number;
  if (plan.uniformWeight) {
    // With equal weights the score rises with the pair hash, so the hash alone ranks them (no logarithm).
    let bestHash = -1;
    for (let position = 0; position < count; position += 1) {
      const index = eligible[position] as number;
      const hash = rendezvousHash(keyHash, idHashes[index] as number);
      if (hash > bestHash) {
        bestHash = hash;
        bestIndex = index;
      }
    }
  } else {
    const weights = plan.weight;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let position = 0; position < count; position += 1) {
      const index = eligible[position] as number;
      const weight = weights[index] as number;
      const hash = rendezvousHash(keyHash, idHashes[index] as number);
      // -ln(u) >= 1 - u, so weight / (1 - u) bounds the score from above: when even the bound cannot beat the
      // best so far, the logarithm is skipped and the result is the same. Most candidates end here. The bound is
      // checked as a product (no division): u <= 1 - 2^-33 keeps the bound above the score by far more than a
      // rounding. Scaling by 2^-32 is exact, so the product gives the same u as the division did.
      const uniform = (hash + 0.5) * 2.3283064365386963e-10;
      if (weight <= bestScore * (1 - uniform)) continue;
      const score = -weight / Math.log(uniform);
      if (score > bestScore) {
        bestScore = score;
        bestIndex = index;
      }
    }
  }
  return { index: bestIndex, reason: `consistent-hash: session ${context.sessionKey} maps to ${context.deployments[bestIndex]?.id} among ${count}` };
};

import type { KeyStatistics } from "./key-statistics.ts";

/**
 * Deployments that failed at least `failureShare` of their recent calls: transport failures and invalid
 * answers, pooled over the deployment's modes, once it has at least `minSamples` recent calls. Not being in
 * cooldown does not make such a deployment able to serve; the last-deployment guard leaves them out. The
 * guardian passes `errors.min_increase` (0.1): the failure rate its own errors detector calls a degradation
 * of a clean backend. Half (the first cut) let a peer in a 429 storm, out of cooldown between its 429s, stand
 * in for the healthy deployment, which was then quarantined for a latency rise (soak: 17 in 300 s).
 * `quarantined` (deployments with an open quarantine incident, on probation included) are failing too.
 *
 * @example
 * failingDeployments(guardian.keys.values(), 20, 0.1) // Set { "openai-gpt-4o-mini" } during a 429 storm
 */
export function failingDeployments(keys: Iterable<KeyStatistics>, minSamples: number, failureShare: number, quarantined: Iterable<string> = []): Set<string> {
  const calls = new Map<string, { total: number; served: number }>();
  for (const key of keys) {
    const total = key.recent.error.count;
    if (total === 0) continue;
    const answered = total * (1 - key.recent.error.mean());
    // Validity is known only of answered calls; their valid share stands for all of them.
    const validRate = key.recent.valid.count === 0 ? 1 : key.recent.valid.mean();
    const entry = calls.get(key.deployment) ?? { total: 0, served: 0 };
    entry.total += total;
    entry.served += answered * validRate;
    calls.set(key.deployment, entry);
  }
  // Quarantined or on probation after one (their recent windows were cleared when it began): failing until restored.
  const failing = new Set<string>(quarantined);
  for (const [deployment, { total, served }] of calls) if (total >= minSamples && total - served >= failureShare * total) failing.add(deployment);
  return failing;
}

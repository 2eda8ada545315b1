/** What the guard needs to know about routing right now. */
export interface ServingView {
  groups: ReadonlyArray<{ name: string; deployments: readonly string[] }>;
  /** Groups reachable from `group` through its fallbacks, nearest first. */
  chainOf(group: string): readonly string[];
  /** Healthy, not cooling down (a guardian quarantine is a cooldown) and not failing most of its recent calls. */
  canServe(deployment: string): boolean;
}

/**
 * Why removing `deployment` (a quarantine) must be refused: some group whose fallback chain contains it would
 * be left with no deployment able to serve, anywhere in the chain. Undefined when it may go. A slow or failing
 * backend that is the only one left still serves better than nothing (issue #14: the guardian quarantined the
 * only healthy backend and p99 went to 10 s).
 *
 * @example
 * removalRefusal("ollama-llama3.1", view) // "quarantining ollama-llama3.1 would leave group extract with nothing able to serve (...)"
 */
export function removalRefusal(deployment: string, view: ServingView): string | undefined {
  const byName = new Map(view.groups.map((group) => [group.name, group]));
  for (const group of view.groups) {
    const chain = [group.name, ...view.chainOf(group.name)];
    const members = [...new Set(chain.flatMap((name) => byName.get(name)?.deployments ?? []))];
    if (!members.includes(deployment)) continue;
    if (members.some((other) => other !== deployment && view.canServe(other))) continue;
    const others = members.filter((other) => other !== deployment);
    const why = others.length === 0 ? "it is the only deployment in the chain" : `${others.join(", ")} cannot serve (cooling down, unhealthy or failing)`;
    return `quarantining ${deployment} would leave group ${group.name} with nothing able to serve (chain ${chain.join(" -> ")}: ${why}); refused, it keeps serving`;
  }
  return undefined;
}

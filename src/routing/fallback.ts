import type { DeploymentConfig, ModelGroupConfig } from "../config/schema.ts";

export type FallbackCause = "context_window" | "content_policy" | "exhausted";

export interface FallbackPlan {
  /** The group to try next, or null when none is left. */
  group: string | null;
  reason: string;
}

export interface PlanFallbackOptions {
  group: ModelGroupConfig;
  cause: FallbackCause;
  groups: ReadonlyMap<string, ModelGroupConfig>;
  deployments: ReadonlyMap<string, DeploymentConfig>;
  /** Groups already tried for this request. */
  tried?: readonly string[];
  /** With cause "exhausted": the request's whole fallback chain in order (see fallbackChain); the group's `fallbacks` when omitted. */
  chain?: readonly string[];
  /** Input + output tokens of the request, so a context-window fallback skips groups that are too small too. */
  requestTokens?: number;
}

/** Largest context window among a group's deployments. */
export function largestContextWindow(group: ModelGroupConfig, deployments: ReadonlyMap<string, DeploymentConfig>): number {
  let largest = 0;
  for (const id of group.deployments) largest = Math.max(largest, deployments.get(id)?.context_window ?? 0);
  return largest;
}

/**
 * The next group to try and why: the content-policy or context-window fallback for those causes (following the
 * chain of context-window fallbacks until one fits), otherwise the group's ordered `fallbacks`. Groups already
 * tried are skipped, so a cycle in the config cannot loop a request.
 *
 * @example
 * planFallback({ group, cause: "context_window", groups, deployments, requestTokens: 190_000 })
 * // { group: "long-context", reason: "190000 tokens exceed the 128000-token windows of chat; long-context fits (1000000)" }
 */
export function planFallback(options: PlanFallbackOptions): FallbackPlan {
  const tried = new Set(options.tried ?? []);
  tried.add(options.group.name);
  const { group, groups, deployments } = options;
  if (options.cause === "context_window") {
    const tokens = options.requestTokens ?? 0;
    let current: ModelGroupConfig | undefined = group;
    const path: string[] = [];
    while (current?.context_window_fallback !== undefined) {
      const next = groups.get(current.context_window_fallback);
      if (next === undefined || tried.has(next.name) || path.includes(next.name)) break;
      path.push(next.name);
      const window = largestContextWindow(next, deployments);
      if (window >= tokens) {
        return { group: next.name, reason: `${tokens} tokens exceed the context windows of ${group.name}; ${next.name} fits (${window})` };
      }
      current = next;
    }
    return { group: null, reason: `${tokens} tokens exceed every context window of ${group.name}${path.length > 0 ? ` and of ${path.join(", ")}` : ""}, and no larger context_window_fallback is configured` };
  }
  if (options.cause === "content_policy") {
    const target = group.content_policy_fallback;
    if (target !== undefined && !tried.has(target) && groups.has(target)) {
      return { group: target, reason: `content policy refusal in ${group.name}; content_policy_fallback is ${target}` };
    }
    return { group: null, reason: `content policy refusal in ${group.name} and no untried content_policy_fallback` };
  }
  const next = (options.chain ?? group.fallbacks).find((name) => !tried.has(name) && groups.has(name));
  if (next !== undefined) return { group: next, reason: `every deployment of ${group.name} failed or is unavailable; next fallback is ${next}` };
  return { group: null, reason: `every deployment of ${group.name} failed and its fallbacks (${group.fallbacks.join(", ") || "none"}) are used up` };
}

/**
 * Decided BEFORE the call: if no deployment of the group can hold the request, the context-window fallback to
 * use instead (null plan group: nothing fits), or undefined when the group itself fits.
 */
export function contextWindowCheck(options: Omit<PlanFallbackOptions, "cause"> & { requestTokens: number }): FallbackPlan | undefined {
  if (largestContextWindow(options.group, options.deployments) >= options.requestTokens) return undefined;
  return planFallback({ ...options, cause: "context_window" });
}

/**
 * Every group reachable from `group` through `fallbacks`, nearest first (breadth-first), the group itself
 * left out; a cycle in the config ends the walk.
 *
 * @example
 * fallbackChain(groups.get("chat")!, groups) // ["backup", "local"] for chat -> backup -> local
 */
export function fallbackChain(group: ModelGroupConfig, groups: ReadonlyMap<string, ModelGroupConfig>): string[] {
  const seen = new Set([group.name]);
  const chain: string[] = [];
  const queue = [group];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    for (const name of current.fallbacks) {
      const next = groups.get(name);
      if (next === undefined || seen.has(name)) continue;
      seen.add(name);
      chain.push(name);
      queue.push(next);
    }
  }
  return chain;
}

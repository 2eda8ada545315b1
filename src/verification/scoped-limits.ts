import type { Value } from "./expression.ts";
import type { MonitorState } from "./monitor-state.ts";
import type { Policy } from "./policy.ts";

/** Ledger counts by scope, then action: how often each action ran under a scope, across every thread. */
export type ScopedCounts = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** One `at most N ACTION per fact.NAME` rule. */
export interface ScopedLimit {
  action: string;
  fact: string;
  limit: number;
}

const limitsByPolicy = new WeakMap<Policy, readonly ScopedLimit[]>();

/** The policy's limits counted across threads (`per fact.NAME`); `per thread` limits are not among them. */
export function scopedLimits(policy: Policy): readonly ScopedLimit[] {
  // Read on every monitor check: computed once per policy (a loaded policy does not change).
  let limits = limitsByPolicy.get(policy);
  if (limits === undefined) {
    limits = policy.rules.flatMap((rule) => (rule.property.kind === "at_most" && rule.property.scope !== undefined ? [{ action: rule.property.action, fact: rule.property.scope.fact, limit: rule.property.limit }] : []));
    limitsByPolicy.set(policy, limits);
  }
  return limits;
}

/**
 * The ledger's scope for a fact's value: `fact.customer_id="c-42"`. Every thread whose fact has that value
 * counts into it, whatever its lineage.
 */
export function ledgerScope(fact: string, value: Value): string {
  return `fact.${fact}=${JSON.stringify(value)}`;
}

/** Where a monitor state keeps a scoped count: `refund per fact.customer_id`. */
export function scopedCountKey(action: string, fact: string): string {
  return `${action} per fact.${fact}`;
}

/**
 * The scopes a thread's executed `action` counts under (every scoped rule on it whose fact is set), or, without
 * an action, every scope the thread's state needs. Sorted, so lock order is the same in every process.
 */
export function scopesOf(policy: Policy, facts: Readonly<Record<string, Value>>, action?: string): string[] {
  const scopes = new Set<string>();
  for (const limit of scopedLimits(policy)) {
    const value = facts[limit.fact];
    if (value !== undefined && (action === undefined || limit.action === action)) scopes.add(ledgerScope(limit.fact, value));
  }
  return [...scopes].sort();
}

/** A thread's scoped counts as its monitor state keeps them, read from the ledger's counts by scope. */
export function scopedState(policy: Policy, facts: Readonly<Record<string, Value>>, counts: ScopedCounts): Record<string, number> {
  const state: Record<string, number> = {};
  for (const limit of scopedLimits(policy)) {
    const value = facts[limit.fact];
    state[scopedCountKey(limit.action, limit.fact)] = value === undefined ? 0 : (counts[ledgerScope(limit.fact, value)]?.[limit.action] ?? 0);
  }
  return state;
}

/**
 * How often the rule's action ran so far, in its scope: the thread's count, or the count across threads. The
 * thread's own count is a lower bound of any scope it belongs to, so a state without scoped counts (a caller
 * that only knows the thread) still never counts below it.
 */
export function usedSoFar(state: Pick<MonitorState, "counts" | "scoped">, action: string, scope: { fact: string } | undefined): number {
  const own = state.counts[action] ?? 0;
  return scope === undefined ? own : Math.max(own, state.scoped?.[scopedCountKey(action, scope.fact)] ?? 0);
}

/** The scoped counts after `action` ran once more. */
export function scopedAfter(policy: Policy, scoped: Readonly<Record<string, number>> | undefined, action: string): Readonly<Record<string, number>> | undefined {
  if (scoped === undefined) return undefined;
  if (!scopedLimits(policy).some((limit) => limit.action === action)) return scoped;
  const next = { ...scoped };
  for (const limit of scopedLimits(policy)) if (limit.action === action) next[scopedCountKey(action, limit.fact)] = (next[scopedCountKey(action, limit.fact)] ?? 0) + 1;
  return next;
}

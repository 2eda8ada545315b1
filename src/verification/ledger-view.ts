import type { LedgerEntry } from "./action-ledger.ts";
import { canonicalJson } from "./canonical-hash.ts";
import type { Value } from "./expression.ts";
import { initialMonitorState } from "./runtime-monitor.ts";
import { scalar, type Policy } from "./policy.ts";
import type { MonitorState } from "./monitor-state.ts";
import { scopedLimits, scopedState, scopesOf, type ScopedCounts } from "./scoped-limits.ts";

/** A call's identity for approvals and clearances: its id, action and canonical arguments. */
export function callKey(callId: string, action: string, args: Readonly<Record<string, unknown>>): string {
  return `${callId}\u0000${action}\u0000${canonicalJson(args)}`;
}

/** What enforcement knows about a thread, derived from its lineage's ledger only. */
export interface LedgerView {
  /** The monitor state after every executed action, with the thread's facts. */
  state: MonitorState;
  /** Call keys a person approved. */
  approved: ReadonlySet<string>;
  /** Call keys whose approval was asked (before the answer arrived). */
  requested: ReadonlySet<string>;
  /** Call keys the monitor cleared to run. */
  cleared: ReadonlySet<string>;
  /** Per call id, the arguments a person approved (an edit approves its own arguments). */
  approvedArgs: ReadonlyMap<string, Record<string, unknown>>;
  /** Call ids a person rejected or the checks stopped: settled, not asked again. */
  rejected: ReadonlySet<string>;
  /** Call ids already executed, with their entries. */
  executed: ReadonlyMap<string, LedgerEntry>;
}

/**
 * Replays a lineage's ledger: counts and effects of executed actions (in ledger order, whatever any
 * checkpoint says), the latest value of each fact, and the approvals and clearances given. `scoped` are the
 * ledger's counts across threads for the thread's scopes (`ledger.scopedCounts(scopesOf(policy, facts))`);
 * without them, limits `per fact.NAME` count this lineage only.
 *
 * @example
 * const view = ledgerView(policy, await ledger.entries("t1"));
 * view.state.counts.refund; // refunds that ran on t1 and every fork of it
 */
export function ledgerView(policy: Policy, entries: readonly LedgerEntry[], scoped?: ScopedCounts): LedgerView {
  const state = initialMonitorState(policy);
  const facts: Record<string, Value> = {};
  const approved = new Set<string>();
  const requested = new Set<string>();
  const cleared = new Set<string>();
  const approvedArgs = new Map<string, Record<string, unknown>>();
  const rejected = new Set<string>();
  const executed = new Map<string, LedgerEntry>();
  for (const entry of entries) {
    switch (entry.kind) {
      case "fact": {
        const value = entry.args.value;
        if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") facts[entry.action] = value;
        break;
      }
      case "approved":
        approved.add(callKey(entry.callId, entry.action, entry.args));
        approvedArgs.set(entry.callId, entry.args);
        break;
      case "rejected":
        rejected.add(entry.callId);
        break;
      case "approval_requested":
        requested.add(callKey(entry.callId, entry.action, entry.args));
        break;
      case "cleared":
        cleared.add(callKey(entry.callId, entry.action, entry.args));
        break;
      case "executed": {
        executed.set(entry.callId, entry);
        const context = { state: { ...state.values }, args: entry.args, counts: state.counts, facts };
        for (const effect of policy.effects[entry.action] ?? []) {
          try {
            state.values[effect.variable] = scalar(effect.evaluate(context));
          } catch {
            // The call was admitted with readable arguments; an effect that cannot be read now keeps the old value.
          }
        }
        state.counts[entry.action] = (state.counts[entry.action] ?? 0) + 1;
        state.last_action = entry.action;
        break;
      }
    }
  }
  state.facts = facts;
  if (scopedLimits(policy).length > 0) state.scoped = scopedState(policy, facts, scoped ?? lineageCounts(policy, facts, entries));
  return { state, approved, requested, cleared, approvedArgs, rejected, executed };
}

/** The latest value of each fact in a lineage. */
export function factsOf(entries: readonly LedgerEntry[]): Record<string, Value> {
  const facts: Record<string, Value> = {};
  for (const entry of entries) {
    const value = entry.args.value;
    if (entry.kind === "fact" && (typeof value === "string" || typeof value === "number" || typeof value === "boolean")) facts[entry.action] = value;
  }
  return facts;
}

/** Scoped counts from one lineage alone (a lower bound: other threads of the scope are not in it). */
function lineageCounts(policy: Policy, facts: Readonly<Record<string, Value>>, entries: readonly LedgerEntry[]): ScopedCounts {
  const counts: Record<string, Record<string, number>> = {};
  for (const scope of scopesOf(policy, facts)) {
    counts[scope] = {};
    for (const entry of entries) if (entry.kind === "executed") counts[scope][entry.action] = (counts[scope][entry.action] ?? 0) + 1;
  }
  return counts;
}

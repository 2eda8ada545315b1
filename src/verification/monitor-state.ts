import type { Value } from "./expression.ts";

/** What the monitor tracks per thread: the policy's state variables and how often each action ran. */
export interface MonitorState {
  values: Record<string, Value>;
  counts: Record<string, number>;
  last_action?: string;
  /**
   * Counts of `at most N ACTION per fact.NAME` rules, across every thread sharing the fact's value (from the
   * ledger), keyed `ACTION per fact.NAME`. Absent when the policy has no such rule.
   */
  scoped?: Record<string, number>;
  /** The thread's facts (set by trusted code through the ledger). */
  facts?: Record<string, Value>;
}

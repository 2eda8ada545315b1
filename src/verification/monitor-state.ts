import type { Value } from "./expression.ts";

/** What the monitor tracks per thread: the policy's state variables and how often each action ran. */
export interface MonitorState {
  values: Record<string, Value>;
  counts: Record<string, number>;
  last_action?: string;
  /** The thread's facts (set by trusted code through the ledger). */
  facts?: Record<string, Value>;
}

/**
 * The append-only ledger of what a thread's agent did in the world: executed tool calls, approvals asked and
 * given, calls the monitor cleared, and facts set by trusted code. Enforcement reads it, never graph state:
 * a caller can rewrite state (input, `updateState`, a fork from an earlier checkpoint, a forged `Command`)
 * but not the ledger, and a rewind never lowers a count or undoes an effect. Entries are keyed by the
 * thread's lineage root, so a fork (see `fork`) inherits its parent's ledger.
 *
 * Implementations: MemoryActionLedger (memory-action-ledger.ts, one process), SqliteActionLedger
 * (checkpoints/sqlite-action-ledger.ts, a table beside the checkpoints, shared by every process on the file).
 */
import type { ScopedCounts } from "./scoped-limits.ts";

/** What an entry records; the ledgers in checkpoints/ store and check the same list. */
export const ledgerKinds = ["executed", "approval_requested", "approved", "rejected", "cleared", "fact"] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

export interface NewLedgerEntry {
  kind: LedgerKind;
  /** The tool call's id (unique per kind within a lineage: a replayed call is a duplicate, not a second run). */
  callId: string;
  /** The normalised action name (for facts: the fact's name). */
  action: string;
  /** The call's arguments (for facts: `{ value }`). */
  args: Record<string, unknown>;
  /**
   * Scopes an executed call counts under across threads (`fact.customer_id="c-42"`, see scoped-limits.ts): the
   * append's admit check sees their counts, read in the same transaction.
   */
  scopes?: readonly string[];
}

export interface LedgerEntry extends NewLedgerEntry {
  /** Order within the ledger (global, increasing). */
  seq: number;
  /** The thread that wrote it (a fork's entries carry the fork's id). */
  threadId: string;
  /** Milliseconds since the epoch. */
  at: number;
}

/**
 * Called inside the append's transaction with the lineage's entries and the counts of the entry's scopes
 * across every thread (scope -> action -> count): a reason refuses the append.
 */
export type LedgerAdmit = (lineage: readonly LedgerEntry[], scoped: ScopedCounts) => string | undefined;

export type AppendResult = { status: "appended"; entry: LedgerEntry } | { status: "duplicate"; entry: LedgerEntry } | { status: "refused"; reason: string };

export interface ActionLedger {
  /** Every entry of the thread's lineage, oldest first. */
  entries(threadId: string): Promise<readonly LedgerEntry[]>;
  /**
   * Appends unless the lineage already holds an entry of the same kind and call id (then `duplicate`) or
   * `admit` refuses. Reading the lineage, admitting and inserting are one transaction: two processes cannot
   * both take the last slot of a limit.
   */
  append(threadId: string, entry: NewLedgerEntry, admit?: LedgerAdmit): Promise<AppendResult>;
  /** Makes `childThreadId` a fork of `parentThreadId`: it shares (and adds to) the parent's lineage. */
  fork(parentThreadId: string, childThreadId: string): Promise<void>;
  /** The thread that executed a call (by ledger call id), in any lineage: how a copied history finds its parent. */
  threadOfCall(callId: string): Promise<string | undefined>;
  /** How often each action ran under each of these scopes, across every thread (an indexed read). */
  scopedCounts(scopes: readonly string[]): Promise<ScopedCounts>;
}

/** Sets a per-thread fact (the customer's address on file). Trusted application code only: not reachable from graph input. */
export async function setThreadFact(ledger: ActionLedger, threadId: string, name: string, value: string | number | boolean): Promise<void> {
  await ledger.append(threadId, { kind: "fact", callId: `fact:${name}:${Date.now()}:${Math.random().toString(36).slice(2)}`, action: name, args: { value } });
}

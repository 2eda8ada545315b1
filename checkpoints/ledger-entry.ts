import { z } from "zod";

/** The ledger's entry kinds (src/verification/action-ledger.ts documents them; the graph checks the two agree). */
export type LedgerKind = "executed" | "approval_requested" | "approved" | "rejected" | "cleared" | "fact";

export interface NewEntry {
  kind: LedgerKind;
  callId: string;
  action: string;
  args: Record<string, unknown>;
}

export interface Entry extends NewEntry {
  seq: number;
  threadId: string;
  at: number;
}

export type Append = { status: "appended"; entry: Entry } | { status: "duplicate"; entry: Entry } | { status: "refused"; reason: string };

/**
 * A ledger row as either database hands it back; `args` is whatever the driver gives (SQLite: JSON text,
 * Postgres: a parsed JSONB object), which each ledger reads its own way. Numbers are coerced: Postgres returns
 * BIGINT as a string.
 */
export const ledgerRowSchema = z.object({
  seq: z.coerce.number().int(),
  thread_id: z.string(),
  kind: z.enum(["executed", "approval_requested", "approved", "rejected", "cleared", "fact"]),
  call_id: z.string(),
  action: z.string(),
  args: z.unknown(),
  at: z.coerce.number().int(),
});
export type LedgerRow = z.infer<typeof ledgerRowSchema>;

/** A parsed row as an entry, given its arguments already read. */
export function entryOf(row: LedgerRow, args: Record<string, unknown>): Entry {
  return { seq: row.seq, threadId: row.thread_id, kind: row.kind, callId: row.call_id, action: row.action, args, at: row.at };
}

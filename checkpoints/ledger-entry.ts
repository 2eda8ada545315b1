import { z } from "zod";
import { ledgerKinds, type LedgerKind } from "../src/verification/action-ledger.ts";

export interface NewEntry {
  kind: LedgerKind;
  callId: string;
  action: string;
  args: Record<string, unknown>;
  /** Scopes an executed call counts under across threads (`fact.customer_id="c-42"`). */
  scopes?: readonly string[];
}

/** Counts by scope, then action. */
export type ScopedCounts = Record<string, Record<string, number>>;

/** Admit check: the lineage's entries and the entry's scoped counts, inside the append's transaction. */
export type Admit = (lineage: readonly Entry[], scoped: ScopedCounts) => string | undefined;

/** Rows of `SELECT scope, action, COUNT(*) AS n ... GROUP BY scope, action` as counts by scope. */
export function scopedCountsOf(rows: readonly unknown[]): ScopedCounts {
  const counts: ScopedCounts = {};
  for (const raw of rows) {
    const row = scopedCountRowSchema.parse(raw);
    (counts[row.scope] ??= {})[row.action] = row.n;
  }
  return counts;
}

const scopedCountRowSchema = z.object({ scope: z.string(), action: z.string(), n: z.coerce.number().int() });

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
  kind: z.enum(ledgerKinds),
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

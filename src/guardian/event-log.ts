import { z } from "zod";
import { SwitchyardError } from "../errors.ts";
import { eventCategories, type EventSink, type GuardianEvent, type GuardianEventCategory } from "./guardian-event.ts";

/** A stored event with its row id. */
export type StoredEvent = GuardianEvent & { id: number };

export interface EventQuery {
  category?: GuardianEventCategory;
  kind?: string;
  subject?: string;
  /** Epoch ms, inclusive. */
  since?: number;
  limit?: number;
}

/** A saved guardian baseline snapshot. */
export interface SavedSnapshot {
  savedAt: number;
  snapshot: unknown;
}

/**
 * The guardian's append-only event log and its baseline snapshots: in the SQLite state file (SqliteEventLog,
 * whose calls answer at once) or in Postgres beside the server's tables (PostgresEventLog, shared by every
 * replica). `record` never waits: a sink must not slow the request that raised the event.
 */
export interface EventLog extends EventSink {
  /** Newest first. Rows are parsed: a corrupt row is an error naming its id, not a silent skip. */
  query(query?: EventQuery): StoredEvent[] | Promise<StoredEvent[]>;
  saveSnapshot(name: string, savedAt: number, snapshot: unknown): void | Promise<void>;
  loadSnapshot(name: string): SavedSnapshot | undefined | Promise<SavedSnapshot | undefined>;
  /** Writes what is queued, then closes what the log opened. */
  close(): void | Promise<void>;
}

const rowSchema = z.object({
  id: z.number().int(),
  at: z.number(),
  category: z.enum(eventCategories),
  kind: z.string(),
  subject: z.string(),
  reason: z.string(),
  evidence: z.string().transform((text, context) => {
    try {
      return z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).parse(JSON.parse(text));
    } catch {
      context.addIssue({ code: "custom", message: "evidence is not a JSON object of figures" });
      return z.NEVER;
    }
  }),
});

/** An event row read back from either store, checked: a row written by something else is named, not skipped. */
export function parseEventRow(row: unknown): StoredEvent {
  const parsed = rowSchema.safeParse(row);
  if (!parsed.success) {
    const id = typeof row === "object" && row !== null && "id" in row ? String(row.id) : "?";
    throw new SwitchyardError("store_invalid", `guardian_events row ${id} is malformed (${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}); the table was written by something else. Fix: remove the row; switchyard writes only rows it can read.`);
  }
  return parsed.data;
}

/** A snapshot row's JSON, parsed; undefined when it cannot be read (the guardian then starts from fresh baselines). */
export function parseSnapshotRow(row: unknown): SavedSnapshot | undefined {
  const parsed = z.object({ saved_at: z.number(), snapshot: z.string() }).safeParse(row);
  if (!parsed.success) return undefined;
  try {
    return { savedAt: parsed.data.saved_at, snapshot: JSON.parse(parsed.data.snapshot) as unknown };
  } catch {
    return undefined;
  }
}

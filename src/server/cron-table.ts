import type Database from "better-sqlite3";
import { z } from "zod";
import { withBusyRetry } from "../../checkpoints/index.ts";
import { SwitchyardError } from "../errors.ts";
import { jsonObject } from "./server-tables.ts";

/** A cron's record; `payload` is the run body every firing starts (input, config, context, stream mode…). */
export interface CronRecord {
  cron_id: string;
  assistant_id: string;
  /** The thread every firing runs on; null for a stateless cron (a new thread per firing). */
  thread_id: string | null;
  schedule: string;
  timezone: string | null;
  /** Epoch ms after which the cron no longer fires; null for never. */
  end_time: number | null;
  payload: Record<string, unknown>;
  metadata: Record<string, unknown>;
  enabled: boolean;
  on_run_completed: "delete" | "keep";
  /** Epoch ms of the next firing; null once past end_time. */
  next_run_at: number | null;
  created_at: string;
  updated_at: string;
}

const cronRow = z.object({
  cron_id: z.string(),
  assistant_id: z.string(),
  thread_id: z.string().nullable(),
  schedule: z.string(),
  timezone: z.string().nullable(),
  end_time: z.number().nullable(),
  payload: jsonObject,
  metadata: jsonObject,
  enabled: z.number().transform((value) => value === 1),
  on_run_completed: z.enum(["delete", "keep"]),
  next_run_at: z.number().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

const schema = `
CREATE TABLE IF NOT EXISTS server_crons (
  cron_id TEXT PRIMARY KEY,
  assistant_id TEXT NOT NULL,
  thread_id TEXT,
  schedule TEXT NOT NULL,
  timezone TEXT,
  end_time INTEGER,
  payload TEXT NOT NULL,
  metadata TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  on_run_completed TEXT NOT NULL,
  next_run_at INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS server_crons_due ON server_crons (next_run_at) WHERE enabled = 1 AND next_run_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS server_cron_firings (
  cron_id TEXT NOT NULL,
  fire_at INTEGER NOT NULL,
  owner TEXT NOT NULL,
  run_id TEXT,
  error TEXT,
  claimed_at INTEGER NOT NULL,
  PRIMARY KEY (cron_id, fire_at)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS server_cron_firings_age ON server_cron_firings (fire_at);
CREATE INDEX IF NOT EXISTS server_cron_firings_open ON server_cron_firings (claimed_at) WHERE run_id IS NULL AND error IS NULL;
`;

/** Columns a search may sort by (the SDK's CronSortBy), mapped to SQL. */
export const sortColumns = {
  cron_id: "cron_id",
  assistant_id: "assistant_id",
  thread_id: "thread_id",
  created_at: "created_at",
  updated_at: "updated_at",
  next_run_date: "next_run_at",
} as const;
export type CronSortBy = keyof typeof sortColumns;

export interface CronQuery {
  assistant_id?: string | undefined;
  thread_id?: string | undefined;
  enabled?: boolean | undefined;
  metadata?: Record<string, unknown> | undefined;
  sort_by?: CronSortBy | undefined;
  sort_order?: "asc" | "desc" | undefined;
  limit: number;
  offset: number;
}

export function parseCronRow(row: unknown): CronRecord {
  const parsed = cronRow.safeParse(row);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new SwitchyardError("checkpoint_invalid", `a row of server_crons is malformed (${issue?.path.join(".") ?? "row"}: ${issue?.message ?? "invalid"}). Fix: delete the row.`);
}

/**
 * Crons in `server_crons` beside the server's other tables. A firing is claimed by moving `next_run_at`
 * from the due time the claimer saw to the next one, in one IMMEDIATE transaction that also records the
 * (cron, fire time) in `server_cron_firings`: of several servers on one file, exactly one claims it. The
 * firing's run id is written in the transaction that creates the run (RunManager.create's `inTransaction`),
 * so a firing without one started no run: if its claimer died, another server may claim it again.
 */
export class CronTable {
  readonly #database: Database.Database;
  readonly #now: () => number;

  constructor(database: Database.Database, now: () => number) {
    this.#database = database;
    this.#now = now;
    database.exec(schema);
  }

  #stamp(): string {
    return new Date(this.#now()).toISOString();
  }

  create(record: Omit<CronRecord, "created_at" | "updated_at">): CronRecord {
    const stamp = this.#stamp();
    this.#database
      .prepare(
        `INSERT INTO server_crons (cron_id, assistant_id, thread_id, schedule, timezone, end_time, payload, metadata, enabled, on_run_completed, next_run_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(record.cron_id, record.assistant_id, record.thread_id, record.schedule, record.timezone, record.end_time, JSON.stringify(record.payload), JSON.stringify(record.metadata), record.enabled ? 1 : 0, record.on_run_completed, record.next_run_at, stamp, stamp);
    return { ...record, created_at: stamp, updated_at: stamp };
  }

  get(cronId: string): CronRecord | undefined {
    const row: unknown = this.#database.prepare("SELECT * FROM server_crons WHERE cron_id = ?").get(cronId);
    return row === undefined ? undefined : parseCronRow(row);
  }

  /** Replaces the mutable fields of a cron (the route merged the patch into the record). */
  update(record: CronRecord): CronRecord {
    const stamp = this.#stamp();
    this.#database
      .prepare("UPDATE server_crons SET schedule = ?, end_time = ?, payload = ?, metadata = ?, enabled = ?, on_run_completed = ?, next_run_at = ?, updated_at = ? WHERE cron_id = ?")
      .run(record.schedule, record.end_time, JSON.stringify(record.payload), JSON.stringify(record.metadata), record.enabled ? 1 : 0, record.on_run_completed, record.next_run_at, stamp, record.cron_id);
    return { ...record, updated_at: stamp };
  }

  delete(cronId: string): boolean {
    return this.#database.transaction(() => {
      this.#database.prepare("DELETE FROM server_cron_firings WHERE cron_id = ?").run(cronId);
      return this.#database.prepare("DELETE FROM server_crons WHERE cron_id = ?").run(cronId).changes > 0;
    })();
  }

  search(query: CronQuery): CronRecord[] {
    const where: string[] = [];
    const parameters: unknown[] = [];
    if (query.assistant_id !== undefined) {
      where.push("assistant_id = ?");
      parameters.push(query.assistant_id);
    }
    if (query.thread_id !== undefined) {
      where.push("thread_id = ?");
      parameters.push(query.thread_id);
    }
    if (query.enabled !== undefined) {
      where.push("enabled = ?");
      parameters.push(query.enabled ? 1 : 0);
    }
    const column = sortColumns[query.sort_by ?? "created_at"];
    const order = query.sort_order === "asc" ? "ASC" : "DESC";
    const sql = `SELECT * FROM server_crons${where.length > 0 ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY ${column} ${order}, cron_id`;
    const all = this.#database.prepare(sql).all(...parameters).map(parseCronRow);
    const matches = all.filter((cron) => Object.entries(query.metadata ?? {}).every(([key, value]) => JSON.stringify(cron.metadata[key]) === JSON.stringify(value)));
    return matches.slice(query.offset, query.offset + query.limit);
  }

  /** Enabled crons due at `now`, oldest due first, at most `limit`. */
  due(now: number, limit: number): Array<{ cron_id: string; next_run_at: number }> {
    const rows = this.#database.prepare("SELECT cron_id, next_run_at FROM server_crons WHERE enabled = 1 AND next_run_at IS NOT NULL AND next_run_at <= ? ORDER BY next_run_at LIMIT ?").all(now, limit);
    return z.array(z.object({ cron_id: z.string(), next_run_at: z.number() })).parse(rows);
  }

  /**
   * Claims the firing of `cronId` due at `dueAt` for `owner`, moving the cron on to `nextAt` (null: no more
   * firings). False when another server claimed it first (next_run_at no longer equals dueAt).
   */
  async claim(cronId: string, dueAt: number, nextAt: number | null, owner: string): Promise<boolean> {
    const claim = this.#database.transaction(() => {
      const moved = this.#database.prepare("UPDATE server_crons SET next_run_at = ? WHERE cron_id = ? AND enabled = 1 AND next_run_at = ?").run(nextAt, cronId, dueAt);
      if (moved.changes !== 1) return false;
      const recorded = this.#database.prepare("INSERT OR IGNORE INTO server_cron_firings (cron_id, fire_at, owner, claimed_at) VALUES (?, ?, ?, ?)").run(cronId, dueAt, owner, this.#now());
      if (recorded.changes !== 1) throw new SwitchyardError("checkpoint_invalid", `cron ${cronId} firing at ${new Date(dueAt).toISOString()} was already recorded although next_run_at pointed at it`);
      return true;
    });
    return withBusyRetry(() => claim.immediate(), {});
  }

  /** Notes the run a claimed firing started; called inside the transaction that creates the run. */
  recordRun(cronId: string, dueAt: number, runId: string): void {
    this.#database.prepare("UPDATE server_cron_firings SET run_id = ? WHERE cron_id = ? AND fire_at = ?").run(runId, cronId, dueAt);
  }

  /** Notes why a claimed firing started no run: it is not tried again. */
  recordError(cronId: string, dueAt: number, message: string): void {
    this.#database.prepare("UPDATE server_cron_firings SET error = ? WHERE cron_id = ? AND fire_at = ?").run(message.slice(0, 2_000), cronId, dueAt);
  }

  /** Firings claimed at or before `claimedBefore` that neither started a run nor failed: their claimer may have died. */
  unstarted(claimedBefore: number, limit: number): Array<{ cron_id: string; fire_at: number; owner: string }> {
    const rows = this.#database.prepare("SELECT cron_id, fire_at, owner FROM server_cron_firings WHERE run_id IS NULL AND error IS NULL AND claimed_at <= ? ORDER BY claimed_at LIMIT ?").all(claimedBefore, limit);
    return z.array(z.object({ cron_id: z.string(), fire_at: z.number(), owner: z.string() })).parse(rows);
  }

  /** Takes an unstarted firing over from a dead claimer; false if another server took it first or it started. */
  reclaim(cronId: string, dueAt: number, from: string, to: string): boolean {
    return this.#database.prepare("UPDATE server_cron_firings SET owner = ?, claimed_at = ? WHERE cron_id = ? AND fire_at = ? AND owner = ? AND run_id IS NULL AND error IS NULL").run(to, this.#now(), cronId, dueAt, from).changes === 1;
  }

  /** Every recorded firing of a cron, oldest first: (fire time, owner, run id). */
  firings(cronId: string): Array<{ fire_at: number; owner: string; run_id: string | null; error: string | null }> {
    const rows = this.#database.prepare("SELECT fire_at, owner, run_id, error FROM server_cron_firings WHERE cron_id = ? ORDER BY fire_at").all(cronId);
    return z.array(z.object({ fire_at: z.number(), owner: z.string(), run_id: z.string().nullable(), error: z.string().nullable() })).parse(rows);
  }

  /** Settled firings older than `before` (epoch ms) are only history: dropped so the table does not grow for good. */
  forgetFirings(before: number): number {
    return this.#database.prepare("DELETE FROM server_cron_firings WHERE fire_at < ? AND (run_id IS NOT NULL OR error IS NOT NULL)").run(before).changes;
  }
}

/** The wire form of a cron, as the SDK's `Cron` type reads it. */
export function cronResponse(cron: CronRecord): Record<string, unknown> {
  return {
    cron_id: cron.cron_id,
    assistant_id: cron.assistant_id,
    thread_id: cron.thread_id,
    on_run_completed: cron.on_run_completed,
    end_time: cron.end_time === null ? null : new Date(cron.end_time).toISOString(),
    schedule: cron.schedule,
    timezone: cron.timezone,
    created_at: cron.created_at,
    updated_at: cron.updated_at,
    payload: cron.payload,
    user_id: null,
    next_run_date: cron.next_run_at === null ? null : new Date(cron.next_run_at).toISOString(),
    metadata: cron.metadata,
    enabled: cron.enabled,
  };
}

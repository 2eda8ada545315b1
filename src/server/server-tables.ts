import type Database from "better-sqlite3";
import { z } from "zod";
import { SwitchyardError } from "../errors.ts";

export type ThreadStatus = "idle" | "busy" | "interrupted" | "error";
export type RunStatus = "pending" | "running" | "error" | "success" | "timeout" | "interrupted";
export type MultitaskStrategy = "reject" | "interrupt" | "rollback" | "enqueue";

/** A thread's own record; its values live in the checkpointer. */
export interface ThreadRecord {
  thread_id: string;
  created_at: string;
  updated_at: string;
  metadata: Record<string, unknown>;
  status: ThreadStatus;
  error: string | null;
}

/** A run's record; `kwargs` is the validated request that started it, kept so a queued run can start later. */
export interface RunRecord {
  run_id: string;
  thread_id: string;
  assistant_id: string;
  created_at: string;
  updated_at: string;
  status: RunStatus;
  metadata: Record<string, unknown>;
  multitask_strategy: MultitaskStrategy;
  kwargs: Record<string, unknown>;
  /** The server instance that runs it (its thread-lease instance id); "" in rows from before owners. */
  owner: string;
  /**
   * The thread's latest checkpoint id when the run started ("" for none; null while pending or in rows from
   * before this column). Only the lease holder writes to a thread, so a newer checkpoint is this run's work.
   */
  started_from: string | null;
}

/** A TEXT column holding a JSON object (metadata, kwargs), parsed at the read edge. */
export const jsonObject = z.string().transform((text, context) => {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the issue below
  }
  context.addIssue({ code: "custom", message: "is not a JSON object" });
  return z.NEVER;
});

export const threadRow = z.object({
  thread_id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  metadata: jsonObject,
  status: z.enum(["idle", "busy", "interrupted", "error"]),
  error: z.string().nullable(),
});

/** How thread search orders its answer. */
export interface ThreadSort {
  by: "thread_id" | "status" | "created_at" | "updated_at";
  order: "asc" | "desc";
}
const sortColumns: Record<ThreadSort["by"], string> = { thread_id: "thread_id", status: "status", created_at: "created_at", updated_at: "updated_at" };

/** What a starting run checks of its own record. */
export type RunProgress = Pick<RunRecord, "owner" | "status" | "started_from">;

const runStatus = z.enum(["pending", "running", "error", "success", "timeout", "interrupted"]);
export const runProgressRow = z.object({ owner: z.string(), status: runStatus, started_from: z.string().nullable() });

export const runRow = z.object({
  run_id: z.string(),
  thread_id: z.string(),
  assistant_id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  status: runStatus,
  metadata: jsonObject,
  multitask_strategy: z.enum(["reject", "interrupt", "rollback", "enqueue"]),
  kwargs: jsonObject,
  owner: z.string(),
  started_from: z.string().nullable(),
});

export function parseRow<T>(schema: z.ZodType<T>, row: unknown, table: string): T {
  const parsed = schema.safeParse(row);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new SwitchyardError(
    "checkpoint_invalid",
    `a row of ${table} is malformed (${issue?.path.join(".") ?? "row"}: ${issue?.message ?? "invalid"}). Fix: delete the row or restore the file from a backup.`,
  );
}

const schema = `
CREATE TABLE IF NOT EXISTS server_threads (thread_id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, metadata TEXT NOT NULL, status TEXT NOT NULL, error TEXT);
CREATE TABLE IF NOT EXISTS server_runs (
  run_id TEXT PRIMARY KEY,
  thread_id TEXT NOT NULL,
  assistant_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  status TEXT NOT NULL,
  metadata TEXT NOT NULL,
  multitask_strategy TEXT NOT NULL,
  kwargs TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS server_runs_thread ON server_runs (thread_id, created_at);
`;

/**
 * Threads and runs of `switchyard serve` in `server_` tables beside the checkpoints, so a restarted server
 * still lists its threads. Each run names its owner instance; runs left pending or running by an owner that
 * died are found and recovered by run-recovery.ts (never swept on open: another live server may own them).
 */
export class ServerTables {
  readonly #database: Database.Database;
  readonly #now: () => number;
  /** Prepared once per SQL text: preparing costs more than running these one-row statements. */
  readonly #statements = new Map<string, Database.Statement>();
  #transaction: Database.Transaction<(work: () => unknown) => unknown> | undefined;

  constructor(database: Database.Database, now: () => number = Date.now) {
    this.#database = database;
    this.#now = now;
    database.exec(schema);
    // IMMEDIATE: two servers opening one older file add the column once.
    database
      .transaction(() => {
        const columns = database.prepare("SELECT name FROM pragma_table_info('server_runs')").pluck().all();
        if (!columns.includes("owner")) database.exec("ALTER TABLE server_runs ADD COLUMN owner TEXT NOT NULL DEFAULT ''");
        if (!columns.includes("started_from")) database.exec("ALTER TABLE server_runs ADD COLUMN started_from TEXT");
      })
      .immediate();
  }

  #stamp(): string {
    return new Date(this.#now()).toISOString();
  }

  #sql(text: string): Database.Statement {
    let statement = this.#statements.get(text);
    if (statement === undefined) {
      statement = this.#database.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  /**
   * Runs `work` as one transaction: the rows a run start or end touches are written together. `immediate`
   * takes the write lock first (waiting out another process's), for work that reads before it writes.
   */
  transaction<T>(work: () => T, immediate = false): T {
    // One wrapper for every transaction: better-sqlite3 builds five functions per `transaction()` call.
    this.#transaction ??= this.#database.transaction((inner: () => unknown) => inner());
    return (immediate ? this.#transaction.immediate(work) : this.#transaction(work)) as T;
  }

  createThread(threadId: string, metadata: Record<string, unknown>, status: ThreadStatus = "idle"): ThreadRecord {
    const stamp = this.#stamp();
    this.#sql("INSERT INTO server_threads (thread_id, created_at, updated_at, metadata, status, error) VALUES (?, ?, ?, ?, ?, NULL)").run(threadId, stamp, stamp, JSON.stringify(metadata), status);
    return { thread_id: threadId, created_at: stamp, updated_at: stamp, metadata, status, error: null };
  }

  /** A run's thread made busy in one statement, no read: created, or its metadata's top-level keys set (json_patch, as a spread for runs' string values). */
  busyThread(threadId: string, metadata: Record<string, unknown>): void {
    const stamp = this.#stamp();
    this.#sql("INSERT INTO server_threads (thread_id, created_at, updated_at, metadata, status, error) VALUES (?, ?, ?, ?, 'busy', NULL) ON CONFLICT (thread_id) DO UPDATE SET status = 'busy', metadata = json_patch(server_threads.metadata, excluded.metadata), updated_at = excluded.updated_at").run(threadId, stamp, stamp, JSON.stringify(metadata));
  }

  thread(threadId: string): ThreadRecord | undefined {
    const row: unknown = this.#sql("SELECT * FROM server_threads WHERE thread_id = ?").get(threadId);
    return row === undefined ? undefined : parseRow(threadRow, row, "server_threads");
  }

  /** One statement: fields left out of `patch` keep their stored value. */
  updateThread(threadId: string, patch: { status?: ThreadStatus; metadata?: Record<string, unknown>; error?: string | null }): void {
    this.#sql("UPDATE server_threads SET status = COALESCE(?, status), metadata = COALESCE(?, metadata), error = CASE WHEN ? THEN ? ELSE error END, updated_at = ? WHERE thread_id = ?").run(
      patch.status ?? null,
      patch.metadata === undefined ? null : JSON.stringify(patch.metadata),
      patch.error === undefined ? 0 : 1,
      patch.error ?? null,
      this.#stamp(),
      threadId,
    );
  }

  /** Threads, newest first unless `sort` says otherwise; metadata filters match top-level keys exactly. */
  searchThreads(query: { metadata?: Record<string, unknown>; status?: ThreadStatus; ids?: string[]; limit: number; offset: number; sort?: ThreadSort }): ThreadRecord[] {
    const by = query.sort?.by ?? "created_at";
    const order = query.sort?.order === "asc" ? "ASC" : "DESC";
    // Both parts come from closed enums (ThreadSort), never from request text.
    const rows = this.#sql(`SELECT * FROM server_threads ORDER BY ${sortColumns[by]} ${order}, rowid ${order}`).all();
    const threads = rows.map((row) => parseRow(threadRow, row, "server_threads"));
    const matches = threads.filter(
      (thread) =>
        (query.status === undefined || thread.status === query.status) &&
        (query.ids === undefined || query.ids.includes(thread.thread_id)) &&
        Object.entries(query.metadata ?? {}).every(([key, value]) => JSON.stringify(thread.metadata[key]) === JSON.stringify(value)),
    );
    return matches.slice(query.offset, query.offset + query.limit);
  }

  deleteThread(threadId: string): boolean {
    return this.transaction(() => {
      this.#sql("DELETE FROM server_runs WHERE thread_id = ?").run(threadId);
      return this.#sql("DELETE FROM server_threads WHERE thread_id = ?").run(threadId).changes > 0;
    });
  }

  createRun(run: Omit<RunRecord, "created_at" | "updated_at" | "started_from">): RunRecord {
    const stamp = this.#stamp();
    this.#sql("INSERT INTO server_runs (run_id, thread_id, assistant_id, created_at, updated_at, status, metadata, multitask_strategy, kwargs, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").run(run.run_id, run.thread_id, run.assistant_id, stamp, stamp, run.status, JSON.stringify(run.metadata), run.multitask_strategy, JSON.stringify(run.kwargs), run.owner);
    return { ...run, created_at: stamp, updated_at: stamp, started_from: null };
  }

  /** Marks a run running, noting the thread's latest checkpoint id ("" for none); with `owner` only while it is that owner's and unfinished. */
  startRun(runId: string, latestCheckpointId: string, owner?: string): boolean {
    if (owner === undefined) return this.#sql("UPDATE server_runs SET status = 'running', started_from = ?, updated_at = ? WHERE run_id = ?").run(latestCheckpointId, this.#stamp(), runId).changes === 1;
    return this.#sql("UPDATE server_runs SET status = 'running', started_from = ?, updated_at = ? WHERE run_id = ? AND owner = ? AND status IN ('pending', 'running')").run(latestCheckpointId, this.#stamp(), runId, owner).changes === 1;
  }

  run(runId: string): RunRecord | undefined {
    const row: unknown = this.#sql("SELECT * FROM server_runs WHERE run_id = ?").get(runId);
    return row === undefined ? undefined : parseRow(runRow, row, "server_runs");
  }

  /** A run's owner, status and start checkpoint without its stored request (which can be a MiB of input). */
  runProgress(runId: string): RunProgress | undefined {
    const row: unknown = this.#sql("SELECT owner, status, started_from FROM server_runs WHERE run_id = ?").get(runId);
    return row === undefined ? undefined : parseRow(runProgressRow, row, "server_runs");
  }

  setRunStatus(runId: string, status: RunStatus): void {
    this.#sql("UPDATE server_runs SET status = ?, updated_at = ? WHERE run_id = ?").run(status, this.#stamp(), runId);
  }

  /** Marks a run error and says why in its metadata (`error_reason`), where clients listing runs see it. */
  failRun(runId: string, reason: string): void {
    this.#sql("UPDATE server_runs SET status = 'error', metadata = json_set(metadata, '$.error_reason', ?), updated_at = ? WHERE run_id = ?").run(reason, this.#stamp(), runId);
  }

  /** Pending and running runs of every thread, oldest first: what crash recovery looks through. */
  unfinishedRuns(): RunRecord[] {
    const rows = this.#sql("SELECT * FROM server_runs WHERE status IN ('pending', 'running') ORDER BY created_at, rowid").all();
    return rows.map((row) => parseRow(runRow, row, "server_runs"));
  }

  /** Moves a run to a new owner only if it still has the one the caller saw (two recovering servers claim it once). */
  claimRun(runId: string, from: string, to: string): boolean {
    return this.#sql("UPDATE server_runs SET owner = ?, updated_at = ? WHERE run_id = ? AND owner = ? AND status IN ('pending', 'running')").run(to, this.#stamp(), runId, from).changes === 1;
  }

  /** A thread's runs, newest first. */
  listRuns(threadId: string, query: { limit: number; offset: number; status?: RunStatus }): RunRecord[] {
    const rows = this.#sql("SELECT * FROM server_runs WHERE thread_id = ? AND (? IS NULL OR status = ?) ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?").all(threadId, query.status ?? null, query.status ?? null, query.limit, query.offset);
    return rows.map((row) => parseRow(runRow, row, "server_runs"));
  }

  /** The `config` of a thread's latest run (what the thread object shows as its config), without parsing its input. */
  lastRunConfig(threadId: string): Record<string, unknown> {
    const text: unknown = this.#sql("SELECT json_extract(kwargs, '$.config') FROM server_runs WHERE thread_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1").pluck().get(threadId);
    const config: unknown = typeof text === "string" ? JSON.parse(text) : undefined;
    return typeof config === "object" && config !== null && !Array.isArray(config) ? (config as Record<string, unknown>) : {};
  }

  /** Pending and running runs of a thread, oldest first. */
  activeRuns(threadId: string): RunRecord[] {
    const rows = this.#sql("SELECT * FROM server_runs WHERE thread_id = ? AND status IN ('pending', 'running') ORDER BY created_at, rowid").all(threadId);
    return rows.map((row) => parseRow(runRow, row, "server_runs"));
  }

  /** Whether a thread has a pending or running run, without reading the runs. */
  hasActiveRun(threadId: string): boolean {
    return this.#sql("SELECT 1 FROM server_runs WHERE thread_id = ? AND status IN ('pending', 'running') LIMIT 1").get(threadId) !== undefined;
  }

  deleteRun(runId: string): boolean {
    return this.#sql("DELETE FROM server_runs WHERE run_id = ?").run(runId).changes > 0;
  }
}

/**
 * True when checkpoints were written on the run's thread since it started: the run's own work (only the
 * lease holder writes). A pending run never started; rows from before `started_from` count as started.
 */
export function runWroteCheckpoints(run: RunProgress, latestCheckpointId: string | undefined): boolean {
  if (run.status === "pending") return false;
  return run.started_from === null || (latestCheckpointId ?? "") !== run.started_from;
}

/** The wire form of a run: its request as `kwargs`, as the official server; the owner instance and start checkpoint stay server-side. */
export function runResponse(run: RunRecord): Omit<RunRecord, "owner" | "started_from"> {
  const { owner: _owner, started_from: _started, ...rest } = run;
  return rest;
}

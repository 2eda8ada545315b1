import type pg from "pg";
import { z } from "zod";
import { parseRow, runProgressRow, runRow, threadRow, type RunProgress, type RunRecord, type RunStatus, type ThreadRecord, type ThreadStatus } from "../server-tables.ts";
import { inTransaction, PostgresTables } from "./postgres-schema.ts";
import type { RunEnding, RunHead, RunOpening, ServerState, ThreadPatch, ThreadQuery } from "./server-state.ts";

const runHeads = z.array(z.object({ run_id: z.string(), thread_id: z.string(), owner: z.string() }));

const threadColumns = "thread_id, created_at, updated_at, metadata, status, error";
const runColumns = "run_id, thread_id, assistant_id, created_at, updated_at, status, metadata, multitask_strategy, kwargs, owner, started_from";
const sortColumns = { thread_id: "thread_id", status: "status", created_at: "created_at", updated_at: "updated_at" } as const;
type Queryable = Pick<pg.Pool, "query"> | pg.PoolClient;

/**
 * Threads, runs and the run queue in Postgres, shared by replicas on any machine. The same rows and
 * meanings as the SQLite tables (server-tables.ts); the queue's claim takes the row with FOR UPDATE SKIP
 * LOCKED, so of replicas recovering one dead owner's runs at once each run goes to exactly one.
 */
export class PostgresServerState extends PostgresTables implements ServerState {
  readonly kind = "postgres";

  async createThread(threadId: string, metadata: Record<string, unknown>, status: ThreadStatus = "idle"): Promise<ThreadRecord> {
    const stamp = this.stamp();
    await this.pool.query(`INSERT INTO ${this.t.threads} (thread_id, created_at, updated_at, metadata, status, error) VALUES ($1, $2, $2, $3, $4, NULL)`, [threadId, stamp, JSON.stringify(metadata), status]);
    return { thread_id: threadId, created_at: stamp, updated_at: stamp, metadata, status, error: null };
  }

  async thread(threadId: string): Promise<ThreadRecord | undefined> {
    return this.#threadOn(this.pool, threadId, false);
  }

  async #threadOn(db: Queryable, threadId: string, lock: boolean): Promise<ThreadRecord | undefined> {
    const { rows } = await db.query(`SELECT ${threadColumns} FROM ${this.t.threads} WHERE thread_id = $1${lock ? " FOR UPDATE" : ""}`, [threadId]);
    return rows[0] === undefined ? undefined : parseRow(threadRow, rows[0], "server_threads");
  }

  async updateThread(threadId: string, patch: ThreadPatch): Promise<void> {
    await this.#updateThreadOn(this.pool, threadId, patch);
  }

  async #updateThreadOn(db: Queryable, threadId: string, patch: ThreadPatch): Promise<void> {
    await db.query(
      `UPDATE ${this.t.threads} SET status = COALESCE($1, status), metadata = COALESCE($2, metadata), error = CASE WHEN $3 THEN $4 ELSE error END, updated_at = $5 WHERE thread_id = $6`,
      [patch.status ?? null, patch.metadata === undefined ? null : JSON.stringify(patch.metadata), patch.error !== undefined, patch.error ?? null, this.stamp(), threadId],
    );
  }

  async searchThreads(query: ThreadQuery): Promise<ThreadRecord[]> {
    const by = sortColumns[query.sort?.by ?? "created_at"];
    const order = query.sort?.order === "asc" ? "ASC" : "DESC";
    // Status and ids filter in SQL; metadata in memory, matching the SQLite tables exactly (JSON equality per key).
    const filterMetadata = Object.keys(query.metadata ?? {}).length > 0;
    const page = filterMetadata ? "" : ` LIMIT ${Math.min(query.limit, 2 ** 31 - 1)} OFFSET ${query.offset}`;
    const { rows } = await this.pool.query(
      `SELECT ${threadColumns} FROM ${this.t.threads} WHERE ($1::text IS NULL OR status = $1) AND ($2::text[] IS NULL OR thread_id = ANY($2)) ORDER BY ${by} ${order}, seq ${order}${page}`,
      [query.status ?? null, query.ids ?? null],
    );
    const threads = rows.map((row) => parseRow(threadRow, row, "server_threads"));
    if (!filterMetadata) return threads;
    const matches = threads.filter((thread) => Object.entries(query.metadata ?? {}).every(([key, value]) => JSON.stringify(thread.metadata[key]) === JSON.stringify(value)));
    return matches.slice(query.offset, query.offset + query.limit);
  }

  deleteThread(threadId: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      await client.query(`DELETE FROM ${this.t.runs} WHERE thread_id = $1`, [threadId]);
      return ((await client.query(`DELETE FROM ${this.t.threads} WHERE thread_id = $1`, [threadId])).rowCount ?? 0) > 0;
    });
  }

  openRun(opening: RunOpening): Promise<RunRecord> {
    const { run } = opening;
    return inTransaction(this.pool, async (client) => {
      const stamp = this.stamp();
      // A new thread, or (another replica created it first, or it existed) the row locked and merged.
      const inserted = await client.query(
        `INSERT INTO ${this.t.threads} (thread_id, created_at, updated_at, metadata, status, error) VALUES ($1, $2, $2, $3, 'busy', NULL) ON CONFLICT (thread_id) DO NOTHING`,
        [run.thread_id, stamp, JSON.stringify(opening.threadMetadata)],
      );
      if (inserted.rowCount !== 1) {
        const existing = await this.#threadOn(client, run.thread_id, true);
        await this.#updateThreadOn(client, run.thread_id, { status: "busy", metadata: { ...existing?.metadata, ...opening.threadMetadata } });
      }
      await client.query(
        `INSERT INTO ${this.t.runs} (run_id, thread_id, assistant_id, created_at, updated_at, status, metadata, multitask_strategy, kwargs, owner) VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9)`,
        [run.run_id, run.thread_id, run.assistant_id, stamp, run.status, JSON.stringify(run.metadata), run.multitask_strategy, JSON.stringify(run.kwargs), run.owner],
      );
      if (opening.cronFiring !== undefined) {
        await client.query(`UPDATE ${this.t.firings} SET run_id = $1 WHERE cron_id = $2 AND fire_at = $3`, [run.run_id, opening.cronFiring.cronId, opening.cronFiring.dueAt]);
      }
      return { ...run, created_at: stamp, updated_at: stamp, started_from: null };
    });
  }

  async startRun(runId: string, latestCheckpointId: string, owner?: string): Promise<boolean> {
    const updated = owner === undefined
      ? await this.pool.query(`UPDATE ${this.t.runs} SET status = 'running', started_from = $1, updated_at = $2 WHERE run_id = $3`, [latestCheckpointId, this.stamp(), runId])
      : await this.pool.query(`UPDATE ${this.t.runs} SET status = 'running', started_from = $1, updated_at = $2 WHERE run_id = $3 AND owner = $4 AND status IN ('pending', 'running')`, [latestCheckpointId, this.stamp(), runId, owner]);
    return (updated.rowCount ?? 0) === 1;
  }

  async endRun(runId: string, threadId: string, ending: RunEnding): Promise<void> {
    if (ending.deleteThread === true) {
      await this.deleteThread(threadId);
      return;
    }
    await inTransaction(this.pool, async (client) => {
      if (ending.status === "error") await this.#failOn(client, runId, ending.reason ?? "unknown");
      else await this.#setStatusOn(client, runId, ending.status);
      await this.#updateThreadOn(client, threadId, ending.thread);
      if (ending.deleteRun === true) await client.query(`DELETE FROM ${this.t.runs} WHERE run_id = $1`, [runId]);
    });
  }

  async run(runId: string): Promise<RunRecord | undefined> {
    const { rows } = await this.pool.query(`SELECT ${runColumns} FROM ${this.t.runs} WHERE run_id = $1`, [runId]);
    return rows[0] === undefined ? undefined : parseRow(runRow, rows[0], "server_runs");
  }

  async runProgress(runId: string): Promise<RunProgress | undefined> {
    const { rows } = await this.pool.query(`SELECT owner, status, started_from FROM ${this.t.runs} WHERE run_id = $1`, [runId]);
    return rows[0] === undefined ? undefined : parseRow(runProgressRow, rows[0], "server_runs");
  }

  async #setStatusOn(db: Queryable, runId: string, status: RunStatus): Promise<void> {
    await db.query(`UPDATE ${this.t.runs} SET status = $1, updated_at = $2 WHERE run_id = $3`, [status, this.stamp(), runId]);
  }

  setRunStatus(runId: string, status: RunStatus): Promise<void> {
    return this.#setStatusOn(this.pool, runId, status);
  }

  async #failOn(db: Queryable, runId: string, reason: string): Promise<void> {
    await db.query(`UPDATE ${this.t.runs} SET status = 'error', metadata = (metadata::jsonb || jsonb_build_object('error_reason', $1::text))::text, updated_at = $2 WHERE run_id = $3`, [reason, this.stamp(), runId]);
  }

  failRun(runId: string, reason: string): Promise<void> {
    return this.#failOn(this.pool, runId, reason);
  }

  async unfinishedRuns(): Promise<RunRecord[]> {
    const { rows } = await this.pool.query(`SELECT ${runColumns} FROM ${this.t.runs} WHERE status IN ('pending', 'running') ORDER BY created_at, seq`);
    return rows.map((row) => parseRow(runRow, row, "server_runs"));
  }

  async unfinishedRunHeads(): Promise<RunHead[]> {
    const { rows } = await this.pool.query(`SELECT run_id, thread_id, owner FROM ${this.t.runs} WHERE status IN ('pending', 'running') ORDER BY created_at, seq`);
    return runHeads.parse(rows);
  }

  async claimRun(runId: string, from: string, to: string): Promise<boolean> {
    const claimed = await this.pool.query(
      `UPDATE ${this.t.runs} SET owner = $1, updated_at = $2 WHERE run_id = (
         SELECT run_id FROM ${this.t.runs} WHERE run_id = $3 AND owner = $4 AND status IN ('pending', 'running') FOR UPDATE SKIP LOCKED)`,
      [to, this.stamp(), runId, from],
    );
    return claimed.rowCount === 1;
  }

  async listRuns(threadId: string, query: { limit: number; offset: number; status?: RunStatus }): Promise<RunRecord[]> {
    const { rows } = await this.pool.query(
      `SELECT ${runColumns} FROM ${this.t.runs} WHERE thread_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY created_at DESC, seq DESC LIMIT $3 OFFSET $4`,
      [threadId, query.status ?? null, query.limit, query.offset],
    );
    return rows.map((row) => parseRow(runRow, row, "server_runs"));
  }

  async lastRunConfig(threadId: string): Promise<Record<string, unknown>> {
    const { rows } = await this.pool.query<{ config: string | null }>(`SELECT (kwargs::jsonb -> 'config')::text AS config FROM ${this.t.runs} WHERE thread_id = $1 ORDER BY created_at DESC, seq DESC LIMIT 1`, [threadId]);
    const text = rows[0]?.config;
    const config: unknown = typeof text === "string" ? JSON.parse(text) : undefined;
    return typeof config === "object" && config !== null && !Array.isArray(config) ? (config as Record<string, unknown>) : {};
  }

  async activeRuns(threadId: string): Promise<RunRecord[]> {
    const { rows } = await this.pool.query(`SELECT ${runColumns} FROM ${this.t.runs} WHERE thread_id = $1 AND status IN ('pending', 'running') ORDER BY created_at, seq`, [threadId]);
    return rows.map((row) => parseRow(runRow, row, "server_runs"));
  }

  async hasActiveRun(threadId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(`SELECT 1 FROM ${this.t.runs} WHERE thread_id = $1 AND status IN ('pending', 'running') LIMIT 1`, [threadId]);
    return (rowCount ?? 0) > 0;
  }

  async deleteRun(runId: string): Promise<boolean> {
    return ((await this.pool.query(`DELETE FROM ${this.t.runs} WHERE run_id = $1`, [runId])).rowCount ?? 0) > 0;
  }
}

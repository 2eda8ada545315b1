import type Database from "better-sqlite3";
import { z } from "zod";
import type { ExpiredThread, ThreadTtlState, ThreadTtlStrategy } from "./server-state.ts";

const schema = `
CREATE TABLE IF NOT EXISTS server_thread_ttl (
  thread_id TEXT PRIMARY KEY,
  ttl_ms INTEGER,
  strategy TEXT,
  swept_at INTEGER
) WITHOUT ROWID;
`;

const expiredRows = z.array(z.object({ thread_id: z.string(), strategy: z.enum(["delete", "keep_latest"]) }));

/** Per-thread TTLs in `server_thread_ttl`, beside the server's tables in its SQLite file. */
export class SqliteThreadTtls implements ThreadTtlState {
  readonly #database: Database.Database;

  constructor(database: Database.Database) {
    this.#database = database;
    database.exec(schema);
  }

  async set(threadId: string, ttlMinutes: number, strategy: ThreadTtlStrategy): Promise<void> {
    this.#database
      .prepare("INSERT INTO server_thread_ttl (thread_id, ttl_ms, strategy, swept_at) VALUES (?, ?, ?, NULL) ON CONFLICT (thread_id) DO UPDATE SET ttl_ms = excluded.ttl_ms, strategy = excluded.strategy")
      .run(threadId, Math.round(ttlMinutes * 60_000), strategy);
  }

  async swept(threadId: string, now: number): Promise<void> {
    this.#database.prepare("INSERT INTO server_thread_ttl (thread_id, swept_at) VALUES (?, ?) ON CONFLICT (thread_id) DO UPDATE SET swept_at = excluded.swept_at").run(threadId, now);
  }

  async forgetDeleted(): Promise<number> {
    return this.#database.prepare("DELETE FROM server_thread_ttl WHERE thread_id NOT IN (SELECT thread_id FROM server_threads)").run().changes;
  }

  async expired(now: number, fallback: { ttlMs: number | null; strategy: ThreadTtlStrategy }, limit: number): Promise<ExpiredThread[]> {
    // updated_at is ISO text: julianday turns it into epoch ms inside the query.
    const rows = this.#database
      .prepare(
        `SELECT t.thread_id AS thread_id, COALESCE(s.strategy, @strategy) AS strategy
         FROM server_threads AS t LEFT JOIN server_thread_ttl AS s ON s.thread_id = t.thread_id
         WHERE t.status != 'busy' AND COALESCE(s.ttl_ms, @fallback) IS NOT NULL
           AND max((julianday(t.updated_at) - 2440587.5) * 86400000.0, COALESCE(s.swept_at, 0)) + COALESCE(s.ttl_ms, @fallback) <= @now
           AND NOT EXISTS (SELECT 1 FROM server_runs AS r WHERE r.thread_id = t.thread_id AND r.status IN ('pending', 'running'))
         LIMIT @limit`,
      )
      .all({ strategy: fallback.strategy, fallback: fallback.ttlMs, now, limit });
    return expiredRows.parse(rows);
  }

  async deleteIdle(threadId: string): Promise<boolean> {
    // Immediate: the check and the delete hold the write lock together, so a run opened by another
    // process on the same file comes either before (and the thread stays) or after (and finds no thread).
    const remove = this.#database.transaction(() => {
      const deleted = this.#database
        .prepare("DELETE FROM server_threads WHERE thread_id = ? AND status != 'busy' AND NOT EXISTS (SELECT 1 FROM server_runs WHERE thread_id = ? AND status IN ('pending', 'running'))")
        .run(threadId, threadId).changes;
      if (deleted === 0) return false;
      this.#database.prepare("DELETE FROM server_runs WHERE thread_id = ?").run(threadId);
      this.#database.prepare("DELETE FROM server_thread_ttl WHERE thread_id = ?").run(threadId);
      return true;
    });
    return remove.immediate();
  }
}

import { z } from "zod";
import { inTransaction, PostgresTables } from "./postgres-schema.ts";
import type { ExpiredThread, ThreadTtlState, ThreadTtlStrategy } from "./server-state.ts";

const expiredRows = z.array(z.object({ thread_id: z.string(), strategy: z.enum(["delete", "keep_latest"]) }));

/**
 * Per-thread TTLs in Postgres: a TTL set through one replica is swept by whichever replica's sweeper finds
 * it first, and only that one deletes the thread (deleteIdle's DELETE … WHERE idle counts one row for one).
 */
export class PostgresThreadTtls extends PostgresTables implements ThreadTtlState {
  async set(threadId: string, ttlMinutes: number, strategy: ThreadTtlStrategy): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.t.ttls} (thread_id, ttl_ms, strategy, swept_at) VALUES ($1, $2, $3, NULL) ON CONFLICT (thread_id) DO UPDATE SET ttl_ms = excluded.ttl_ms, strategy = excluded.strategy`,
      [threadId, Math.round(ttlMinutes * 60_000), strategy],
    );
  }

  async swept(threadId: string, now: number): Promise<void> {
    await this.pool.query(`INSERT INTO ${this.t.ttls} (thread_id, swept_at) VALUES ($1, $2) ON CONFLICT (thread_id) DO UPDATE SET swept_at = excluded.swept_at`, [threadId, now]);
  }

  async forgetDeleted(): Promise<number> {
    const result = await this.pool.query(`DELETE FROM ${this.t.ttls} AS s WHERE NOT EXISTS (SELECT 1 FROM ${this.t.threads} AS t WHERE t.thread_id = s.thread_id)`);
    return result.rowCount ?? 0;
  }

  async expired(now: number, fallback: { ttlMs: number | null; strategy: ThreadTtlStrategy }, limit: number): Promise<ExpiredThread[]> {
    // updated_at is ISO text (as in SQLite): cast to timestamptz and read as epoch ms inside the query.
    const { rows } = await this.pool.query(
      `SELECT t.thread_id AS thread_id, COALESCE(s.strategy, $1) AS strategy
       FROM ${this.t.threads} AS t LEFT JOIN ${this.t.ttls} AS s ON s.thread_id = t.thread_id
       WHERE t.status <> 'busy' AND COALESCE(s.ttl_ms, $2::double precision) IS NOT NULL
         AND GREATEST(EXTRACT(EPOCH FROM t.updated_at::timestamptz) * 1000, COALESCE(s.swept_at, 0)) + COALESCE(s.ttl_ms, $2::double precision) <= $3
         AND NOT EXISTS (SELECT 1 FROM ${this.t.runs} AS r WHERE r.thread_id = t.thread_id AND r.status IN ('pending', 'running'))
       LIMIT $4`,
      [fallback.strategy, fallback.ttlMs, now, limit],
    );
    return expiredRows.parse(rows);
  }

  deleteIdle(threadId: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      // A run opened meanwhile set the row busy: this DELETE waits for that commit, re-reads the row and skips it.
      const deleted = await client.query(
        `DELETE FROM ${this.t.threads} WHERE thread_id = $1 AND status <> 'busy' AND NOT EXISTS (SELECT 1 FROM ${this.t.runs} WHERE thread_id = $1 AND status IN ('pending', 'running'))`,
        [threadId],
      );
      if (deleted.rowCount !== 1) return false;
      await client.query(`DELETE FROM ${this.t.runs} WHERE thread_id = $1`, [threadId]);
      await client.query(`DELETE FROM ${this.t.ttls} WHERE thread_id = $1`, [threadId]);
      return true;
    });
  }
}

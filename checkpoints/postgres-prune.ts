import type pg from "pg";
import type { PruneReport } from "./prune.ts";

/**
 * Keep-latest pruning of one thread on the official PostgresSaver's tables (in its schema): per namespace,
 * every checkpoint but the newest goes, with its pending writes and every channel blob the newest does not
 * name; the newest checkpoint, its pending writes and so the thread's state are untouched, as in the SQLite
 * pruner (prune.ts). One statement: its CTEs share one snapshot, so a checkpoint committed meanwhile is
 * neither read as the latest nor deleted.
 */
const pruneSql = (schema: string, qualifier = `"${schema.replaceAll('"', '""')}"`) => `
WITH latest AS (
  SELECT DISTINCT ON (checkpoint_ns) checkpoint_ns, checkpoint_id, checkpoint -> 'channel_versions' AS versions
  FROM ${qualifier}.checkpoints WHERE thread_id = $1 ORDER BY checkpoint_ns, checkpoint_id DESC
),
gone_checkpoints AS (
  DELETE FROM ${qualifier}.checkpoints c USING latest l
  WHERE c.thread_id = $1 AND c.checkpoint_ns = l.checkpoint_ns AND c.checkpoint_id < l.checkpoint_id
  RETURNING 1
),
gone_writes AS (
  DELETE FROM ${qualifier}.checkpoint_writes w USING latest l
  WHERE w.thread_id = $1 AND w.checkpoint_ns = l.checkpoint_ns AND w.checkpoint_id < l.checkpoint_id
  RETURNING 1
),
gone_blobs AS (
  DELETE FROM ${qualifier}.checkpoint_blobs b USING latest l
  WHERE b.thread_id = $1 AND b.checkpoint_ns = l.checkpoint_ns
    AND (l.versions -> b.channel IS NULL OR l.versions ->> b.channel <> b.version)
  RETURNING 1
)
SELECT (SELECT count(*) FROM gone_checkpoints)::int AS checkpoints,
       (SELECT count(*) FROM gone_writes)::int AS writes,
       (SELECT count(*) FROM gone_blobs)::int AS blobs`;

/** Prunes one thread to its latest checkpoint per namespace; answers what went. */
export async function prunePostgresThread(pool: pg.Pool, schema: string, threadId: string): Promise<PruneReport> {
  const result = await pool.query<{ checkpoints: number; writes: number; blobs: number }>(pruneSql(schema), [threadId]);
  const row = result.rows[0] ?? { checkpoints: 0, writes: 0, blobs: 0 };
  return { checkpoints: row.checkpoints, writes: row.writes, blobs: row.blobs, skipped: false };
}

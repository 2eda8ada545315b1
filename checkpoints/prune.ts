import type Database from "better-sqlite3";
import { withBusyRetry, type BusyRetryOptions } from "./busy-retry.ts";
import type { SaverCodec } from "./saver-codec.ts";
import { saverSql } from "./saver-sql.ts";

/** What pruning a thread removed; `skipped` when a checkpoint was written meanwhile (try again later). */
export interface PruneReport {
  checkpoints: number;
  writes: number;
  blobs: number;
  skipped: boolean;
}

const sql = {
  latest: "SELECT checkpoint_ns, max(checkpoint_id) AS checkpoint_id FROM sy_checkpoints WHERE thread_id = ? GROUP BY checkpoint_ns",
  row: saverSql.selectById,
  checkpoints: "DELETE FROM sy_checkpoints WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id < ?",
  writes: "DELETE FROM sy_writes WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id < ?",
  metadata: "DELETE FROM sy_checkpoint_metadata WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id < ?",
  // A blob outlives pruning only if the kept checkpoint names its (channel, version).
  blobs: `DELETE FROM sy_blobs WHERE thread_id = ? AND checkpoint_ns = ?
    AND NOT EXISTS (SELECT 1 FROM json_each(?) AS kept WHERE kept.key = sy_blobs.channel AND kept.value = sy_blobs.version)`,
} as const;

type Kept = Array<{ checkpoint_ns: string; checkpoint_id: string; versions: string }>;

/**
 * Keep-latest pruning of one thread: per checkpoint namespace, every checkpoint but the newest goes, with
 * its pending writes, metadata index rows and every channel blob the newest does not name. The newest
 * checkpoint (and so the thread's state, its pending writes and interrupts) is untouched; history before it
 * is gone, and so is replay or time travel to it. Freed pages go to SQLite's freelist and are reused by later
 * writes, so a pruned thread's file stops growing (bench/ttl.ts).
 */
export class ThreadPruner {
  readonly #database: Database.Database;
  readonly #codec: SaverCodec;
  readonly #busyRetry: BusyRetryOptions;
  readonly #statements: { [K in keyof typeof sql]: Database.Statement };

  constructor(database: Database.Database, codec: SaverCodec, busyRetry: BusyRetryOptions) {
    this.#database = database;
    this.#codec = codec;
    this.#busyRetry = busyRetry;
    this.#statements = Object.fromEntries(Object.entries(sql).map(([name, text]) => [name, database.prepare(text)])) as { [K in keyof typeof sql]: Database.Statement };
  }

  async prune(threadId: string): Promise<PruneReport> {
    const kept: Kept = [];
    for (const latest of this.#statements.latest.all(threadId) as Array<{ checkpoint_ns: string; checkpoint_id: string }>) {
      const raw = this.#statements.row.get(threadId, latest.checkpoint_ns, latest.checkpoint_id);
      // Decoded outside the write transaction (the serde may be async); the transaction checks nothing moved.
      const { stored } = await this.#codec.loadCheckpointRow(raw);
      const versions = Object.fromEntries(Object.entries(stored.channel_versions).map(([channel, version]) => [channel, String(version)]));
      kept.push({ ...latest, versions: JSON.stringify(versions) });
    }
    const remove = this.#database.transaction((): PruneReport => {
      const report: PruneReport = { checkpoints: 0, writes: 0, blobs: 0, skipped: false };
      const now = this.#statements.latest.all(threadId) as Array<{ checkpoint_ns: string; checkpoint_id: string }>;
      const unchanged = now.length === kept.length && now.every((row) => kept.some((keep) => keep.checkpoint_ns === row.checkpoint_ns && keep.checkpoint_id === row.checkpoint_id));
      if (!unchanged) return { ...report, skipped: true };
      for (const keep of kept) {
        report.checkpoints += this.#statements.checkpoints.run(threadId, keep.checkpoint_ns, keep.checkpoint_id).changes;
        report.writes += this.#statements.writes.run(threadId, keep.checkpoint_ns, keep.checkpoint_id).changes;
        this.#statements.metadata.run(threadId, keep.checkpoint_ns, keep.checkpoint_id);
        report.blobs += this.#statements.blobs.run(threadId, keep.checkpoint_ns, keep.versions).changes;
      }
      return report;
    });
    return withBusyRetry(() => remove.immediate(), this.#busyRetry);
  }
}

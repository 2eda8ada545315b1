import type Database from "better-sqlite3";
import { BlobCache } from "./blob-cache.ts";
import type { MultiRowInsert } from "./multi-row-insert.ts";
import { composeInline, parseInlinePieces, type EncodedPut, type InlinePieces } from "./saver-put.ts";

/**
 * Checkpoints a thread may gain above its index mark before a put indexes them all in one batch. `list`
 * matches those few from their rows' index_entries, so the number bounds that extra work per list call.
 */
export const indexBatchSize = 128;

/** Threads whose latest put this connection remembers (see PutWriter). */
const rememberedThreads = 1024;

/** The prepared statements one put uses. */
export interface PutStatements {
  insertBlob: Database.Statement;
  selectInline: Database.Statement;
  selectMark: Database.Statement;
  dataVersion: Database.Statement;
  countPending: Database.Statement;
  insertMark: Database.Statement;
  checkpointExists: Database.Statement;
  deleteMetadata: Database.Statement;
  insertCheckpoint: Database.Statement;
  indexPending: Database.Statement;
  advanceMark: Database.Statement;
}

/** What this connection last wrote on a thread and namespace. */
interface Latest {
  checkpointId: string;
  inline: InlinePieces;
  /** Checkpoints above the mark, as far as this connection knows. */
  pending: number;
}

/**
 * The body of put's write transaction (run `write` inside `BEGIN IMMEDIATE`).
 *
 * Why the metadata index is written in batches: each B-tree page a commit dirties is one WAL frame, and
 * a frame costs about as much as the rest of a small commit. Indexing `source`, `step` and `user` at once
 * dirtied three index leaves at three places in the key order. So a new checkpoint carries its entries in
 * its own row (`index_entries`), and every `indexBatchSize` checkpoints one put moves the thread's pending
 * entries into sy_checkpoint_metadata and advances the thread's mark. Invariant: every checkpoint at or
 * under the mark is indexed, none above it is. A put whose id is under the mark (an older id written
 * late, or a re-put) therefore indexes itself at once. The mark is read in every put; only the pending
 * count, which decides when to batch and is never needed for correctness, is kept in memory.
 *
 * Why the latest put per thread is remembered: a child checkpoint copies its parent's inline values, and
 * the parent is nearly always the put before it. Remembered pieces are used only while no other
 * connection has committed (`PRAGMA data_version`, read with the mark); otherwise the row is read.
 */
export class PutWriter {
  readonly #latest = new Map<string, Latest>();
  #dataVersion: number | undefined;

  constructor(
    private readonly statements: PutStatements,
    private readonly insertMetadata: MultiRowInsert,
    private readonly blobCache: BlobCache,
    private readonly file: string,
  ) {}

  /** Forgets what it remembers (after deleteThread, say). */
  forget(): void {
    this.#latest.clear();
  }

  write(rows: EncodedPut): void {
    const { statements } = this;
    for (const blob of rows.blobs) {
      // Cache only what this call inserted: an ignored insert means another writer's bytes are on disk.
      if (statements.insertBlob.run(...blob).changes > 0) {
        this.blobCache.set(BlobCache.key(blob[0], blob[1], blob[2], blob[3]), { type: blob[4], bytes: blob[5] });
      }
    }
    const [threadId, checkpointNs, checkpointId] = rows.checkpoint;
    const scope = { thread: threadId, ns: checkpointNs };
    const dataVersion = Number(statements.dataVersion.get());
    if (dataVersion !== this.#dataVersion) {
      this.#latest.clear();
      this.#dataVersion = dataVersion;
    }
    // 1: at or under the thread's mark, 0: above it, undefined: the thread has no mark yet.
    const covered = statements.selectMark.get(checkpointId, threadId, checkpointNs) as number | undefined;
    const key = `${threadId}\u0000${checkpointNs}`;
    const latest = this.#latest.get(key);
    const { bytes: inline, pieces } = composeInline(rows, this.parentPieces(rows, latest));
    let pending = 0;
    if (covered === undefined) {
      statements.insertMark.run(threadId, checkpointNs);
    } else if (covered === 1) {
      if (statements.checkpointExists.get(threadId, checkpointNs, checkpointId) !== undefined) {
        statements.deleteMetadata.run(threadId, checkpointNs, checkpointId);
      }
      statements.insertCheckpoint.run(...rows.checkpoint, inline, rows.indexEntries);
      this.insertMetadata.run(rows.metadata);
      this.remember(key, { checkpointId, inline: pieces, pending: latest?.pending ?? this.countPending(scope) });
      return;
    } else {
      pending = latest?.pending ?? this.countPending(scope);
    }
    statements.insertCheckpoint.run(...rows.checkpoint, inline, rows.indexEntries);
    pending += 1;
    if (pending >= indexBatchSize) {
      statements.indexPending.run(scope);
      statements.advanceMark.run(scope);
      pending = 0;
    }
    this.remember(key, { checkpointId, inline: pieces, pending });
  }

  /** The parent's inline values: remembered when it was this connection's last put here, else read. */
  private parentPieces(rows: EncodedPut, latest: Latest | undefined): InlinePieces | undefined {
    const [threadId, checkpointNs, , parentId] = rows.checkpoint;
    if (parentId === null || rows.carried.size === 0) return undefined;
    if (latest?.checkpointId === parentId) return latest.inline;
    // Read inside the write transaction, so the parent cannot change between this read and the insert.
    const bytes = this.statements.selectInline.get(threadId, checkpointNs, parentId) as Uint8Array | null | undefined;
    if (bytes === null || bytes === undefined) return undefined;
    return parseInlinePieces(bytes, { file: this.file, threadId, checkpointNs, parentId });
  }

  private countPending(scope: { thread: string; ns: string }): number {
    return Number(this.statements.countPending.get(scope));
  }

  private remember(key: string, latest: Latest): void {
    this.#latest.delete(key);
    this.#latest.set(key, latest);
    if (this.#latest.size > rememberedThreads) {
      const oldest = this.#latest.keys().next().value;
      if (oldest !== undefined) this.#latest.delete(oldest);
    }
  }
}

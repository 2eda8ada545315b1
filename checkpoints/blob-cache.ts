import type Database from "better-sqlite3";

/** A channel value's serialized form, as stored in sy_blobs. */
export interface CachedBlob {
  type: string;
  bytes: Uint8Array;
}

/** Per-entry bookkeeping (key, Map slot) counted against the budget besides the bytes. */
const entryOverhead = 96;

/**
 * Serialized channel values by (thread, namespace, channel, version), least recently used first out.
 *
 * A blob row never changes once written (INSERT OR IGNORE), so its bytes can be reused for every checkpoint
 * that carries that version, and each read still deserializes a fresh copy (callers may mutate what they get).
 * Two things can make an entry stale: deleteThread on this connection (the saver calls `clear`) and any commit
 * by another connection or process, which `PRAGMA data_version` reveals; `validate` empties the cache then.
 */
export class BlobCache {
  private readonly entries = new Map<string, CachedBlob>();
  private bytes = 0;
  private dataVersion: number | undefined;
  private readonly dataVersionStatement: Database.Statement;

  constructor(
    database: Database.Database,
    private readonly maxBytes: number,
  ) {
    this.dataVersionStatement = database.prepare("PRAGMA data_version").pluck();
  }

  /** The cache key; length prefixes keep ids containing any character apart. */
  static key(threadId: string, checkpointNs: string, channel: string, version: string): string {
    return `${threadId.length}:${checkpointNs.length}:${channel.length}:${threadId}${checkpointNs}${channel}${version}`;
  }

  /** Empties the cache if another connection committed since the last call. Call once per read. */
  validate(): void {
    if (this.maxBytes <= 0) return;
    const current = Number(this.dataVersionStatement.get());
    if (this.dataVersion !== undefined && current !== this.dataVersion) this.clear();
    this.dataVersion = current;
  }

  get(key: string): CachedBlob | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: CachedBlob): void {
    const size = entry.bytes.byteLength + key.length + entryOverhead;
    if (size > this.maxBytes / 8) return;
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.bytes -= previous.bytes.byteLength + key.length + entryOverhead;
      this.entries.delete(key);
    }
    this.entries.set(key, entry);
    this.bytes += size;
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= value.bytes.byteLength + oldest.length + entryOverhead;
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

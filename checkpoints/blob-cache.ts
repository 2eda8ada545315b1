import type Database from "better-sqlite3";

/** A channel value as stored in sy_blobs, and, once read, its decoded form when that is plain JSON. */
export interface CachedBlob {
  type: string;
  bytes: Uint8Array;
  /**
   * Set when the value decoded to plain JSON (FastSerde.parsePlain). Never handed out: readers get
   * `cloneJson(plain.value)`, so a caller that mutates what it read cannot change the next read.
   */
  plain?: { value: unknown };
}

/** Per-entry bookkeeping (key, Map slot) counted against the budget besides the bytes. */
const entryOverhead = 96;
/** A decoded JSON tree takes roughly this many times its text's size in the heap. */
const decodedFactor = 3;

function sizeOf(key: string, entry: CachedBlob): number {
  return entry.bytes.byteLength * (entry.plain === undefined ? 1 : 1 + decodedFactor) + key.length + entryOverhead;
}

/**
 * Channel values by (thread, namespace, channel, version), least recently used first out.
 *
 * A blob row never changes once written (INSERT OR IGNORE), so one entry serves every checkpoint that
 * carries that version: reads skip SQLite, and plain-JSON values skip the parse too (a copy is cheaper).
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

  /**
   * Empties the cache if another connection committed since the last call. Call once per read, with the
   * `PRAGMA data_version` read in the same statement as the row when there is one.
   */
  validate(dataVersion?: number): void {
    if (this.maxBytes <= 0) return;
    const current = dataVersion ?? Number(this.dataVersionStatement.get());
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
    const size = sizeOf(key, entry);
    if (size > this.maxBytes / 8) return;
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.bytes -= sizeOf(key, previous);
      this.entries.delete(key);
    }
    this.entries.set(key, entry);
    this.bytes += size;
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= sizeOf(oldest, value);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

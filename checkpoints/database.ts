import Database from "better-sqlite3";
import { CheckpointFormatError } from "./format-error.ts";

/**
 * The stored format this build writes and reads, kept in `PRAGMA user_version`. Bump it with a new entry in
 * `migrations`; files of an older format are migrated on open, files of a newer one are refused.
 */
export const FORMAT_VERSION = 4;

/**
 * migrations[i] takes a file from format i to format i + 1. Saver and store tables live in one list so one
 * file can hold both and one number describes it.
 */
const migrations: readonly string[] = [
  `
  CREATE TABLE IF NOT EXISTS sy_checkpoints (
    thread_id TEXT NOT NULL,
    checkpoint_ns TEXT NOT NULL,
    checkpoint_id TEXT NOT NULL,
    parent_checkpoint_id TEXT,
    checkpoint_type TEXT NOT NULL,
    checkpoint BLOB NOT NULL,
    metadata_type TEXT NOT NULL,
    metadata BLOB NOT NULL,
    PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS sy_blobs (
    thread_id TEXT NOT NULL,
    checkpoint_ns TEXT NOT NULL,
    channel TEXT NOT NULL,
    version TEXT NOT NULL,
    value_type TEXT NOT NULL,
    value BLOB NOT NULL,
    PRIMARY KEY (thread_id, checkpoint_ns, channel, version)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS sy_writes (
    thread_id TEXT NOT NULL,
    checkpoint_ns TEXT NOT NULL,
    checkpoint_id TEXT NOT NULL,
    task_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    channel TEXT NOT NULL,
    task_path TEXT NOT NULL DEFAULT '',
    value_type TEXT NOT NULL,
    value BLOB NOT NULL,
    PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, task_id, idx)
  );
  CREATE TABLE IF NOT EXISTS sy_checkpoint_metadata (
    thread_id TEXT NOT NULL,
    checkpoint_ns TEXT NOT NULL,
    checkpoint_id TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (thread_id, checkpoint_ns, key, value, checkpoint_id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS sy_store (
    namespace TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    ttl_ms INTEGER,
    expires_at INTEGER,
    PRIMARY KEY (namespace, key)
  );
  CREATE INDEX IF NOT EXISTS sy_store_expiry ON sy_store (expires_at) WHERE expires_at IS NOT NULL;
  `,
  // Format 2: small channel values inline in the checkpoint row (NULL in rows written by format 1, whose
  // values all live in sy_blobs, so those rows read as before), and sy_writes keyed by its primary key
  // alone (WITHOUT ROWID): a putWrites commit then dirties one B-tree page instead of a table page plus
  // an index page.
  `
  ALTER TABLE sy_checkpoints ADD COLUMN inline_values BLOB;
  CREATE TABLE sy_writes_2 (
    thread_id TEXT NOT NULL,
    checkpoint_ns TEXT NOT NULL,
    checkpoint_id TEXT NOT NULL,
    task_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    channel TEXT NOT NULL,
    task_path TEXT NOT NULL DEFAULT '',
    value_type TEXT NOT NULL,
    value BLOB NOT NULL,
    PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, task_id, idx)
  ) WITHOUT ROWID;
  INSERT INTO sy_writes_2 SELECT thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, task_path, value_type, value FROM sy_writes;
  DROP TABLE sy_writes;
  ALTER TABLE sy_writes_2 RENAME TO sy_writes;
  `,
  // Format 3: the metadata index is written in batches (see saver-put.ts). Each checkpoint row carries its
  // index entries (NULL in older rows, all of which are indexed), and sy_metadata_marks records, per thread
  // and namespace, the checkpoint id through which sy_checkpoint_metadata is complete.
  `
  ALTER TABLE sy_checkpoints ADD COLUMN index_entries TEXT;
  CREATE TABLE sy_metadata_marks (
    thread_id TEXT NOT NULL,
    checkpoint_ns TEXT NOT NULL,
    indexed_through TEXT NOT NULL,
    PRIMARY KEY (thread_id, checkpoint_ns)
  ) WITHOUT ROWID;
  INSERT INTO sy_metadata_marks (thread_id, checkpoint_ns, indexed_through)
    SELECT thread_id, checkpoint_ns, max(checkpoint_id) FROM sy_checkpoints GROUP BY thread_id, checkpoint_ns;
  `,
  // Format 4: one active run per thread across processes (sqlite-thread-leases.ts). A lease row per busy
  // thread, and a heartbeat row per process instance so a restarted server can tell whose runs died.
  `
  CREATE TABLE sy_thread_leases (
    thread_id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL,
    run_id TEXT NOT NULL,
    acquired_at INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX sy_thread_leases_instance ON sy_thread_leases (instance_id);
  CREATE TABLE sy_lease_instances (
    instance_id TEXT PRIMARY KEY,
    started_at INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
];

/** Options for opening a switchyard database file. */
export interface DatabaseConfig {
  /** How long one statement waits for another process's lock before SQLITE_BUSY; default 5000 ms. */
  busyTimeoutMs?: number;
  /**
   * NORMAL (default) survives a process crash (kill -9) with every committed transaction; FULL also survives
   * power loss, at the cost of an fsync per commit.
   */
  synchronous?: "NORMAL" | "FULL";
  /**
   * WAL pages written before SQLite copies them back into the database file; default 10000 (about 40 MiB).
   * Each copy-back fsyncs the file even at synchronous=NORMAL, so at SQLite's default of 1000 it dominated the
   * cost of a small checkpoint write. Durability does not depend on it.
   */
  walAutocheckpointPages?: number;
}

/** The file name shown in messages: the path, or ":memory:". */
export function describeFile(database: Database.Database): string {
  return database.name;
}

function readUserVersion(database: Database.Database): number {
  return Number(database.pragma("user_version", { simple: true }));
}

/**
 * Opens (creating if needed) a switchyard database: WAL, busy_timeout, foreign-process-safe migrations.
 * Throws CheckpointFormatError, leaving the file untouched, when it was written by a newer format.
 *
 * @example
 * const database = openDatabase("./state.db", { busyTimeoutMs: 10_000 });
 */
export function openDatabase(pathOrMemory: string, config: DatabaseConfig = {}): Database.Database {
  const database = new Database(pathOrMemory);
  try {
    database.pragma(`busy_timeout = ${Math.max(0, Math.floor(config.busyTimeoutMs ?? 5000))}`);
    const found = readUserVersion(database);
    if (found > FORMAT_VERSION) throw new CheckpointFormatError(pathOrMemory, found, FORMAT_VERSION);
    if (pathOrMemory !== ":memory:" && database.pragma("journal_mode", { simple: true }) !== "wal") {
      database.pragma("journal_mode = WAL");
    }
    database.pragma(`synchronous = ${config.synchronous ?? "NORMAL"}`);
    database.pragma(`wal_autocheckpoint = ${Math.max(0, Math.floor(config.walAutocheckpointPages ?? 10_000))}`);
    if (found < FORMAT_VERSION) migrate(database, pathOrMemory);
    return database;
  } catch (error) {
    database.close();
    throw error;
  }
}

function migrate(database: Database.Database, file: string): void {
  // IMMEDIATE takes the write lock first, so two processes opening a new file at once migrate it once.
  database
    .transaction(() => {
      const current = readUserVersion(database);
      if (current > FORMAT_VERSION) throw new CheckpointFormatError(file, current, FORMAT_VERSION);
      for (let version = current; version < FORMAT_VERSION; version += 1) {
        const step = migrations[version];
        if (step === undefined) throw new Error(`switchyard has no migration from format ${version}`);
        database.exec(step);
      }
      database.pragma(`user_version = ${FORMAT_VERSION}`);
    })
    .immediate();
}

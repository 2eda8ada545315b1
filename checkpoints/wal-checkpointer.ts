import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";

/** Options for `startWalCheckpointer`. */
export interface WalCheckpointerOptions {
  /** How often the worker copies the WAL back into the database file; default 250 ms. */
  intervalMs?: number;
  /**
   * The connection's own autocheckpoint while the worker runs, in pages; default 100,000 (about 400 MiB): a
   * backstop that bounds the WAL should the worker stop, far above what the worker lets it reach.
   */
  backstopPages?: number;
}

/** A running background checkpointer; `stop` runs a last checkpoint and ends the worker. */
export interface WalCheckpointer {
  stop(): Promise<void>;
}

// Plain CommonJS: a worker does not inherit tsx's loader, and this needs nothing but the driver.
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const database = new Database(workerData.file, { fileMustExist: true });
database.pragma("busy_timeout = 0");
const checkpoint = () => { try { database.pragma("wal_checkpoint(PASSIVE)"); } catch {} };
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  checkpoint();
  database.close();
  parentPort.close();
});
`;

/**
 * Moves WAL checkpoints (copying the WAL back into the database file, with an fsync) off the event loop, onto
 * a worker thread with its own connection. Why: SQLite runs an automatic checkpoint inside the commit that
 * crosses `wal_autocheckpoint` pages; with MiB request bodies in state that was a 90–155 ms commit on the
 * event loop every few runs, with /ok unanswered. A PASSIVE checkpoint takes no write lock, so the
 * connection's writes go on meanwhile; durability is unchanged (a committed transaction is in the WAL).
 *
 * @example
 * const checkpointer = startWalCheckpointer(saver.database);
 * // ... later, before closing the connection:
 * await checkpointer.stop();
 */
export function startWalCheckpointer(database: Database.Database, options: WalCheckpointerOptions = {}): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(workerSource, { eval: true, workerData: { driver, file: database.name, intervalMs: options.intervalMs ?? 250 } });
  worker.unref();
  let failed = false;
  // A worker that cannot open the file leaves the connection to its own checkpoints, as before.
  const restore = () => {
    if (failed) return;
    failed = true;
    if (database.open) database.pragma("wal_autocheckpoint = 10000");
  };
  worker.once("error", restore);
  database.pragma(`wal_autocheckpoint = ${Math.max(1, Math.floor(options.backstopPages ?? 100_000))}`);
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    async stop() {
      // Referenced again while it finishes: an unreferenced worker let the process end mid-await (exit 13).
      worker.ref();
      worker.postMessage("stop");
      await exited;
    },
  };
}

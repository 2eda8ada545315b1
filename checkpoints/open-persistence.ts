import fs from "node:fs";
import path from "node:path";
import type { BaseCheckpointSaver, BaseStore } from "@langchain/langgraph-checkpoint";
import { openSqliteSaver } from "./sqlite-saver.ts";
import { SwitchyardSqliteStore } from "./sqlite-store.ts";
import { withSetupLock } from "./postgres-setup-lock.ts";
import { PostgresThreadLeases } from "./postgres-thread-leases.ts";
import { SqliteThreadLeases } from "./sqlite-thread-leases.ts";
import type { ThreadLeases } from "./thread-leases.ts";
import { startWalCheckpointer } from "./wal-checkpointer.ts";

/** A checkpointer and a store opened together, and how to close both. */
export interface Persistence {
  checkpointer: BaseCheckpointSaver;
  /** Cross-thread memory: our SQLite store on the same file (or in-memory database), or PostgresStore. */
  store: BaseStore;
  /** One active run per thread, in the same database as the checkpoints. */
  leases: ThreadLeases;
  /** What was opened, for logs: the file path, ":memory:" or "postgres". */
  describe: string;
  close(): Promise<void>;
}

function isPostgresUrl(url: string): boolean {
  return url.startsWith("postgres://") || url.startsWith("postgresql://");
}

/**
 * The one persistence choice that the CLI, app code and the server share: a SQLite file path,
 * ":memory:", or a postgres:// URL. SQLite gives our saver and store on one connection (one file, one
 * format version); Postgres gives the official PostgresSaver and PostgresStore, with their tables set up.
 *
 * @example
 * const persistence = await openPersistence("./.switchyard/state.db");
 * const graph = builder.compile({ checkpointer: persistence.checkpointer, store: persistence.store });
 * await persistence.close();
 */
export interface PersistenceOptions {
  /** Lease expiry after the last heartbeat; default 15000 ms. */
  leaseTtlMs?: number;
  now?: () => number;
}

export async function openPersistence(url: string, options: PersistenceOptions = {}): Promise<Persistence> {
  const leaseConfig = { ...(options.leaseTtlMs === undefined ? {} : { ttlMs: options.leaseTtlMs }), ...(options.now ? { now: options.now } : {}) };
  if (isPostgresUrl(url)) {
    const [{ RunMetadataPostgresSaver }, { PostgresStore }] = await Promise.all([import("./postgres-run-metadata-saver.ts"), import("@langchain/langgraph-checkpoint-postgres/store")]);
    const saver = RunMetadataPostgresSaver.fromUrl(url);
    const store = new PostgresStore({ connectionOptions: url });
    let leases: ThreadLeases;
    try {
      leases = await withSetupLock(url, async () => {
        await saver.setup();
        await store.setup();
        return PostgresThreadLeases.open(url, leaseConfig);
      });
    } catch (error) {
      await Promise.allSettled([saver.end(), store.stop()]);
      throw error;
    }
    return {
      checkpointer: saver,
      store,
      leases,
      describe: "postgres",
      close: async () => {
        await Promise.all([saver.end(), store.stop(), leases.close()]);
      },
    };
  }
  if (url !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(url)), { recursive: true });
  const saver = openSqliteSaver(url);
  // One connection for both: an in-memory database is per connection, and a file needs no second handle.
  const store = new SwitchyardSqliteStore(saver.database);
  // Copying the WAL back into a file is left to a worker thread: inside a commit it held the event loop.
  const walCheckpointer = url === ":memory:" ? undefined : startWalCheckpointer(saver.database);
  return {
    checkpointer: saver,
    store,
    leases: new SqliteThreadLeases(saver.database, leaseConfig),
    describe: url,
    close: async () => {
      await walCheckpointer?.stop();
      if (saver.database.open) saver.close();
    },
  };
}

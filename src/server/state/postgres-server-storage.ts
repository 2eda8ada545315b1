import pg from "pg";
import { PostgresA2aTasks } from "./postgres-a2a-tasks.ts";
import { PostgresAssistantState } from "./postgres-assistant-state.ts";
import { PostgresCronState } from "./postgres-cron-state.ts";
import { serverTableNames, setupServerTables } from "./postgres-schema.ts";
import { PostgresServerState } from "./postgres-server-state.ts";
import { PostgresThreadTtls } from "./postgres-thread-ttls.ts";
import { PostgresVirtualKeys } from "./postgres-virtual-keys.ts";
import type { ServerStorage } from "./server-state.ts";

export interface PostgresServerStorageOptions {
  /** Schema of the server's tables; default "public". */
  schema?: string;
  now?: () => number;
  /** Pool size; default 8 (a replica's requests, its run ends, its cancel checks and its recovery pass). */
  maxConnections?: number;
}

/**
 * Opens the server's threads, runs, crons, assistants, A2A tasks and thread TTLs in Postgres: connects, runs the setup step
 * (tables and format version), and answers the storage. Replicas on one database and schema are one server.
 *
 * @example
 * const storage = await openPostgresServerStorage("postgresql://postgres@127.0.0.1:5432/app", { schema: "switchyard" });
 * const server = createServer({ graphs, persistence, storage });
 */
export async function openPostgresServerStorage(url: string, options: PostgresServerStorageOptions = {}): Promise<ServerStorage> {
  const storage = postgresServerStorage(url, options);
  try {
    await storage.setup?.();
  } catch (error) {
    await storage.close();
    throw error;
  }
  return storage;
}

/** The same, with the setup step left to the caller (`storage.setup()`): createServer runs it before its first request. */
export function postgresServerStorage(url: string, options: PostgresServerStorageOptions = {}): ServerStorage {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 8 });
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  const now = options.now ?? Date.now;
  const schema = options.schema ?? "public";
  const tables = serverTableNames(schema);
  let setup: Promise<void> | undefined;
  return {
    state: new PostgresServerState(pool, tables, now),
    crons: new PostgresCronState(pool, tables, now),
    assistants: new PostgresAssistantState(pool, tables),
    a2aTasks: new PostgresA2aTasks(pool, tables, now),
    ttls: new PostgresThreadTtls(pool, tables, now),
    keys: new PostgresVirtualKeys(pool, tables, now),
    setup: () => (setup ??= setupServerTables(pool, schema).then(() => undefined)),
    close: () => pool.end(),
  };
}

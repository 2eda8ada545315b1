import type Database from "better-sqlite3";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { defaultLeaseTiming, LeaseKeeper, newInstanceId, SqliteThreadLeases, SwitchyardSqliteSaver, type ThreadLeases } from "../../checkpoints/index.ts";
import { RunLeases } from "./run-leases.ts";

export interface ServerLeaseOptions {
  /** The persistence's leases (openPersistence gives them); else ours on the SQLite file, else on `database`. */
  leases?: ThreadLeases;
  checkpointer: BaseCheckpointSaver;
  /** The database of the server's tables, which has the lease tables when the saver is not ours. */
  database: Database.Database;
  heartbeatMs?: number;
  instanceId?: string;
  now: () => number;
  sleep?: (milliseconds: number) => Promise<void>;
}

/**
 * The server's thread leases: the persistence's own (SQLite file or Postgres), so every server and CLI
 * process on one database shares one lease per thread. The keeper beats for the server's whole life, so
 * a peer that restarts can tell this server's queued runs from a dead one's.
 */
export function serverLeases(options: ServerLeaseOptions): RunLeases {
  const leases =
    options.leases ??
    new SqliteThreadLeases(options.checkpointer instanceof SwitchyardSqliteSaver ? options.checkpointer.database : options.database, { now: options.now });
  const keeper = new LeaseKeeper({
    leases,
    instanceId: options.instanceId ?? newInstanceId(),
    heartbeatMs: options.heartbeatMs ?? defaultLeaseTiming.heartbeatMs,
    now: options.now,
    alwaysBeat: true,
  });
  return new RunLeases(keeper, { now: options.now, ...(options.sleep ? { sleep: options.sleep } : {}) });
}

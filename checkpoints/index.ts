/**
 * switchyard's persistence: a LangGraph checkpoint saver and a BaseStore on one SQLite file (better-sqlite3).
 * See docs/decisions/checkpoints.md for the table layout.
 */
export { SwitchyardSqliteSaver, openSqliteSaver, type SqliteSaverConfig, type RunnableConfig } from "./sqlite-saver.ts";
export { latestCheckpointId } from "./latest-checkpoint-id.ts";
export type { PruneReport } from "./prune.ts";
export { prunableSaver, type PrunableSaver } from "./prunable-saver.ts";
export { FORMAT_VERSION, openDatabase, type DatabaseConfig } from "./database.ts";
export { CheckpointFormatError } from "./format-error.ts";
export { CorruptRowError } from "./corrupt-row-error.ts";
export { isBusyError, withBusyRetry, type BusyRetryOptions } from "./busy-retry.ts";
export { SwitchyardSqliteStore, openSqliteStore, type SqliteStoreConfig, type StorePutOptions } from "./sqlite-store.ts";
export { openPersistence, type Persistence, type PersistenceOptions } from "./open-persistence.ts";
export { type ThreadLeases, type ThreadLease, type LeaseOwner, type AcquireResult, type AcquireOptions, defaultLeaseTiming, leaseIsLive } from "./thread-leases.ts";
export { SqliteThreadLeases, type SqliteThreadLeasesConfig } from "./sqlite-thread-leases.ts";
export { PostgresThreadLeases, type PostgresThreadLeasesConfig } from "./postgres-thread-leases.ts";
export { LeaseKeeper, type LeaseKeeperConfig, type HeldLease } from "./lease-keeper.ts";
export { ThreadBusyError } from "./thread-busy-error.ts";
export { newInstanceId, ownerProcessGone } from "./lease-owner.ts";
export { EVENT_LOOP_SLICE_MS, yieldIfBusy } from "./event-loop-turn.ts";
export { SqliteActionLedger } from "./sqlite-action-ledger.ts";
export { PostgresActionLedger } from "./postgres-action-ledger.ts";
export { MigrateError } from "./migrate-error.ts";

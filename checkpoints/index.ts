/**
 * switchyard's persistence: a LangGraph checkpoint saver and a BaseStore on one SQLite file (better-sqlite3).
 * See docs/decisions/checkpoints.md for the table layout.
 */
export { SwitchyardSqliteSaver, openSqliteSaver, type SqliteSaverConfig, type RunnableConfig } from "./sqlite-saver.ts";
export { FORMAT_VERSION, openDatabase, type DatabaseConfig } from "./database.ts";
export { CheckpointFormatError } from "./format-error.ts";
export { CorruptRowError } from "./corrupt-row-error.ts";
export { isBusyError, withBusyRetry, type BusyRetryOptions } from "./busy-retry.ts";
export { SwitchyardSqliteStore, openSqliteStore, type SqliteStoreConfig, type StorePutOptions } from "./sqlite-store.ts";
export { openPersistence, type Persistence } from "./open-persistence.ts";
export { EVENT_LOOP_SLICE_MS, yieldIfBusy } from "./event-loop-turn.ts";

export type { A2aRunLink, A2aTaskState, AssistantState, CronState, ExpiredThread, ThreadTtlState, ThreadTtlStrategy, RunEnding, RunHead, RunOpening, ServerState, ServerStorage, ThreadPatch, ThreadQuery } from "./server-state.ts";
export { SqliteServerState, sqliteServerStorage } from "./sqlite-server-storage.ts";
export { openPostgresServerStorage, postgresServerStorage, type PostgresServerStorageOptions } from "./postgres-server-storage.ts";
export { SERVER_STATE_FORMAT } from "./postgres-schema.ts";

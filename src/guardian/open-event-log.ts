import type { EventLog } from "./event-log.ts";
import { guardianStateFile } from "./guardian-runtime.ts";
import { PostgresEventLog } from "./postgres-event-log.ts";
import { SqliteEventLog } from "./sqlite-event-log.ts";

/** Where the guardian's log lives for a checkpoints URL: the one a reader must open to see what the server wrote. */
export type EventLogLocation = { kind: "postgres"; url: string; schema: string; label: string } | { kind: "sqlite"; file: string; label: string };

/**
 * The same choice the engine makes when it starts (src/runtime/start-engine.ts): on storage: postgres:// every
 * replica writes one log in Postgres (schema `server.storage_schema`), otherwise the log is in the SQLite state
 * file. `stateFile` (a CLI's --state) reads that file instead, whatever the storage.
 */
export function eventLogLocation(checkpointsUrl: string, options: { schema?: string | undefined; stateFile?: string | undefined } = {}): EventLogLocation {
  if (options.stateFile === undefined && /^postgres(ql)?:\/\//.test(checkpointsUrl)) {
    const schema = options.schema ?? "public";
    return { kind: "postgres", url: checkpointsUrl, schema, label: `Postgres schema ${schema}` };
  }
  const file = options.stateFile ?? guardianStateFile(checkpointsUrl);
  return { kind: "sqlite", file, label: file };
}

/**
 * Opens the log at a location (creating its tables when missing, as the server would). `onError` hears a
 * Postgres write that failed (records are written in the background so a request never waits on them).
 */
export async function openEventLog(location: EventLogLocation, options: { onError?: (error: unknown) => void } = {}): Promise<EventLog> {
  return location.kind === "postgres" ? await PostgresEventLog.open(location.url, { schema: location.schema, ...options }) : SqliteEventLog.open(location.file);
}

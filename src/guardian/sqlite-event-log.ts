import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { SwitchyardError } from "../errors.ts";
import { parseEventRow, parseSnapshotRow, type EventLog, type EventQuery, type SavedSnapshot, type StoredEvent } from "./event-log.ts";
import type { GuardianEvent } from "./guardian-event.ts";

export type { EventQuery, StoredEvent };

const schema = `
CREATE TABLE IF NOT EXISTS guardian_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  category TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  reason TEXT NOT NULL,
  evidence TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS guardian_events_at ON guardian_events (at);
CREATE INDEX IF NOT EXISTS guardian_events_category ON guardian_events (category, at);
CREATE TRIGGER IF NOT EXISTS guardian_events_no_update BEFORE UPDATE ON guardian_events BEGIN SELECT RAISE(ABORT, 'guardian_events is append-only'); END;
CREATE TRIGGER IF NOT EXISTS guardian_events_no_delete BEFORE DELETE ON guardian_events BEGIN SELECT RAISE(ABORT, 'guardian_events is append-only'); END;
CREATE TABLE IF NOT EXISTS guardian_baselines (
  name TEXT PRIMARY KEY,
  saved_at INTEGER NOT NULL,
  snapshot TEXT NOT NULL
);
`;

/**
 * The append-only guardian event log in a SQLite file (the state file by default): the code only ever
 * INSERTs, and triggers refuse UPDATE and DELETE so no one else rewrites history either. It also keeps the
 * guardian's baseline snapshot (one row per name, replaced on save).
 *
 * @example
 * const log = SqliteEventLog.open(".switchyard/state.db");
 * log.record({ at: Date.now(), category: "security", kind: "verification_block", subject: "thread-1", reason, evidence: {} });
 * log.query({ category: "security", limit: 20 });
 */
export class SqliteEventLog implements EventLog {
  readonly #database: Database.Database;
  readonly #insert: Database.Statement;

  private constructor(database: Database.Database) {
    this.#database = database;
    database.exec(schema);
    this.#insert = database.prepare("INSERT INTO guardian_events (at, category, kind, subject, reason, evidence) VALUES (?, ?, ?, ?, ?, ?)");
  }

  static open(file: string): SqliteEventLog {
    try {
      // Like the checkpoint file beside it: a fresh checkout has no .switchyard/ yet.
      if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      const database = new Database(file);
      if (file !== ":memory:") database.pragma("journal_mode = WAL");
      database.pragma("busy_timeout = 5000");
      return new SqliteEventLog(database);
    } catch (error) {
      throw new SwitchyardError("store_invalid", `cannot open the guardian event log at ${file}: ${error instanceof Error ? error.message : String(error)}. Fix: point checkpoints.url (or --state) at a writable SQLite file.`, { cause: error });
    }
  }

  record(event: GuardianEvent): void {
    this.#insert.run(Math.round(event.at), event.category, event.kind, event.subject, event.reason, JSON.stringify(event.evidence));
  }

  /** Newest first. Rows are parsed: a corrupt row is an error naming its id, not a silent skip. */
  query(query: EventQuery = {}): StoredEvent[] {
    const filters: Array<[string, string | number | undefined]> = [
      ["category = ?", query.category],
      ["kind = ?", query.kind],
      ["subject = ?", query.subject],
      ["at >= ?", query.since],
    ];
    const used = filters.filter((filter): filter is [string, string | number] => filter[1] !== undefined);
    const clauses = used.map(([clause]) => clause);
    const values = used.map(([, value]) => value);
    const where = clauses.length > 0 ? `WHERE ${clauses.join(" AND ")}` : "";
    const rows = this.#database.prepare(`SELECT * FROM guardian_events ${where} ORDER BY id DESC LIMIT ?`).all(...values, query.limit ?? 100);
    return rows.map(parseEventRow);
  }

  saveSnapshot(name: string, savedAt: number, snapshot: unknown): void {
    this.#database.prepare("INSERT OR REPLACE INTO guardian_baselines (name, saved_at, snapshot) VALUES (?, ?, ?)").run(name, savedAt, JSON.stringify(snapshot));
  }

  loadSnapshot(name: string): SavedSnapshot | undefined {
    return parseSnapshotRow(this.#database.prepare("SELECT saved_at, snapshot FROM guardian_baselines WHERE name = ?").get(name));
  }

  close(): void {
    this.#database.close();
  }
}

import pg from "pg";
import { SwitchyardError } from "../errors.ts";
import { parseEventRow, parseSnapshotRow, type EventLog, type EventQuery, type SavedSnapshot, type StoredEvent } from "./event-log.ts";
import type { GuardianEvent } from "./guardian-event.ts";

export interface PostgresEventLogOptions {
  /** Schema of the log's tables; default "public" (the server's `server.storage_schema`, so they sit together). */
  schema?: string;
  /** Told about a write that failed (the event is then only in the other sinks); default: ignored. */
  onError?: (error: unknown) => void;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The guardian event log in Postgres: every replica appends to one log and reads all of it, and the baseline
 * snapshot saved by any replica is the one a starting replica restores. Append-only like the SQLite log: a
 * trigger refuses UPDATE, DELETE and TRUNCATE from any connection. `record` queues its INSERT (writes land
 * in order) and never waits; `close` writes what is queued.
 *
 * @example
 * const log = await PostgresEventLog.open("postgresql://postgres@127.0.0.1:5432/app", { schema: "switchyard" });
 * log.record({ at: Date.now(), category: "security", kind: "verification_block", subject: "thread-1", reason, evidence: {} });
 * await log.query({ category: "security", limit: 20 });
 */
export class PostgresEventLog implements EventLog {
  readonly #pool: pg.Pool;
  readonly #events: string;
  readonly #baselines: string;
  readonly #onError: ((error: unknown) => void) | undefined;
  #chain: Promise<void> = Promise.resolve();
  #closed: Promise<void> | undefined;

  private constructor(pool: pg.Pool, schema: string, onError: ((error: unknown) => void) | undefined) {
    this.#pool = pool;
    this.#events = `${quote(schema)}.guardian_events`;
    this.#baselines = `${quote(schema)}.guardian_baselines`;
    this.#onError = onError;
  }

  /** Connects, creates the tables and the append-only trigger when missing (under an advisory lock), and answers the log. */
  static async open(url: string, options: PostgresEventLogOptions = {}): Promise<PostgresEventLog> {
    const schema = options.schema ?? "public";
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    pool.on("error", () => undefined);
    const log = new PostgresEventLog(pool, schema, options.onError);
    const client = await pool.connect().catch(async (error: unknown) => {
      await pool.end();
      throw new SwitchyardError("store_invalid", `cannot open the guardian event log in Postgres (${error instanceof Error ? error.message : String(error)}). Fix: check storage: (the URL) and that the database accepts connections.`, { cause: error });
    });
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`switchyard.guardian_events.${schema}`]);
      const refuse = `${quote(schema)}.guardian_events_append_only`;
      for (const statement of [
        `CREATE SCHEMA IF NOT EXISTS ${quote(schema)}`,
        `CREATE TABLE IF NOT EXISTS ${log.#events} (id BIGSERIAL PRIMARY KEY, at DOUBLE PRECISION NOT NULL, category TEXT NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL, reason TEXT NOT NULL, evidence TEXT NOT NULL)`,
        `CREATE INDEX IF NOT EXISTS guardian_events_at ON ${log.#events} (at)`,
        `CREATE INDEX IF NOT EXISTS guardian_events_category ON ${log.#events} (category, at)`,
        `CREATE OR REPLACE FUNCTION ${refuse}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'guardian_events is append-only'; END $$`,
        `CREATE OR REPLACE TRIGGER guardian_events_no_change BEFORE UPDATE OR DELETE ON ${log.#events} FOR EACH ROW EXECUTE FUNCTION ${refuse}()`,
        `CREATE OR REPLACE TRIGGER guardian_events_no_truncate BEFORE TRUNCATE ON ${log.#events} FOR EACH STATEMENT EXECUTE FUNCTION ${refuse}()`,
        `CREATE TABLE IF NOT EXISTS ${log.#baselines} (name TEXT PRIMARY KEY, saved_at DOUBLE PRECISION NOT NULL, snapshot TEXT NOT NULL)`,
      ]) await client.query(statement);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      client.release();
      await pool.end();
      throw error;
    }
    client.release();
    return log;
  }

  record(event: GuardianEvent): void {
    const values = [Math.round(event.at), event.category, event.kind, event.subject, event.reason, JSON.stringify(event.evidence)];
    this.#chain = this.#chain
      .then(() => this.#pool.query(`INSERT INTO ${this.#events} (at, category, kind, subject, reason, evidence) VALUES ($1, $2, $3, $4, $5, $6)`, values))
      .then(() => undefined, (error: unknown) => this.#onError?.(error));
  }

  /** Waits for the events recorded so far to be written. */
  flush(): Promise<void> {
    return this.#chain;
  }

  async query(query: EventQuery = {}): Promise<StoredEvent[]> {
    await this.#chain;
    const filters: Array<[string, string | number | undefined]> = [
      ["category", query.category],
      ["kind", query.kind],
      ["subject", query.subject],
    ];
    const used = filters.filter((filter): filter is [string, string | number] => filter[1] !== undefined);
    const clauses = used.map(([column], index) => `${column} = $${index + 1}`);
    const values: Array<string | number> = used.map(([, value]) => value);
    if (query.since !== undefined) {
      values.push(query.since);
      clauses.push(`at >= $${values.length}`);
    }
    values.push(query.limit ?? 100);
    const where = clauses.length > 0 ? `WHERE ${clauses.join(" AND ")}` : "";
    // BIGSERIAL reads back as text: the id is cast to a number the row schema checks.
    const { rows } = await this.#pool.query(`SELECT id::float8 AS id, at, category, kind, subject, reason, evidence FROM ${this.#events} ${where} ORDER BY id DESC LIMIT $${values.length}`, values);
    return rows.map(parseEventRow);
  }

  async saveSnapshot(name: string, savedAt: number, snapshot: unknown): Promise<void> {
    await this.#pool.query(`INSERT INTO ${this.#baselines} (name, saved_at, snapshot) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET saved_at = excluded.saved_at, snapshot = excluded.snapshot`, [name, savedAt, JSON.stringify(snapshot)]);
  }

  async loadSnapshot(name: string): Promise<SavedSnapshot | undefined> {
    const { rows } = await this.#pool.query(`SELECT saved_at, snapshot FROM ${this.#baselines} WHERE name = $1`, [name]);
    return parseSnapshotRow(rows[0]);
  }

  /** Idempotent: the engine and the guardian may both close it. */
  close(): Promise<void> {
    this.#closed ??= this.#chain.then(() => this.#pool.end());
    return this.#closed;
  }
}

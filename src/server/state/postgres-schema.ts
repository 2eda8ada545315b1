import type pg from "pg";
import { SwitchyardError } from "../../errors.ts";

/**
 * The format of the server's Postgres tables; a database written by a newer switchyard is refused, not
 * guessed at. 2 added A2A tasks and their runs, per-thread TTLs and the OpenAI endpoint's virtual keys
 * (tables only: a format-1 database is brought to 2 by creating them).
 */
export const SERVER_STATE_FORMAT = 2;

/** A schema name as a quoted SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The server's tables in `schema`, schema-qualified: what every statement names. */
export function serverTableNames(schema: string) {
  const q = quoteIdent(schema);
  return {
    schema: q,
    meta: `${q}.server_state_meta`,
    threads: `${q}.server_threads`,
    runs: `${q}.server_runs`,
    crons: `${q}.server_crons`,
    firings: `${q}.server_cron_firings`,
    assistants: `${q}.server_assistants`,
    versions: `${q}.server_assistant_versions`,
    a2aTasks: `${q}.server_a2a_tasks`,
    a2aRuns: `${q}.server_a2a_runs`,
    a2aTokenIds: `${q}.server_a2a_token_ids`,
    ttls: `${q}.server_thread_ttl`,
    keys: `${q}.openai_keys`,
    keySpend: `${q}.openai_key_spend`,
    keyMinute: `${q}.openai_key_minute`,
    keyReserve: `${q}.switchyard_key_reserve`,
    keyRelease: `${q}.switchyard_key_release`,
  };
}
export type ServerTableNames = ReturnType<typeof serverTableNames>;

/** What each Postgres state class holds: the pool, its schema's table names, and the clock its stamps read. */
export abstract class PostgresTables {
  protected readonly pool: pg.Pool;
  protected readonly t: ServerTableNames;
  protected readonly now: () => number;

  constructor(pool: pg.Pool, tables: ServerTableNames, now: () => number) {
    this.pool = pool;
    this.t = tables;
    this.now = now;
  }

  /** The ISO time the rows record (created_at, updated_at). */
  protected stamp(): string {
    return new Date(this.now()).toISOString();
  }
}

/** Epoch-millisecond columns are DOUBLE PRECISION: exact below 2^53 and read back as JS numbers (BIGINT reads as text). */
function ddl(t: ServerTableNames): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS ${t.schema}`,
    `CREATE TABLE IF NOT EXISTS ${t.meta} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${t.threads} (seq BIGSERIAL, thread_id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, metadata TEXT NOT NULL, status TEXT NOT NULL, error TEXT)`,
    `CREATE TABLE IF NOT EXISTS ${t.runs} (seq BIGSERIAL, run_id TEXT PRIMARY KEY, thread_id TEXT NOT NULL, assistant_id TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      status TEXT NOT NULL, metadata TEXT NOT NULL, multitask_strategy TEXT NOT NULL, kwargs TEXT NOT NULL, owner TEXT NOT NULL DEFAULT '', started_from TEXT)`,
    `CREATE INDEX IF NOT EXISTS server_runs_thread ON ${t.runs} (thread_id, created_at)`,
    // The queue: what recovery and the cancel check read is the unfinished runs, a small slice of the table.
    `CREATE INDEX IF NOT EXISTS server_runs_unfinished ON ${t.runs} (created_at) WHERE status IN ('pending', 'running')`,
    `CREATE TABLE IF NOT EXISTS ${t.crons} (cron_id TEXT PRIMARY KEY, assistant_id TEXT NOT NULL, thread_id TEXT, schedule TEXT NOT NULL, timezone TEXT, end_time DOUBLE PRECISION,
      payload TEXT NOT NULL, metadata TEXT NOT NULL, enabled INTEGER NOT NULL, on_run_completed TEXT NOT NULL, next_run_at DOUBLE PRECISION, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS server_crons_due ON ${t.crons} (next_run_at) WHERE enabled = 1 AND next_run_at IS NOT NULL`,
    `CREATE TABLE IF NOT EXISTS ${t.firings} (cron_id TEXT NOT NULL, fire_at DOUBLE PRECISION NOT NULL, owner TEXT NOT NULL, run_id TEXT, error TEXT, claimed_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (cron_id, fire_at))`,
    `CREATE TABLE IF NOT EXISTS ${t.assistants} (seq BIGSERIAL, assistant_id TEXT PRIMARY KEY, record TEXT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${t.versions} (assistant_id TEXT NOT NULL, version INTEGER NOT NULL, record TEXT NOT NULL, PRIMARY KEY (assistant_id, version))`,
    // Format 2.
    `CREATE TABLE IF NOT EXISTS ${t.a2aTasks} (owner TEXT NOT NULL, a2a_task_id TEXT NOT NULL, task TEXT NOT NULL, saved_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (owner, a2a_task_id))`,
    `CREATE INDEX IF NOT EXISTS server_a2a_tasks_saved ON ${t.a2aTasks} (owner, saved_at)`,
    `CREATE TABLE IF NOT EXISTS ${t.a2aRuns} (a2a_task_id TEXT PRIMARY KEY, run_id TEXT NOT NULL, thread_id TEXT NOT NULL, context_id TEXT NOT NULL, graph_id TEXT NOT NULL, open_turn INTEGER NOT NULL DEFAULT 0)`,
    // Agent token ids claimed once across replicas (replay protection); rows live until their token expires.
    `CREATE TABLE IF NOT EXISTS ${t.a2aTokenIds} (id TEXT PRIMARY KEY, expires_at DOUBLE PRECISION NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS server_a2a_token_ids_expiry ON ${t.a2aTokenIds} (expires_at)`,
    `CREATE TABLE IF NOT EXISTS ${t.ttls} (thread_id TEXT PRIMARY KEY, ttl_ms DOUBLE PRECISION, strategy TEXT, swept_at DOUBLE PRECISION)`,
    `CREATE TABLE IF NOT EXISTS ${t.keys} (id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, name TEXT NOT NULL, models TEXT, rpm INTEGER, tpm INTEGER,
      budget_usd DOUBLE PRECISION, period TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL, revoked_at DOUBLE PRECISION)`,
    `CREATE TABLE IF NOT EXISTS ${t.keySpend} (key_id TEXT NOT NULL, period_start DOUBLE PRECISION NOT NULL, spent_usd DOUBLE PRECISION NOT NULL DEFAULT 0,
      reserved_usd DOUBLE PRECISION NOT NULL DEFAULT 0, PRIMARY KEY (key_id, period_start))`,
    `CREATE TABLE IF NOT EXISTS ${t.keyMinute} (key_id TEXT NOT NULL, minute DOUBLE PRECISION NOT NULL, requests INTEGER NOT NULL DEFAULT 0, tokens DOUBLE PRECISION NOT NULL DEFAULT 0,
      PRIMARY KEY (key_id, minute))`,
    // A /v1 admission in one round trip: lock the key's row, read its window and spend (each statement of a
    // volatile function reads what committed before it, so after the lock wait), and reserve within the limits.
    // It answers what it read, so the caller words a refusal with the same rule as the SQLite store (keyRefusal).
    `CREATE OR REPLACE FUNCTION ${t.keyReserve}(p_key TEXT, p_start DOUBLE PRECISION, p_minute DOUBLE PRECISION, p_cost DOUBLE PRECISION, p_tokens DOUBLE PRECISION,
      p_rpm DOUBLE PRECISION, p_tpm DOUBLE PRECISION, p_budget DOUBLE PRECISION)
      RETURNS TABLE (reserved BOOLEAN, requests DOUBLE PRECISION, tokens DOUBLE PRECISION, spent_usd DOUBLE PRECISION, reserved_usd DOUBLE PRECISION)
      LANGUAGE plpgsql VOLATILE AS $$
      DECLARE used_requests DOUBLE PRECISION := 0; used_tokens DOUBLE PRECISION := 0; spent DOUBLE PRECISION := 0; held DOUBLE PRECISION := 0;
      BEGIN
        PERFORM 1 FROM ${t.keys} k WHERE k.id = p_key FOR UPDATE;
        SELECT m.requests, m.tokens INTO used_requests, used_tokens FROM ${t.keyMinute} m WHERE m.key_id = p_key AND m.minute = p_minute;
        SELECT s.spent_usd, s.reserved_usd INTO spent, held FROM ${t.keySpend} s WHERE s.key_id = p_key AND s.period_start = p_start;
        used_requests := COALESCE(used_requests, 0); used_tokens := COALESCE(used_tokens, 0); spent := COALESCE(spent, 0); held := COALESCE(held, 0);
        IF (p_rpm IS NOT NULL AND used_requests + 1 > p_rpm) OR (p_tpm IS NOT NULL AND used_tokens + p_tokens > p_tpm) OR (p_budget IS NOT NULL AND spent + held + p_cost > p_budget) THEN
          RETURN QUERY SELECT false, used_requests, used_tokens, spent, held;
          RETURN;
        END IF;
        INSERT INTO ${t.keySpend} AS s (key_id, period_start, reserved_usd) VALUES (p_key, p_start, p_cost) ON CONFLICT (key_id, period_start) DO UPDATE SET reserved_usd = s.reserved_usd + excluded.reserved_usd;
        INSERT INTO ${t.keyMinute} AS m (key_id, minute, requests, tokens) VALUES (p_key, p_minute, 1, p_tokens) ON CONFLICT (key_id, minute) DO UPDATE SET requests = m.requests + 1, tokens = m.tokens + excluded.tokens;
        RETURN QUERY SELECT true, used_requests, used_tokens, spent, held;
      END $$`,
    // The settlement takes its locks in the reservation's order (key, spend, minute): the two never deadlock.
    `CREATE OR REPLACE FUNCTION ${t.keyRelease}(p_key TEXT, p_start DOUBLE PRECISION, p_minute DOUBLE PRECISION, p_reserved DOUBLE PRECISION, p_spent DOUBLE PRECISION, p_tokens DOUBLE PRECISION)
      RETURNS VOID LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        -- A settlement lost in a database crash leaves its reservation counted: the safe side, so it need not wait for the disk.
        PERFORM set_config('synchronous_commit', 'off', true);
        PERFORM 1 FROM ${t.keys} k WHERE k.id = p_key FOR UPDATE;
        UPDATE ${t.keySpend} s SET reserved_usd = GREATEST(0, s.reserved_usd - p_reserved), spent_usd = s.spent_usd + p_spent WHERE s.key_id = p_key AND s.period_start = p_start;
        UPDATE ${t.keyMinute} m SET tokens = GREATEST(0, m.tokens + p_tokens) WHERE m.key_id = p_key AND m.minute = p_minute;
      END $$`,
  ];
}

/** Runs `work` in one transaction on one pooled connection. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The setup (migration) step: creates the schema and tables when missing and records the format version,
 * under an advisory lock so replicas starting together do not race on the DDL. An older format is brought
 * up to this one; a newer format is refused (and the DDL rolled back with the transaction).
 */
export async function setupServerTables(pool: pg.Pool, schema: string): Promise<ServerTableNames> {
  const tables = serverTableNames(schema);
  await inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`switchyard.server_state.${schema}`]);
    for (const statement of ddl(tables)) await client.query(statement);
    const found = await client.query<{ value: string }>(`SELECT value FROM ${tables.meta} WHERE key = 'format_version'`);
    const version = found.rows[0] === undefined ? undefined : Number(found.rows[0].value);
    if (version === undefined) await client.query(`INSERT INTO ${tables.meta} (key, value) VALUES ('format_version', $1)`, [String(SERVER_STATE_FORMAT)]);
    // An older format's tables are all still there; the DDL above added the newer ones.
    else if (version < SERVER_STATE_FORMAT) await client.query(`UPDATE ${tables.meta} SET value = $1 WHERE key = 'format_version'`, [String(SERVER_STATE_FORMAT)]);
    else if (!(version <= SERVER_STATE_FORMAT)) {
      throw new SwitchyardError(
        "checkpoint_format",
        `the server tables in Postgres schema ${schema} are in format ${found.rows[0]?.value}, newer than the ${SERVER_STATE_FORMAT} this switchyard reads. Fix: upgrade switchyard to the version the other replicas run, or point storage at another schema.`,
      );
    }
  });
  return tables;
}

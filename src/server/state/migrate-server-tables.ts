import Database from "better-sqlite3";
import pg from "pg";
import { MigrateError } from "../../../checkpoints/index.ts";
import { PostgresEventLog } from "../../guardian/index.ts";
import { serverTableNames, setupServerTables, type ServerTableNames } from "./postgres-schema.ts";

/** One server table's copy: rows in the SQLite file, rows written, and how many of the file's keys Postgres holds after. */
export interface ServerTableCopy {
  table: string;
  source: number;
  copied: number;
  /** Source keys found in the target after the copy; equal to `source` when verified. */
  verified: number;
}

interface TableSpec {
  /** The SQLite table and its Postgres twin (same name, same columns). */
  name: keyof Omit<ServerTableNames, "schema" | "meta"> | "guardianEvents" | "guardianBaselines";
  sqlite: string;
  columns: readonly string[];
  /** Key columns: what ON CONFLICT skips and what verification looks up. */
  key: readonly string[];
  /** Columns verification compares (default: the key): a key the target holds with other content is not the file's row. */
  match?: readonly string[];
  /** Columns added in later formats, with the value an older file's rows get. */
  defaults?: Readonly<Record<string, unknown>>;
}

const eventColumns = ["id", "at", "category", "kind", "subject", "reason", "evidence"] as const;

// Parents first, so a reader of the target never sees a run whose thread is missing.
const tables: readonly TableSpec[] = [
  { name: "threads", sqlite: "server_threads", columns: ["thread_id", "created_at", "updated_at", "metadata", "status", "error"], key: ["thread_id"] },
  {
    name: "runs",
    sqlite: "server_runs",
    columns: ["run_id", "thread_id", "assistant_id", "created_at", "updated_at", "status", "metadata", "multitask_strategy", "kwargs", "owner", "started_from"],
    key: ["run_id"],
    defaults: { owner: "", started_from: null },
  },
  {
    name: "crons",
    sqlite: "server_crons",
    columns: ["cron_id", "assistant_id", "thread_id", "schedule", "timezone", "end_time", "payload", "metadata", "enabled", "on_run_completed", "next_run_at", "created_at", "updated_at"],
    key: ["cron_id"],
  },
  { name: "firings", sqlite: "server_cron_firings", columns: ["cron_id", "fire_at", "owner", "run_id", "error", "claimed_at"], key: ["cron_id", "fire_at"] },
  { name: "assistants", sqlite: "server_assistants", columns: ["assistant_id", "record"], key: ["assistant_id"] },
  { name: "versions", sqlite: "server_assistant_versions", columns: ["assistant_id", "version", "record"], key: ["assistant_id", "version"] },
  { name: "a2aTasks", sqlite: "server_a2a_tasks", columns: ["owner", "a2a_task_id", "task", "saved_at"], key: ["owner", "a2a_task_id"] },
  { name: "a2aRuns", sqlite: "server_a2a_runs", columns: ["a2a_task_id", "run_id", "thread_id", "context_id", "graph_id", "open_turn"], key: ["a2a_task_id"] },
  { name: "ttls", sqlite: "server_thread_ttl", columns: ["thread_id", "ttl_ms", "strategy", "swept_at"], key: ["thread_id"] },
  { name: "keys", sqlite: "openai_keys", columns: ["id", "hash", "name", "models", "rpm", "tpm", "budget_usd", "period", "created_at", "revoked_at"], key: ["id"] },
  { name: "keySpend", sqlite: "openai_key_spend", columns: ["key_id", "period_start", "spent_usd", "reserved_usd"], key: ["key_id", "period_start"] },
  { name: "keyMinute", sqlite: "openai_key_minute", columns: ["key_id", "minute", "requests", "tokens"], key: ["key_id", "minute"] },
  // The guardian's log keeps the file's ids, so it reads in the same order; the target refuses UPDATE and DELETE,
  // and ON CONFLICT DO NOTHING is neither. An id the target already used for another event fails verification.
  { name: "guardianEvents", sqlite: "guardian_events", columns: eventColumns, key: ["id"], match: eventColumns },
  { name: "guardianBaselines", sqlite: "guardian_baselines", columns: ["name", "saved_at", "snapshot"], key: ["name"] },
];

/** Rows per INSERT: far under Postgres's 65,535 parameters at 13 columns. */
const BATCH = 500;

function sourceRows(source: Database.Database, spec: TableSpec): Array<Record<string, unknown>> {
  const present = source.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?").get(spec.sqlite);
  if (present === undefined) return [];
  const have = new Set((source.prepare(`PRAGMA table_info(${spec.sqlite})`).all() as Array<{ name: string }>).map((column) => column.name));
  const select = spec.columns.filter((column) => have.has(column));
  const rows = source.prepare(`SELECT ${select.join(", ")} FROM ${spec.sqlite}`).all() as Array<Record<string, unknown>>;
  const missing = spec.columns.filter((column) => !have.has(column));
  if (missing.length === 0) return rows;
  return rows.map((row) => ({ ...Object.fromEntries(missing.map((column) => [column, spec.defaults?.[column] ?? null])), ...row }));
}

async function copyTable(client: pg.PoolClient, target: string, spec: TableSpec, rows: ReadonlyArray<Record<string, unknown>>): Promise<number> {
  let copied = 0;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const values: unknown[] = [];
    const tuples = batch.map((row) => {
      const placeholders = spec.columns.map((column) => {
        values.push(row[column] ?? null);
        return `$${values.length}`;
      });
      return `(${placeholders.join(", ")})`;
    });
    const result = await client.query(`INSERT INTO ${target} (${spec.columns.join(", ")}) VALUES ${tuples.join(", ")} ON CONFLICT (${spec.key.join(", ")}) DO NOTHING`, values);
    copied += result.rowCount ?? 0;
  }
  return copied;
}

async function countPresent(client: pg.PoolClient, target: string, spec: TableSpec, rows: ReadonlyArray<Record<string, unknown>>): Promise<number> {
  if (rows.length === 0) return 0;
  const match = spec.match ?? spec.key;
  // One array per compared column, unnested side by side: a single round trip whatever the table's size.
  const arrays = match.map((column) => rows.map((row) => String(row[column])));
  const unnest = match.map((_, index) => `$${index + 1}::text[]`).join(", ");
  const join = match.map((column) => `t.${column}::text = k.${column}`).join(" AND ");
  const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${target} t JOIN unnest(${unnest}) AS k(${match.join(", ")}) ON ${join}`, arrays);
  return Number(result.rows[0]?.n ?? 0);
}

function openSource(file: string): Database.Database {
  let source: Database.Database | undefined;
  try {
    source = new Database(file, { readonly: true, fileMustExist: true });
    // Opening reads no page: a file that is not SQLite fails only at its first statement.
    source.pragma("schema_version");
    return source;
  } catch (error) {
    source?.close();
    throw new MigrateError("--from", `${file} cannot be opened as SQLite (${(error as Error).message}). Fix: pass the file switchyard serve used.`, { cause: error });
  }
}

/**
 * Copies `switchyard serve`'s own tables (threads, runs and their queue, crons and their firings, assistants
 * and their versions, A2A tasks and their runs, thread TTLs, virtual keys and their spend, the guardian's event
 * log and baselines) from its SQLite file into the server's Postgres tables, in one transaction, then counts
 * each source key in the target (each guardian event by its id and content). Rows the target already has are left as they are, so a re-run copies nothing.
 * A run left pending or running in the file keeps its owner: on Postgres that owner holds no lease, so the
 * first replica's recovery pass resumes it from its checkpoint, as it would after a crash.
 */
export async function migrateServerTables(options: { from: string; to: string; schema?: string }): Promise<ServerTableCopy[]> {
  const source = openSource(options.from);
  const pool = new pg.Pool({ connectionString: options.to, max: 1 });
  pool.on("error", () => undefined);
  try {
    const names = await setupServerTables(pool, options.schema ?? "public");
    // The log creates its own tables and append-only trigger, as a replica would on start.
    await (await PostgresEventLog.open(options.to, { schema: options.schema ?? "public" })).close();
    const targets = { ...names, guardianEvents: `${names.schema}.guardian_events`, guardianBaselines: `${names.schema}.guardian_baselines` };
    const loaded = tables.map((spec) => ({ spec, rows: sourceRows(source, spec) }));
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const copied: number[] = [];
      for (const { spec, rows } of loaded) copied.push(await copyTable(client, targets[spec.name], spec, rows));
      // Ids were given explicitly: the next event a replica appends must come after the copied ones.
      await client.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), max(id)) FROM ${targets.guardianEvents} HAVING max(id) IS NOT NULL`, [targets.guardianEvents]);
      await client.query("COMMIT");
      const report: ServerTableCopy[] = [];
      for (const [index, { spec, rows }] of loaded.entries()) {
        report.push({ table: spec.sqlite, source: rows.length, copied: copied[index] ?? 0, verified: await countPresent(client, targets[spec.name], spec, rows) });
      }
      return report;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw new MigrateError("server tables", `copy into ${serverTableNames(options.schema ?? "public").schema} failed and was rolled back (${(error as Error).message}). Fix: check the target's permissions and re-run; nothing was half-written.`, { cause: error });
    } finally {
      client.release();
    }
  } finally {
    source.close();
    await pool.end();
  }
}

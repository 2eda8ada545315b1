import fs from "node:fs";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { PostgresStore } from "@langchain/langgraph-checkpoint-postgres/store";
import Database from "better-sqlite3";
import pg from "pg";
import { copyCheckpoints, type CheckpointCopyProgress, type CheckpointCopyReport, type ThreadNamespace } from "./migrate-checkpoints.ts";
import { MigrateError } from "./migrate-error.ts";
import { copyStore, type StoreCopyReport } from "./migrate-store.ts";
import { verifyCopy, type VerifyDepth, type VerifyReport } from "./migrate-verify.ts";
import { openSqliteSaver } from "./sqlite-saver.ts";
import { SwitchyardSqliteStore } from "./sqlite-store.ts";
import { withSetupLock } from "./postgres-setup-lock.ts";

export interface MigrateOptions {
  /** The SQLite file `switchyard serve` (or app code) wrote. */
  from: string;
  /** postgres:// or postgresql:// URL. */
  to: string;
  /** Postgres schema of the saver's and store's tables; default "public" (what `storage: postgres://…` reads). */
  schema?: string;
  /** Compare every checkpoint (`history`, default) or each thread's latest state alone (`latest`). */
  verify?: VerifyDepth;
  /** (Thread, namespace) pairs copied at once. Default 4. */
  concurrency?: number;
  onProgress?: (line: string) => void;
}

export interface MigrateSummary {
  threads: number;
  checkpoints: CheckpointCopyReport;
  store: StoreCopyReport;
  verify: VerifyReport;
  elapsedMs: number;
}

/** The URL as it may be printed: a password in it is replaced. */
function shownUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");
}

const schemaPattern = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function checkInputs(options: MigrateOptions): void {
  if (!fs.existsSync(options.from)) throw new MigrateError("--from", `${options.from} does not exist. Fix: pass the SQLite file the server used (storage: in switchyard.yaml, default ./.switchyard/state.db).`);
  let probe: Database.Database;
  try {
    probe = new Database(options.from, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new MigrateError("--from", `${options.from} cannot be opened as SQLite (${(error as Error).message}). Fix: pass a switchyard state file.`, { cause: error });
  }
  try {
    const version = Number(probe.pragma("user_version", { simple: true }));
    const table = probe.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sy_checkpoints'").get();
    if (version === 0 || table === undefined) throw new MigrateError("--from", `${options.from} is SQLite but not a switchyard state file (no sy_checkpoints table, format ${version}). Fix: pass the file switchyard wrote.`);
  } catch (error) {
    if (error instanceof MigrateError) throw error;
    throw new MigrateError("--from", `${options.from} is not a readable SQLite file (${(error as Error).message}). Fix: pass a switchyard state file.`, { cause: error });
  } finally {
    probe.close();
  }
  if (!/^postgres(ql)?:\/\//.test(options.to)) throw new MigrateError("--to", `${JSON.stringify(shownUrl(options.to))} is not a postgres:// URL. Fix: e.g. --to postgresql://user@127.0.0.1:5432/switchyard.`);
  if (options.schema !== undefined && !schemaPattern.test(options.schema)) throw new MigrateError("--schema", `${JSON.stringify(options.schema)} is not a plain Postgres identifier. Fix: letters, digits and _ only, e.g. --schema switchyard.`);
}

/**
 * Copies a switchyard SQLite file into Postgres for scale-out: every thread's checkpoints in every namespace
 * (full history, pending writes, metadata) into the official PostgresSaver's tables and every store item into
 * the official PostgresStore's, then reads both back and compares. Safe to re-run: what the target already holds
 * is skipped, so a second run copies nothing and verifies again.
 *
 * @example
 * const summary = await migrateSqliteToPostgres({ from: ".switchyard/state.db", to: "postgresql://postgres@127.0.0.1/prod" });
 * if (summary.verify.mismatchCount > 0) process.exitCode = 1;
 */
export async function migrateSqliteToPostgres(options: MigrateOptions): Promise<MigrateSummary> {
  const started = performance.now();
  checkInputs(options);
  const schema = options.schema ?? "public";
  const say = options.onProgress ?? (() => undefined);
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const source = openSqliteSaver(options.from);
  const sourceStore = new SwitchyardSqliteStore(source.database);
  const pool = new pg.Pool({ connectionString: options.to, max: concurrency + 2 });
  const target = new PostgresSaver(pool, undefined, { schema });
  const targetStore = new PostgresStore({ connectionOptions: options.to, schema });
  try {
    try {
      await withSetupLock(options.to, async () => {
        await target.setup();
        await targetStore.setup();
      });
    } catch (error) {
      throw new MigrateError("--to", `cannot set up the saver and store tables in schema ${schema} (${(error as Error).message}). Fix: check the URL, that Postgres runs, and that the user may create tables there.`, { cause: error });
    }
    const rows = source.database.prepare("SELECT DISTINCT thread_id, checkpoint_ns FROM sy_checkpoints ORDER BY thread_id, checkpoint_ns").all() as Array<{ thread_id: string; checkpoint_ns: string }>;
    const lines: ThreadNamespace[] = rows.map((row) => ({ threadId: row.thread_id, checkpointNs: row.checkpoint_ns }));
    const total = Number(source.database.prepare("SELECT COUNT(*) FROM sy_checkpoints").pluck().get());
    say(`copying ${total} checkpoints of ${new Set(lines.map((line) => line.threadId)).size} threads (${lines.length} namespaces) to schema ${schema}`);
    let lastSaid = 0;
    const checkpoints = await copyCheckpoints({
      source,
      target,
      lines,
      concurrency,
      sourceIds: async (line) => source.database.prepare("SELECT checkpoint_id FROM sy_checkpoints WHERE thread_id = ? AND checkpoint_ns = ?").pluck().all(line.threadId, line.checkpointNs) as string[],
      existing: async (line) => {
        const found = await pool.query<{ checkpoint_id: string }>(`SELECT checkpoint_id FROM "${schema}".checkpoints WHERE thread_id = $1 AND checkpoint_ns = $2`, [line.threadId, line.checkpointNs]);
        return new Set(found.rows.map((row) => row.checkpoint_id));
      },
      onProgress: (progress: CheckpointCopyProgress) => {
        const now = performance.now();
        if (now - lastSaid < 1_000 && progress.linesDone < progress.lines) return;
        lastSaid = now;
        say(`  ${progress.copied + progress.skipped} of ${total} checkpoints (${progress.copied} copied, ${progress.skipped} already there), ${progress.linesDone} of ${progress.lines} namespaces`);
      },
    });
    say("copying store items");
    const store = await copyStore(sourceStore, targetStore);
    say(`  ${store.items} items (${store.copied} copied, ${store.skipped} already there)`);
    const counted = await pool.query<{ thread_id: string; checkpoint_ns: string; count: string }>(
      `SELECT thread_id, checkpoint_ns, COUNT(*) AS count FROM "${schema}".checkpoints WHERE thread_id = ANY($1) GROUP BY thread_id, checkpoint_ns`,
      [[...new Set(lines.map((line) => line.threadId))]],
    );
    const targetCounts = new Map(counted.rows.map((row) => [JSON.stringify([row.thread_id, row.checkpoint_ns]), Number(row.count)]));
    const sourceRows = source.database.prepare("SELECT thread_id, checkpoint_ns, COUNT(*) AS count FROM sy_checkpoints GROUP BY thread_id, checkpoint_ns").all() as Array<{ thread_id: string; checkpoint_ns: string; count: number }>;
    const sourceCounts = new Map(sourceRows.map((row) => [JSON.stringify([row.thread_id, row.checkpoint_ns]), row.count]));
    const depth = options.verify ?? "history";
    say(`verifying (${depth === "history" ? "every checkpoint" : "each thread's latest state"}, counts, store items)`);
    const verify = await verifyCopy({ source, target, sourceStore, targetStore, lines, targetCounts, sourceCounts, depth, concurrency });
    return { threads: new Set(lines.map((line) => line.threadId)).size, checkpoints, store, verify, elapsedMs: performance.now() - started };
  } finally {
    source.close();
    await Promise.allSettled([target.end(), targetStore.stop()]);
  }
}

import type Database from "better-sqlite3";
import { z } from "zod";
import { parseLinkRow, parseTaskJson } from "./a2a-task-rows.ts";
import type { A2aRunLink, A2aTaskState } from "./server-state.ts";

// A rowid table: a task row is about a kilobyte, and a WITHOUT ROWID table keeps whole rows in its key's
// b-tree, so each insert at a random task id moves kilobytes of its neighbours: 3.4 times the CPU of a rowid
// table's, and growing with the table (137 against 28 µs per task's two writes at 20,000 tasks: bench/a2a-task-rows.ts).
const tasksTable = "CREATE TABLE IF NOT EXISTS server_a2a_tasks (owner TEXT NOT NULL, a2a_task_id TEXT NOT NULL, task TEXT NOT NULL, saved_at INTEGER NOT NULL, PRIMARY KEY (owner, a2a_task_id))";
const schema = `
${tasksTable};
CREATE INDEX IF NOT EXISTS server_a2a_tasks_saved ON server_a2a_tasks (owner, saved_at);
CREATE TABLE IF NOT EXISTS server_a2a_token_ids (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS server_a2a_token_ids_expiry ON server_a2a_token_ids (expires_at);
CREATE TABLE IF NOT EXISTS server_a2a_runs (a2a_task_id TEXT PRIMARY KEY, run_id TEXT NOT NULL, thread_id TEXT NOT NULL, context_id TEXT NOT NULL, graph_id TEXT NOT NULL, open_turn INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
`;

/**
 * A file an earlier version wrote holds server_a2a_tasks as a WITHOUT ROWID table: copied once into the rowid
 * table, same columns and rows. IMMEDIATE, and checked again inside, so two servers opening the file rebuild it once.
 */
function rebuildWithRowids(database: Database.Database): void {
  const withoutRowid = () => {
    const sql: unknown = database.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'server_a2a_tasks'").pluck().get();
    return typeof sql === "string" && /without\s+rowid/i.test(sql);
  };
  if (!withoutRowid()) return;
  database
    .transaction(() => {
      if (!withoutRowid()) return;
      database.exec(`ALTER TABLE server_a2a_tasks RENAME TO server_a2a_tasks_before_rowid;
DROP INDEX IF EXISTS server_a2a_tasks_saved;
${tasksTable};
INSERT INTO server_a2a_tasks (owner, a2a_task_id, task, saved_at) SELECT owner, a2a_task_id, task, saved_at FROM server_a2a_tasks_before_rowid;
DROP TABLE server_a2a_tasks_before_rowid;`);
    })
    .immediate();
}

/** Expired token ids are deleted once per this many claims: the table holds about a token lifetime of requests. */
const sweepEvery = 256;

const listed = z.array(z.object({ a2a_task_id: z.string(), task: z.string() }));

/**
 * A2A tasks in the server's SQLite file, beside its threads and runs. Statements are prepared once: the
 * SDK saves a task at every state change of every A2A request.
 */
export class SqliteA2aTasks implements A2aTaskState {
  readonly #save: Database.Statement;
  readonly #get: Database.Statement;
  readonly #list: Database.Statement;
  readonly #link: Database.Statement;
  readonly #linkOf: Database.Statement;
  readonly #claim: Database.Statement;
  readonly #sweep: Database.Statement;
  readonly #now: () => number;
  #claimsSinceSweep = 0;

  constructor(database: Database.Database, now: () => number) {
    rebuildWithRowids(database);
    database.exec(schema);
    this.#now = now;
    this.#save = database.prepare("INSERT INTO server_a2a_tasks (owner, a2a_task_id, task, saved_at) VALUES (?, ?, ?, ?) ON CONFLICT (owner, a2a_task_id) DO UPDATE SET task = excluded.task, saved_at = excluded.saved_at");
    this.#get = database.prepare("SELECT task FROM server_a2a_tasks WHERE owner = ? AND a2a_task_id = ?").pluck();
    this.#list = database.prepare("SELECT a2a_task_id, task FROM server_a2a_tasks WHERE owner = ? ORDER BY saved_at DESC, a2a_task_id DESC LIMIT ?");
    this.#link = database.prepare("INSERT INTO server_a2a_runs (a2a_task_id, run_id, thread_id, context_id, graph_id, open_turn) VALUES (@a2a_task_id, @run_id, @thread_id, @context_id, @graph_id, @open_turn) ON CONFLICT (a2a_task_id) DO UPDATE SET run_id = excluded.run_id, thread_id = excluded.thread_id, context_id = excluded.context_id, graph_id = excluded.graph_id, open_turn = excluded.open_turn");
    this.#linkOf = database.prepare("SELECT run_id, thread_id, context_id, graph_id, open_turn FROM server_a2a_runs WHERE a2a_task_id = ?");
    // An expired claim may be taken again (its token no longer verifies anyway); a live one may not.
    this.#claim = database.prepare("INSERT INTO server_a2a_token_ids (id, expires_at) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at WHERE server_a2a_token_ids.expires_at <= ?");
    this.#sweep = database.prepare("DELETE FROM server_a2a_token_ids WHERE expires_at <= ?");
  }

  async claimTokenId(id: string, expiresAtMs: number): Promise<boolean> {
    const now = this.#now();
    if (++this.#claimsSinceSweep >= sweepEvery) {
      this.#claimsSinceSweep = 0;
      this.#sweep.run(now);
    }
    return this.#claim.run(id, expiresAtMs, now).changes === 1;
  }

  async saveTask(owner: string, taskId: string, task: Record<string, unknown>): Promise<void> {
    this.#save.run(owner, taskId, JSON.stringify(task), this.#now());
  }

  async task(owner: string, taskId: string): Promise<Record<string, unknown> | undefined> {
    const text: unknown = this.#get.get(owner, taskId);
    return typeof text === "string" ? parseTaskJson(text, "server_a2a_tasks") : undefined;
  }

  async tasks(owner: string, limit: number): Promise<Array<{ taskId: string; task: Record<string, unknown> }>> {
    return listed.parse(this.#list.all(owner, limit)).map((row) => ({ taskId: row.a2a_task_id, task: parseTaskJson(row.task, "server_a2a_tasks") }));
  }

  async linkRun(taskId: string, link: A2aRunLink): Promise<void> {
    this.#link.run({ a2a_task_id: taskId, run_id: link.run_id, thread_id: link.thread_id, context_id: link.context_id, graph_id: link.graph_id, open_turn: link.open_turn === true ? 1 : 0 });
  }

  async runLink(taskId: string): Promise<A2aRunLink | undefined> {
    const row: unknown = this.#linkOf.get(taskId);
    return row === undefined ? undefined : parseLinkRow(row);
  }
}

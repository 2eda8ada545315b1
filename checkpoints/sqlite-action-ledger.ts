import type Database from "better-sqlite3";
import { z } from "zod";
import { LedgerForkError } from "../src/errors.ts";
import { withBusyRetry } from "./busy-retry.ts";
import { CorruptRowError } from "./corrupt-row-error.ts";
import { entryOf, ledgerRowSchema, scopedCountsOf, type Admit, type Append, type Entry, type NewEntry, type ScopedCounts } from "./ledger-entry.ts";
import { describeFile } from "./database.ts";

const argsSchema = z.record(z.string(), z.unknown());

const schemaSql = `
  CREATE TABLE IF NOT EXISTS sy_action_ledger (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, root TEXT NOT NULL, thread_id TEXT NOT NULL, kind TEXT NOT NULL,
    call_id TEXT NOT NULL, action TEXT NOT NULL, args TEXT NOT NULL, at INTEGER NOT NULL,
    UNIQUE (root, kind, call_id));
  CREATE INDEX IF NOT EXISTS sy_action_ledger_root ON sy_action_ledger (root, seq);
  CREATE INDEX IF NOT EXISTS sy_action_ledger_call ON sy_action_ledger (call_id);
  CREATE TABLE IF NOT EXISTS sy_ledger_lineage (thread_id TEXT PRIMARY KEY, root TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS sy_action_scope (scope TEXT NOT NULL, action TEXT NOT NULL, seq INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS sy_action_scope_count ON sy_action_scope (scope, action);`;

/**
 * The ledger of executed actions as a table beside the checkpoints, in the same SQLite file: every process
 * that opens the file sees the same counts. An append reads the lineage, runs the admit check and inserts
 * in one IMMEDIATE transaction (the write lock is taken first), and `UNIQUE (root, kind, call_id)` makes a
 * replayed call a duplicate: two processes can never both take the last refund slot or run one call twice.
 * There is no UPDATE or DELETE statement: the table is append-only.
 *
 * @example
 * const ledger = new SqliteActionLedger(saver.database);
 * await ledger.append("t1", { kind: "executed", callId: "c1", action: "refund", args: { amount: 40 } }, admit);
 */
export class SqliteActionLedger {
  readonly #database: Database.Database;
  readonly #now: () => number;
  readonly #statements: { root: Database.Statement; lineage: Database.Statement; insert: Database.Statement; scope: Database.Statement };

  constructor(database: Database.Database, config: { now?: () => number } = {}) {
    this.#database = database;
    this.#now = config.now ?? Date.now;
    database.exec(schemaSql);
    this.#statements = {
      root: database.prepare("SELECT root FROM sy_ledger_lineage WHERE thread_id = ?"),
      lineage: database.prepare("SELECT seq, thread_id, kind, call_id, action, args, at FROM sy_action_ledger WHERE root = ? ORDER BY seq"),
      insert: database.prepare("INSERT INTO sy_action_ledger (root, thread_id, kind, call_id, action, args, at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
      scope: database.prepare("INSERT INTO sy_action_scope (scope, action, seq) VALUES (?, ?, ?)"),
    };
  }

  #root(threadId: string): string {
    const row = this.#statements.root.get(threadId) as { root?: unknown } | undefined;
    return typeof row?.root === "string" ? row.root : threadId;
  }

  #lineage(root: string): Entry[] {
    return this.#statements.lineage.all(root).map((raw) => this.#parse(raw));
  }

  #parse(raw: unknown): Entry {
    const row = ledgerRowSchema.safeParse(raw);
    const args = row.success ? argsSchema.safeParse(typeof row.data.args === "string" ? safeJson(row.data.args) : undefined) : undefined;
    if (!row.success || args === undefined || !args.success) {
      const key = typeof raw === "object" && raw !== null && "seq" in raw ? String(raw.seq) : "?";
      throw new CorruptRowError("checkpoint", { file: describeFile(this.#database), table: "sy_action_ledger", rowKey: key, problem: row.success ? "args is not a JSON object" : (row.error.issues[0]?.message ?? "invalid") });
    }
    return entryOf(row.data, args.data);
  }

  async entries(threadId: string): Promise<readonly Entry[]> {
    return this.#lineage(this.#root(threadId));
  }

  async append(threadId: string, entry: NewEntry, admit?: Admit): Promise<Append> {
    const transaction = this.#database.transaction((): Append => {
      const root = this.#root(threadId);
      const lineage = this.#lineage(root);
      const existing = lineage.find((row) => row.kind === entry.kind && row.callId === entry.callId);
      if (existing !== undefined) return { status: "duplicate", entry: existing };
      // IMMEDIATE holds the file's write lock: counts across threads cannot change before the insert.
      const reason = admit?.(lineage, this.#counts(entry.scopes ?? []));
      if (reason !== undefined) return { status: "refused", reason };
      const at = this.#now();
      const result = this.#statements.insert.run(root, threadId, entry.kind, entry.callId, entry.action, JSON.stringify(entry.args), at);
      const seq = Number(result.lastInsertRowid);
      for (const scope of entry.scopes ?? []) this.#statements.scope.run(scope, entry.action, seq);
      const { scopes: _scopes, ...rest } = entry;
      return { status: "appended", entry: { ...rest, seq, threadId, at } };
    });
    return withBusyRetry(() => transaction.immediate());
  }

  #counts(scopes: readonly string[]): ScopedCounts {
    if (scopes.length === 0) return {};
    const rows = this.#database.prepare(`SELECT scope, action, COUNT(*) AS n FROM sy_action_scope WHERE scope IN (${scopes.map(() => "?").join(", ")}) GROUP BY scope, action`).all(...scopes);
    return scopedCountsOf(rows);
  }

  async scopedCounts(scopes: readonly string[]): Promise<ScopedCounts> {
    return this.#counts(scopes);
  }

  async threadOfCall(callId: string): Promise<string | undefined> {
    const row = this.#database.prepare("SELECT thread_id FROM sy_action_ledger WHERE call_id = ? AND kind = 'executed' LIMIT 1").get(callId) as { thread_id?: unknown } | undefined;
    return typeof row?.thread_id === "string" ? row.thread_id : undefined;
  }

  async fork(parentThreadId: string, childThreadId: string): Promise<void> {
    const transaction = this.#database.transaction(() => {
      const root = this.#root(parentThreadId);
      const current = this.#database.prepare("SELECT root FROM sy_ledger_lineage WHERE thread_id = ?").get(childThreadId) as { root?: unknown } | undefined;
      if (current?.root === root) return;
      if (current !== undefined) throw new LedgerForkError(parentThreadId, childThreadId, `it already belongs to the lineage of "${String(current.root)}"`);
      if (this.#database.prepare("SELECT 1 FROM sy_action_ledger WHERE thread_id = ? AND kind <> 'fact' LIMIT 1").get(childThreadId) !== undefined) {
        throw new LedgerForkError(parentThreadId, childThreadId, "it already has a ledger of its own");
      }
      if (root === childThreadId) return;
      this.#database.prepare("INSERT INTO sy_ledger_lineage (thread_id, root) VALUES (?, ?)").run(childThreadId, root);
      // Facts the application set on the new thread are not history: copied into the lineage (appended, not moved).
      this.#database
        .prepare("INSERT INTO sy_action_ledger (root, thread_id, kind, call_id, action, args, at) SELECT ?, thread_id, kind, call_id, action, args, at FROM sy_action_ledger WHERE thread_id = ? AND root = ? AND kind = 'fact' ORDER BY seq")
        .run(root, childThreadId, childThreadId);
    });
    await withBusyRetry(() => transaction.immediate());
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

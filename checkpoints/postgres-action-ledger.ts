import pg from "pg";
import { withSetupLock } from "./postgres-setup-lock.ts";
import { z } from "zod";
import { LedgerForkError } from "../src/errors.ts";
import { entryOf, ledgerRowSchema, scopedCountsOf, type Admit, type Append, type Entry, type NewEntry, type ScopedCounts } from "./ledger-entry.ts";

const argsSchema = z.record(z.string(), z.unknown());
const toEntry = (raw: unknown): Entry => {
  const row = ledgerRowSchema.parse(raw);
  return entryOf(row, argsSchema.parse(row.args));
};

/**
 * The ledger of executed actions in Postgres, beside the official PostgresSaver's tables, for deployments whose
 * checkpoints live there. An append takes a transaction-scoped advisory lock on the lineage's root, reads it,
 * runs the admit check and inserts before committing, so replicas on one database serialise per lineage;
 * `UNIQUE (root, kind, call_id)` makes a replayed call a duplicate. No UPDATE or DELETE: append-only.
 *
 * @example
 * const ledger = await PostgresActionLedger.open("postgresql://127.0.0.1/app");
 */
export class PostgresActionLedger {
  readonly #pool: pg.Pool;
  readonly #now: () => number;
  readonly #entries: string;
  readonly #lineage: string;
  readonly #scopes: string;

  private constructor(pool: pg.Pool, schema: string, now: () => number) {
    this.#pool = pool;
    this.#now = now;
    this.#entries = `${schema}.switchyard_action_ledger`;
    this.#lineage = `${schema}.switchyard_ledger_lineage`;
    this.#scopes = `${schema}.switchyard_action_scope`;
  }

  /** Connects and creates the tables (and schema) when missing. */
  static async open(url: string, config: { schema?: string; now?: () => number } = {}): Promise<PostgresActionLedger> {
    const schema = `"${(config.schema ?? "public").replaceAll('"', '""')}"`;
    const ledger = new PostgresActionLedger(new pg.Pool({ connectionString: url, max: 4 }), schema, config.now ?? Date.now);
    try {
      // Two processes opening the ledger at once would race on the DDL (see withSetupLock).
      await withSetupLock(url, async () => {
        await ledger.#pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        await ledger.#pool.query(`CREATE TABLE IF NOT EXISTS ${ledger.#entries} (
          seq BIGSERIAL PRIMARY KEY, root TEXT NOT NULL, thread_id TEXT NOT NULL, kind TEXT NOT NULL, call_id TEXT NOT NULL,
          action TEXT NOT NULL, args JSONB NOT NULL, at BIGINT NOT NULL, UNIQUE (root, kind, call_id))`);
        await ledger.#pool.query(`CREATE TABLE IF NOT EXISTS ${ledger.#lineage} (thread_id TEXT PRIMARY KEY, root TEXT NOT NULL)`);
        await ledger.#pool.query(`CREATE INDEX IF NOT EXISTS switchyard_action_ledger_call ON ${ledger.#entries} (call_id)`);
        await ledger.#pool.query(`CREATE TABLE IF NOT EXISTS ${ledger.#scopes} (scope TEXT NOT NULL, action TEXT NOT NULL, seq BIGINT NOT NULL)`);
        await ledger.#pool.query(`CREATE INDEX IF NOT EXISTS switchyard_action_scope_count ON ${ledger.#scopes} (scope, action)`);
      });
    } catch (error) {
      await ledger.#pool.end();
      throw error;
    }
    return ledger;
  }

  async #root(client: pg.PoolClient | pg.Pool, threadId: string): Promise<string> {
    const result = await client.query(`SELECT root FROM ${this.#lineage} WHERE thread_id = $1`, [threadId]);
    const root: unknown = result.rows[0]?.root;
    return typeof root === "string" ? root : threadId;
  }

  async #read(client: pg.PoolClient | pg.Pool, root: string): Promise<Entry[]> {
    const result = await client.query(`SELECT seq, thread_id, kind, call_id, action, args, at FROM ${this.#entries} WHERE root = $1 ORDER BY seq`, [root]);
    return result.rows.map(toEntry);
  }

  async entries(threadId: string): Promise<readonly Entry[]> {
    return this.#read(this.#pool, await this.#root(this.#pool, threadId));
  }

  async append(threadId: string, entry: NewEntry, admit?: Admit): Promise<Append> {
    const client = await this.#pool.connect();
    try {
      await client.query("BEGIN");
      const root = await this.#root(client, threadId);
      const scopes = [...new Set(entry.scopes ?? [])].sort();
      // One writer per scope (sorted: every process locks in the same order, no deadlock), then per lineage,
      // across every replica: the check and the insert see the same rows.
      for (const scope of scopes) await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 1))", [scope]);
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [root]);
      const lineage = await this.#read(client, root);
      const existing = lineage.find((row) => row.kind === entry.kind && row.callId === entry.callId);
      const reason = existing === undefined ? admit?.(lineage, await this.#counts(client, scopes)) : undefined;
      if (existing !== undefined || reason !== undefined) {
        await client.query("ROLLBACK");
        return existing !== undefined ? { status: "duplicate", entry: existing } : { status: "refused", reason: reason ?? "" };
      }
      const at = this.#now();
      const inserted = await client.query(`INSERT INTO ${this.#entries} (root, thread_id, kind, call_id, action, args, at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING seq`, [
        root,
        threadId,
        entry.kind,
        entry.callId,
        entry.action,
        JSON.stringify(entry.args),
        at,
      ]);
      const seq = Number(inserted.rows[0]?.seq);
      for (const scope of scopes) await client.query(`INSERT INTO ${this.#scopes} (scope, action, seq) VALUES ($1, $2, $3)`, [scope, entry.action, seq]);
      await client.query("COMMIT");
      const { scopes: _scopes, ...rest } = entry;
      return { status: "appended", entry: { ...rest, seq, threadId, at } };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async #counts(client: pg.PoolClient | pg.Pool, scopes: readonly string[]): Promise<ScopedCounts> {
    if (scopes.length === 0) return {};
    const result = await client.query(`SELECT scope, action, COUNT(*) AS n FROM ${this.#scopes} WHERE scope = ANY($1::text[]) GROUP BY scope, action`, [[...scopes]]);
    return scopedCountsOf(result.rows);
  }

  async scopedCounts(scopes: readonly string[]): Promise<ScopedCounts> {
    return this.#counts(this.#pool, scopes);
  }

  async threadOfCall(callId: string): Promise<string | undefined> {
    const result = await this.#pool.query(`SELECT thread_id FROM ${this.#entries} WHERE call_id = $1 AND kind = 'executed' LIMIT 1`, [callId]);
    const threadId: unknown = result.rows[0]?.thread_id;
    return typeof threadId === "string" ? threadId : undefined;
  }

  async fork(parentThreadId: string, childThreadId: string): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await client.query("BEGIN");
      const root = await this.#root(client, parentThreadId);
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [root]);
      const current = await client.query(`SELECT root FROM ${this.#lineage} WHERE thread_id = $1`, [childThreadId]);
      const currentRoot: unknown = current.rows[0]?.root;
      if (currentRoot === root) {
        await client.query("COMMIT");
        return;
      }
      if (currentRoot !== undefined) throw new LedgerForkError(parentThreadId, childThreadId, `it already belongs to the lineage of "${String(currentRoot)}"`);
      const own = await client.query(`SELECT 1 FROM ${this.#entries} WHERE thread_id = $1 AND kind <> 'fact' LIMIT 1`, [childThreadId]);
      if (own.rowCount !== null && own.rowCount > 0) throw new LedgerForkError(parentThreadId, childThreadId, "it already has a ledger of its own");
      if (root !== childThreadId) {
        await client.query(`INSERT INTO ${this.#lineage} (thread_id, root) VALUES ($1, $2)`, [childThreadId, root]);
        // Facts the application set on the new thread are not history: copied into the lineage (appended, not moved).
        await client.query(
          `INSERT INTO ${this.#entries} (root, thread_id, kind, call_id, action, args, at) SELECT $1, thread_id, kind, call_id, action, args, at FROM ${this.#entries} WHERE thread_id = $2 AND root = $2 AND kind = 'fact' ORDER BY seq`,
          [root, childThreadId],
        );
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

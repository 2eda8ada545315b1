import {
  BaseStore,
  validateNamespace,
  type GetOperation,
  type Item,
  type ListNamespacesOperation,
  type Operation,
  type OperationResults,
  type PutOperation,
  type SearchItem,
  type SearchOperation,
} from "@langchain/langgraph-checkpoint";
import type Database from "better-sqlite3";
import { withBusyRetry, type BusyRetryOptions } from "./busy-retry.ts";
import { CorruptRowError } from "./corrupt-row-error.ts";
import { openDatabase, type DatabaseConfig } from "./database.ts";
import { describeIssue, storeRowSchema } from "./rows.ts";
import { buildFilterSql } from "./store-filter.ts";
import { decodeNamespace, encodeNamespace, literalPrefix, prefixClause, selectNamespaces } from "./store-namespaces.ts";

/** Construction options of SwitchyardSqliteStore. */
export interface SqliteStoreConfig extends DatabaseConfig {
  /** Clock in epoch milliseconds for timestamps and expiry; inject one in tests. */
  now?: () => number;
  ttl?: {
    /** Minutes an item lives after its last write (or read, with refreshOnRead) when put gives no ttl. */
    defaultTtlMinutes?: number;
    /** Reading an item with a TTL (get, search) restarts its clock; default true. */
    refreshOnRead?: boolean;
  };
  busyRetry?: BusyRetryOptions;
}

/** Per-item options of put. */
export interface StorePutOptions {
  /** Minutes until the item expires; null for never; omitted for the store's default. */
  ttl?: number | null;
}

type TimedPut = PutOperation & { ttl?: number | null };
const columns = "namespace, key, value, created_at, updated_at, ttl_ms, expires_at";
const live = "(expires_at IS NULL OR expires_at > @now)";

/**
 * A LangGraph BaseStore on SQLite: namespaced JSON items with filters, namespace listing and TTL. It can
 * share one file with SwitchyardSqliteSaver. Semantic `query` search is not supported (no embeddings); a
 * query is ignored, as InMemoryStore without an index does.
 *
 * @example
 * const store = openSqliteStore("./state.db", { ttl: { defaultTtlMinutes: 60 } });
 * await store.put(["users", "u1"], "prefs", { theme: "dark" });
 * const items = await store.search(["users"], { filter: { theme: "dark" } });
 */
export class SwitchyardSqliteStore extends BaseStore {
  readonly database: Database.Database;
  private readonly now: () => number;
  private readonly defaultTtlMs: number | null;
  private readonly refreshOnRead: boolean;
  private readonly busyRetry: BusyRetryOptions;
  private readonly statements: Record<"get" | "upsert" | "remove" | "refresh" | "sweep", Database.Statement>;
  private readonly runBatch: Database.Transaction<(operations: Operation[], now: number) => unknown[]>;

  constructor(database: Database.Database, config: SqliteStoreConfig = {}) {
    super();
    this.database = database;
    this.now = config.now ?? Date.now;
    const minutes = config.ttl?.defaultTtlMinutes;
    this.defaultTtlMs = minutes === undefined ? null : minutes * 60_000;
    this.refreshOnRead = config.ttl?.refreshOnRead ?? true;
    this.busyRetry = config.busyRetry ?? {};
    this.statements = {
      get: database.prepare(`SELECT ${columns} FROM sy_store WHERE namespace = @namespace AND key = @key AND ${live}`),
      upsert: database.prepare(`INSERT INTO sy_store (${columns})
        VALUES (@namespace, @key, @value, @now, @now, @ttl, @expires)
        ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
          ttl_ms = excluded.ttl_ms, expires_at = excluded.expires_at,
          created_at = CASE WHEN sy_store.expires_at IS NOT NULL AND sy_store.expires_at <= excluded.updated_at
            THEN excluded.created_at ELSE sy_store.created_at END`),
      remove: database.prepare("DELETE FROM sy_store WHERE namespace = ? AND key = ?"),
      refresh: database.prepare("UPDATE sy_store SET expires_at = ? + ttl_ms WHERE namespace = ? AND key = ? AND ttl_ms IS NOT NULL"),
      sweep: database.prepare("DELETE FROM sy_store WHERE expires_at IS NOT NULL AND expires_at <= ?"),
    };
    this.runBatch = database.transaction((operations: Operation[], now: number) =>
      operations.map((operation) => this.execute(operation, now)),
    );
  }

  /** Runs the operations in order inside one transaction; a later get sees an earlier put of the same batch. */
  async batch<Op extends Operation[]>(operations: Op): Promise<OperationResults<Op>> {
    for (const operation of operations) {
      if ("value" in operation) validateNamespace(operation.namespace, { allowReservedRoot: true });
    }
    const results = await withBusyRetry(() => this.runBatch.immediate(operations, this.now()), this.busyRetry);
    return results as OperationResults<Op>;
  }

  /** put with an optional per-item TTL in minutes (BaseStore's put has no room for one). */
  override async put(
    namespace: string[],
    key: string,
    value: Record<string, unknown>,
    index?: false | string[],
    options: StorePutOptions = {},
  ): Promise<void> {
    validateNamespace(namespace);
    const operation: TimedPut = { namespace, key, value, index };
    if (options.ttl !== undefined) operation.ttl = options.ttl;
    await this.batch([operation]);
  }

  /** Deletes every expired item; returns how many. Expired items are already invisible before a sweep. */
  sweep(): number {
    return Number(this.statements.sweep.run(this.now()).changes);
  }

  /** Closes the database connection. */
  close(): void {
    this.database.close();
  }

  override stop(): void {
    if (this.database.open) this.close();
  }

  private execute(operation: Operation, now: number): unknown {
    if ("namespacePrefix" in operation) return this.search_(operation, now);
    if ("value" in operation) return this.put_(operation as TimedPut, now);
    if ("key" in operation) return this.get_(operation, now);
    return this.listNamespaces_(operation, now);
  }

  private get_(operation: GetOperation, now: number): Item | null {
    const namespace = encodeNamespace(operation.namespace);
    const raw = this.statements.get.get({ namespace, key: operation.key, now });
    if (raw === undefined) return null;
    const item = this.toItem(raw);
    if (this.refreshOnRead) this.statements.refresh.run(now, namespace, operation.key);
    return item;
  }

  private put_(operation: TimedPut, now: number): void {
    const namespace = encodeNamespace(operation.namespace);
    if (operation.value === null) {
      this.statements.remove.run(namespace, operation.key);
      return;
    }
    const ttl = operation.ttl === undefined ? this.defaultTtlMs : operation.ttl === null ? null : operation.ttl * 60_000;
    this.statements.upsert.run({
      namespace,
      key: operation.key,
      value: JSON.stringify(operation.value),
      now,
      ttl,
      expires: ttl === null ? null : now + ttl,
    });
  }

  private search_(operation: SearchOperation, now: number): SearchItem[] {
    const where = [live];
    const parameters: unknown[] = [];
    const prefix = prefixClause(operation.namespacePrefix);
    if (prefix !== undefined) {
      where.push(prefix.clause);
      parameters.push(...prefix.parameters);
    }
    const filter = buildFilterSql(operation.filter);
    where.push(...filter.clauses);
    parameters.push(...filter.parameters);
    const sql = `SELECT ${columns} FROM sy_store WHERE ${where.join(" AND ")}
      ORDER BY updated_at DESC, namespace, key LIMIT ? OFFSET ?`;
    const positional = sql.replace("@now", "?");
    const rows = this.database.prepare(positional).all(now, ...parameters, operation.limit ?? 10, operation.offset ?? 0);
    const items = rows.map((raw) => this.toItem(raw));
    if (this.refreshOnRead) {
      for (const item of items) this.statements.refresh.run(now, encodeNamespace(item.namespace), item.key);
    }
    return items;
  }

  private listNamespaces_(operation: ListNamespacesOperation, now: number): string[][] {
    const where = [live.replace("@now", "?")];
    const parameters: unknown[] = [now];
    const prefix = prefixClause(literalPrefix(operation.matchConditions));
    if (prefix !== undefined) {
      where.push(prefix.clause);
      parameters.push(...prefix.parameters);
    }
    const rows = this.database.prepare(`SELECT DISTINCT namespace FROM sy_store WHERE ${where.join(" AND ")}`).pluck().all(...parameters);
    return selectNamespaces(rows as string[], {
      matchConditions: operation.matchConditions,
      maxDepth: operation.maxDepth,
      limit: operation.limit ?? 100,
      offset: operation.offset ?? 0,
    });
  }

  private toItem(raw: unknown): Item {
    const parsed = storeRowSchema.safeParse(raw);
    const record = (raw ?? {}) as Record<string, unknown>;
    const rowKey = `(namespace ${JSON.stringify(record.namespace)}, key ${JSON.stringify(record.key)})`;
    const fail = (problem: string, cause?: unknown) =>
      new CorruptRowError("store", { file: this.database.name, table: "sy_store", rowKey, problem }, { cause });
    if (!parsed.success) throw fail(describeIssue(parsed.error));
    let value: unknown;
    try {
      value = JSON.parse(parsed.data.value);
    } catch (error) {
      throw fail("value is not JSON", error);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw fail("value is not a JSON object");
    return {
      namespace: decodeNamespace(parsed.data.namespace),
      key: parsed.data.key,
      value: value as Record<string, unknown>,
      createdAt: new Date(parsed.data.created_at),
      updatedAt: new Date(parsed.data.updated_at),
    };
  }
}

/**
 * Opens (or creates) a store file, or an in-memory one for `":memory:"`. May be the saver's file.
 *
 * @example
 * const store = openSqliteStore(":memory:", { now: () => clock.now });
 */
export function openSqliteStore(pathOrMemory: string, config: SqliteStoreConfig = {}): SwitchyardSqliteStore {
  return new SwitchyardSqliteStore(openDatabase(pathOrMemory, config), config);
}

import type Database from "better-sqlite3";
import { withBusyRetry } from "./busy-retry.ts";
import { CorruptRowError } from "./corrupt-row-error.ts";
import { describeFile } from "./database.ts";
import { leaseFromRow, leaseRowSchema } from "./lease-row.ts";
import { defaultLeaseTiming, leaseIsLive, type AcquireOptions, type AcquireResult, type LeaseOwner, type ThreadLease, type ThreadLeases } from "./thread-leases.ts";

export interface SqliteThreadLeasesConfig {
  ttlMs?: number;
  now?: () => number;
}

/**
 * Thread leases in the `sy_thread_leases` and `sy_lease_instances` tables of a switchyard SQLite file
 * (created by format 4 in database.ts). Every change is one statement or one IMMEDIATE transaction, so two
 * processes on one file never both win.
 *
 * @example
 * const leases = new SqliteThreadLeases(saver.database, { ttlMs: 15_000 });
 * const result = await leases.acquire("t1", { instanceId, runId });
 */
export class SqliteThreadLeases implements ThreadLeases {
  readonly ttlMs: number;
  readonly #database: Database.Database;
  readonly #now: () => number;
  /** Prepared once per SQL text: every run takes and frees a lease, and preparing costs more than running. */
  readonly #statements = new Map<string, Database.Statement>();

  constructor(database: Database.Database, config: SqliteThreadLeasesConfig = {}) {
    this.#database = database;
    this.ttlMs = config.ttlMs ?? defaultLeaseTiming.ttlMs;
    this.#now = config.now ?? Date.now;
  }

  #prepare(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#database.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #parse(row: unknown): ThreadLease {
    const parsed = leaseRowSchema.safeParse(row);
    if (!parsed.success) {
      const key = typeof row === "object" && row !== null && "thread_id" in row ? String(row.thread_id) : "?";
      throw new CorruptRowError("checkpoint", { file: describeFile(this.#database), table: "sy_thread_leases", rowKey: key, problem: parsed.error.issues[0]?.message ?? "invalid" });
    }
    return leaseFromRow(parsed.data);
  }

  async acquire(threadId: string, owner: LeaseOwner, options: AcquireOptions = {}): Promise<AcquireResult> {
    const now = this.#now();
    const expires = now + this.ttlMs;
    // One statement: insert, or overwrite a row that expired or is already ours; otherwise change nothing.
    const taken = await withBusyRetry(
      () =>
        this
          .#prepare(
            `INSERT INTO sy_thread_leases (thread_id, instance_id, run_id, acquired_at, heartbeat_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (thread_id) DO UPDATE SET instance_id = excluded.instance_id, run_id = excluded.run_id,
               acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at
             WHERE sy_thread_leases.expires_at <= excluded.acquired_at
               OR (sy_thread_leases.instance_id = excluded.instance_id AND sy_thread_leases.run_id = excluded.run_id)`,
          )
          .run(threadId, owner.instanceId, owner.runId, now, now, expires).changes,
    );
    const lease: ThreadLease = { threadId, ...owner, acquiredAt: now, heartbeatAt: now, expiresAt: expires };
    if (taken === 1) return { acquired: true, lease };
    const holder = await this.holder(threadId);
    if (holder === undefined) return this.acquire(threadId, owner, options);
    if (options.takeOver?.(holder) === true || !leaseIsLive(holder, now)) {
      // Compare-and-swap on the row we judged: a third process that took it meanwhile keeps it.
      const swapped = await withBusyRetry(
        () =>
          this
            .#prepare(
              `UPDATE sy_thread_leases SET instance_id = ?, run_id = ?, acquired_at = ?, heartbeat_at = ?, expires_at = ?
               WHERE thread_id = ? AND instance_id = ? AND run_id = ? AND heartbeat_at = ?`,
            )
            .run(owner.instanceId, owner.runId, now, now, expires, threadId, holder.instanceId, holder.runId, holder.heartbeatAt).changes,
      );
      if (swapped === 1) return { acquired: true, lease };
      const current = await this.holder(threadId);
      if (current !== undefined) return { acquired: false, holder: current };
      return this.acquire(threadId, owner, {});
    }
    return { acquired: false, holder };
  }

  async handOff(threadId: string, from: LeaseOwner, toRunId: string): Promise<boolean> {
    const now = this.#now();
    return (
      (await withBusyRetry(
        () =>
          this
            .#prepare("UPDATE sy_thread_leases SET run_id = ?, heartbeat_at = ?, expires_at = ? WHERE thread_id = ? AND instance_id = ? AND run_id = ?")
            .run(toRunId, now, now + this.ttlMs, threadId, from.instanceId, from.runId).changes,
      )) === 1
    );
  }

  async release(threadId: string, owner: LeaseOwner): Promise<boolean> {
    return (
      (await withBusyRetry(
        () => this.#prepare("DELETE FROM sy_thread_leases WHERE thread_id = ? AND instance_id = ? AND run_id = ?").run(threadId, owner.instanceId, owner.runId).changes,
      )) === 1
    );
  }

  async holder(threadId: string): Promise<ThreadLease | undefined> {
    const row: unknown = this.#prepare("SELECT * FROM sy_thread_leases WHERE thread_id = ?").get(threadId);
    return row === undefined ? undefined : this.#parse(row);
  }

  async beat(instanceId: string): Promise<string[]> {
    const now = this.#now();
    const expires = now + this.ttlMs;
    return withBusyRetry(() =>
      this.#database
        .transaction(() => {
          this
            .#prepare(
              `INSERT INTO sy_lease_instances (instance_id, started_at, heartbeat_at, expires_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at`,
            )
            .run(instanceId, now, now, expires);
          this.#prepare("UPDATE sy_thread_leases SET heartbeat_at = ?, expires_at = ? WHERE instance_id = ?").run(now, expires, instanceId);
          const rows = this.#prepare("SELECT thread_id FROM sy_thread_leases WHERE instance_id = ?").pluck().all(instanceId);
          return rows.map(String);
        })
        .immediate(),
    );
  }

  async instanceAlive(instanceId: string): Promise<boolean> {
    const expires: unknown = this.#prepare("SELECT expires_at FROM sy_lease_instances WHERE instance_id = ?").pluck().get(instanceId);
    return typeof expires === "number" && expires > this.#now();
  }

  async retire(instanceId: string): Promise<void> {
    if (!this.#database.open) return;
    await withBusyRetry(() =>
      this.#database
        .transaction(() => {
          this.#prepare("DELETE FROM sy_thread_leases WHERE instance_id = ?").run(instanceId);
          this.#prepare("DELETE FROM sy_lease_instances WHERE instance_id = ?").run(instanceId);
        })
        .immediate(),
    );
  }

  /** The connection belongs to the saver that opened it; nothing to close here. */
  async close(): Promise<void> {}
}

import pg from "pg";
import { leaseFromRow, leaseRowSchema } from "./lease-row.ts";
import { defaultLeaseTiming, leaseIsLive, type AcquireOptions, type AcquireResult, type LeaseOwner, type ThreadLease, type ThreadLeases } from "./thread-leases.ts";

export interface PostgresThreadLeasesConfig {
  /** Schema of the two tables; default "public". */
  schema?: string;
  ttlMs?: number;
  now?: () => number;
}

function toLease(row: unknown): ThreadLease {
  return leaseFromRow(leaseRowSchema.parse(row));
}

/**
 * Thread leases in Postgres (`switchyard_thread_leases`, `switchyard_lease_instances`) when the checkpoints
 * live there: the same statements as the SQLite leases, so replicas on one database share one lease per thread.
 *
 * @example
 * const leases = await PostgresThreadLeases.open("postgresql://127.0.0.1/app");
 */
export class PostgresThreadLeases implements ThreadLeases {
  readonly ttlMs: number;
  readonly #pool: pg.Pool;
  readonly #now: () => number;
  readonly #leases: string;
  readonly #instances: string;

  private constructor(pool: pg.Pool, config: PostgresThreadLeasesConfig) {
    this.#pool = pool;
    this.ttlMs = config.ttlMs ?? defaultLeaseTiming.ttlMs;
    this.#now = config.now ?? Date.now;
    const schema = `"${(config.schema ?? "public").replaceAll('"', '""')}"`;
    this.#leases = `${schema}.switchyard_thread_leases`;
    this.#instances = `${schema}.switchyard_lease_instances`;
  }

  /** Connects and creates the tables (and schema) when missing. */
  static async open(url: string, config: PostgresThreadLeasesConfig = {}): Promise<PostgresThreadLeases> {
    const leases = new PostgresThreadLeases(new pg.Pool({ connectionString: url, max: 4 }), config);
    try {
      const schema = `"${(config.schema ?? "public").replaceAll('"', '""')}"`;
      await leases.#pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await leases.#pool.query(`CREATE TABLE IF NOT EXISTS ${leases.#leases} (
        thread_id TEXT PRIMARY KEY, instance_id TEXT NOT NULL, run_id TEXT NOT NULL,
        acquired_at BIGINT NOT NULL, heartbeat_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)`);
      await leases.#pool.query(`CREATE TABLE IF NOT EXISTS ${leases.#instances} (
        instance_id TEXT PRIMARY KEY, started_at BIGINT NOT NULL, heartbeat_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)`);
    } catch (error) {
      await leases.#pool.end();
      throw error;
    }
    return leases;
  }

  async acquire(threadId: string, owner: LeaseOwner, options: AcquireOptions = {}): Promise<AcquireResult> {
    const now = this.#now();
    const expires = now + this.ttlMs;
    const taken = await this.#pool.query(
      `INSERT INTO ${this.#leases} AS lease (thread_id, instance_id, run_id, acquired_at, heartbeat_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)
       ON CONFLICT (thread_id) DO UPDATE SET instance_id = excluded.instance_id, run_id = excluded.run_id,
         acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at
       WHERE lease.expires_at <= excluded.acquired_at OR (lease.instance_id = excluded.instance_id AND lease.run_id = excluded.run_id)`,
      [threadId, owner.instanceId, owner.runId, now, expires],
    );
    const lease: ThreadLease = { threadId, ...owner, acquiredAt: now, heartbeatAt: now, expiresAt: expires };
    if (taken.rowCount === 1) return { acquired: true, lease };
    const holder = await this.holder(threadId);
    if (holder === undefined) return this.acquire(threadId, owner, options);
    if (options.takeOver?.(holder) === true || !leaseIsLive(holder, now)) {
      const swapped = await this.#pool.query(
        `UPDATE ${this.#leases} SET instance_id = $1, run_id = $2, acquired_at = $3, heartbeat_at = $3, expires_at = $4
         WHERE thread_id = $5 AND instance_id = $6 AND run_id = $7 AND heartbeat_at = $8`,
        [owner.instanceId, owner.runId, now, expires, threadId, holder.instanceId, holder.runId, holder.heartbeatAt],
      );
      if (swapped.rowCount === 1) return { acquired: true, lease };
      const current = await this.holder(threadId);
      return current === undefined ? this.acquire(threadId, owner, {}) : { acquired: false, holder: current };
    }
    return { acquired: false, holder };
  }

  async handOff(threadId: string, from: LeaseOwner, toRunId: string): Promise<boolean> {
    const now = this.#now();
    const result = await this.#pool.query(
      `UPDATE ${this.#leases} SET run_id = $1, heartbeat_at = $2, expires_at = $3 WHERE thread_id = $4 AND instance_id = $5 AND run_id = $6`,
      [toRunId, now, now + this.ttlMs, threadId, from.instanceId, from.runId],
    );
    return result.rowCount === 1;
  }

  async release(threadId: string, owner: LeaseOwner): Promise<boolean> {
    const result = await this.#pool.query(`DELETE FROM ${this.#leases} WHERE thread_id = $1 AND instance_id = $2 AND run_id = $3`, [threadId, owner.instanceId, owner.runId]);
    return result.rowCount === 1;
  }

  async holder(threadId: string): Promise<ThreadLease | undefined> {
    const result = await this.#pool.query(`SELECT * FROM ${this.#leases} WHERE thread_id = $1`, [threadId]);
    return result.rows[0] === undefined ? undefined : toLease(result.rows[0]);
  }

  async beat(instanceId: string): Promise<string[]> {
    const now = this.#now();
    const expires = now + this.ttlMs;
    const client = await this.#pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(
        `INSERT INTO ${this.#instances} (instance_id, started_at, heartbeat_at, expires_at) VALUES ($1, $2, $2, $3)
         ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at`,
        [instanceId, now, expires],
      );
      const held = await client.query(`UPDATE ${this.#leases} SET heartbeat_at = $1, expires_at = $2 WHERE instance_id = $3 RETURNING thread_id`, [now, expires, instanceId]);
      await client.query("COMMIT");
      return held.rows.map((row: { thread_id: string }) => row.thread_id);
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      client.release();
    }
  }

  async instanceAlive(instanceId: string): Promise<boolean> {
    const result = await this.#pool.query(`SELECT expires_at FROM ${this.#instances} WHERE instance_id = $1`, [instanceId]);
    const row = result.rows[0] as { expires_at: string } | undefined;
    return row !== undefined && Number(row.expires_at) > this.#now();
  }

  async retire(instanceId: string): Promise<void> {
    await this.#pool.query(`DELETE FROM ${this.#leases} WHERE instance_id = $1`, [instanceId]);
    await this.#pool.query(`DELETE FROM ${this.#instances} WHERE instance_id = $1`, [instanceId]);
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

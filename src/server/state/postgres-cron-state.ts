import { z } from "zod";
import { SwitchyardError } from "../../errors.ts";
import { parseCronRow, sortColumns, type CronQuery, type CronRecord } from "../cron-table.ts";
import { inTransaction, PostgresTables } from "./postgres-schema.ts";
import type { CronState } from "./server-state.ts";

const cronColumns = "cron_id, assistant_id, thread_id, schedule, timezone, end_time, payload, metadata, enabled, on_run_completed, next_run_at, created_at, updated_at";
const firingRows = z.array(z.object({ cron_id: z.string(), fire_at: z.number(), owner: z.string() }));

/**
 * Crons in Postgres with the claim protocol of cron-table.ts: a firing is claimed by moving `next_run_at`
 * from the due time the claimer saw, in the transaction that records it; a second replica's UPDATE waits
 * for the first's commit, then matches nothing. The firing's run id is written with the run (openRun).
 */
export class PostgresCronState extends PostgresTables implements CronState {

  async create(record: Omit<CronRecord, "created_at" | "updated_at">): Promise<CronRecord> {
    const stamp = this.stamp();
    await this.pool.query(`INSERT INTO ${this.t.crons} (${cronColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`, [
      record.cron_id, record.assistant_id, record.thread_id, record.schedule, record.timezone, record.end_time, JSON.stringify(record.payload), JSON.stringify(record.metadata), record.enabled ? 1 : 0, record.on_run_completed, record.next_run_at, stamp,
    ]);
    return { ...record, created_at: stamp, updated_at: stamp };
  }

  async get(cronId: string): Promise<CronRecord | undefined> {
    const { rows } = await this.pool.query(`SELECT ${cronColumns} FROM ${this.t.crons} WHERE cron_id = $1`, [cronId]);
    return rows[0] === undefined ? undefined : parseCronRow(rows[0]);
  }

  async update(record: CronRecord): Promise<CronRecord> {
    const stamp = this.stamp();
    await this.pool.query(`UPDATE ${this.t.crons} SET schedule = $1, end_time = $2, payload = $3, metadata = $4, enabled = $5, on_run_completed = $6, next_run_at = $7, updated_at = $8 WHERE cron_id = $9`, [
      record.schedule, record.end_time, JSON.stringify(record.payload), JSON.stringify(record.metadata), record.enabled ? 1 : 0, record.on_run_completed, record.next_run_at, stamp, record.cron_id,
    ]);
    return { ...record, updated_at: stamp };
  }

  delete(cronId: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      await client.query(`DELETE FROM ${this.t.firings} WHERE cron_id = $1`, [cronId]);
      return ((await client.query(`DELETE FROM ${this.t.crons} WHERE cron_id = $1`, [cronId])).rowCount ?? 0) > 0;
    });
  }

  async search(query: CronQuery): Promise<CronRecord[]> {
    const column = sortColumns[query.sort_by ?? "created_at"];
    const order = query.sort_order === "asc" ? "ASC" : "DESC";
    const { rows } = await this.pool.query(
      `SELECT ${cronColumns} FROM ${this.t.crons} WHERE ($1::text IS NULL OR assistant_id = $1) AND ($2::text IS NULL OR thread_id = $2) AND ($3::int IS NULL OR enabled = $3) ORDER BY ${column} ${order}, cron_id`,
      [query.assistant_id ?? null, query.thread_id ?? null, query.enabled === undefined ? null : query.enabled ? 1 : 0],
    );
    const matches = rows.map(parseCronRow).filter((cron) => Object.entries(query.metadata ?? {}).every(([key, value]) => JSON.stringify(cron.metadata[key]) === JSON.stringify(value)));
    return matches.slice(query.offset, query.offset + query.limit);
  }

  async due(now: number, limit: number): Promise<Array<{ cron_id: string; next_run_at: number }>> {
    const { rows } = await this.pool.query(`SELECT cron_id, next_run_at FROM ${this.t.crons} WHERE enabled = 1 AND next_run_at IS NOT NULL AND next_run_at <= $1 ORDER BY next_run_at LIMIT $2`, [now, limit]);
    return z.array(z.object({ cron_id: z.string(), next_run_at: z.number() })).parse(rows);
  }

  claim(cronId: string, dueAt: number, nextAt: number | null, owner: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const moved = await client.query(`UPDATE ${this.t.crons} SET next_run_at = $1 WHERE cron_id = $2 AND enabled = 1 AND next_run_at = $3`, [nextAt, cronId, dueAt]);
      if (moved.rowCount !== 1) return false;
      const recorded = await client.query(`INSERT INTO ${this.t.firings} (cron_id, fire_at, owner, claimed_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [cronId, dueAt, owner, this.now()]);
      if (recorded.rowCount !== 1) throw new SwitchyardError("checkpoint_invalid", `cron ${cronId} firing at ${new Date(dueAt).toISOString()} was already recorded although next_run_at pointed at it`);
      return true;
    });
  }

  async recordError(cronId: string, dueAt: number, message: string): Promise<void> {
    await this.pool.query(`UPDATE ${this.t.firings} SET error = $1 WHERE cron_id = $2 AND fire_at = $3`, [message.slice(0, 2_000), cronId, dueAt]);
  }

  async unstarted(claimedBefore: number, limit: number): Promise<Array<{ cron_id: string; fire_at: number; owner: string }>> {
    const { rows } = await this.pool.query(`SELECT cron_id, fire_at, owner FROM ${this.t.firings} WHERE run_id IS NULL AND error IS NULL AND claimed_at <= $1 ORDER BY claimed_at LIMIT $2`, [claimedBefore, limit]);
    return firingRows.parse(rows);
  }

  async reclaim(cronId: string, dueAt: number, from: string, to: string): Promise<boolean> {
    const taken = await this.pool.query(`UPDATE ${this.t.firings} SET owner = $1, claimed_at = $2 WHERE cron_id = $3 AND fire_at = $4 AND owner = $5 AND run_id IS NULL AND error IS NULL`, [to, this.now(), cronId, dueAt, from]);
    return taken.rowCount === 1;
  }

  async firings(cronId: string): Promise<Array<{ fire_at: number; owner: string; run_id: string | null; error: string | null }>> {
    const { rows } = await this.pool.query(`SELECT fire_at, owner, run_id, error FROM ${this.t.firings} WHERE cron_id = $1 ORDER BY fire_at`, [cronId]);
    return z.array(z.object({ fire_at: z.number(), owner: z.string(), run_id: z.string().nullable(), error: z.string().nullable() })).parse(rows);
  }

  async forgetFirings(before: number): Promise<number> {
    return (await this.pool.query(`DELETE FROM ${this.t.firings} WHERE fire_at < $1 AND (run_id IS NOT NULL OR error IS NOT NULL)`, [before])).rowCount ?? 0;
  }
}

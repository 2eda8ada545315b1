import { z } from "zod";
import { parseLinkRow, parseTaskJson } from "./a2a-task-rows.ts";
import { PostgresTables } from "./postgres-schema.ts";
import type { A2aRunLink, A2aTaskState } from "./server-state.ts";

/** Expired token ids are deleted once per this many claims on this replica. */
const sweepEvery = 256;

const listed = z.array(z.object({ a2a_task_id: z.string(), task: z.string() }));

/** A2A tasks in Postgres: a task saved through one replica is read, listed and settled by any other. */
export class PostgresA2aTasks extends PostgresTables implements A2aTaskState {
  #claimsSinceSweep = 0;

  /** One statement: a live claim by any replica refuses, an expired one is taken over. */
  async claimTokenId(id: string, expiresAtMs: number): Promise<boolean> {
    const now = this.now();
    if (++this.#claimsSinceSweep >= sweepEvery) {
      this.#claimsSinceSweep = 0;
      await this.pool.query(`DELETE FROM ${this.t.a2aTokenIds} WHERE expires_at <= $1`, [now]);
    }
    const { rowCount } = await this.pool.query(
      `INSERT INTO ${this.t.a2aTokenIds} (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at WHERE ${this.t.a2aTokenIds}.expires_at <= $3`,
      [id, expiresAtMs, now],
    );
    return rowCount === 1;
  }

  async saveTask(owner: string, taskId: string, task: Record<string, unknown>): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.t.a2aTasks} (owner, a2a_task_id, task, saved_at) VALUES ($1, $2, $3, $4) ON CONFLICT (owner, a2a_task_id) DO UPDATE SET task = excluded.task, saved_at = excluded.saved_at`,
      [owner, taskId, JSON.stringify(task), this.now()],
    );
  }

  async task(owner: string, taskId: string): Promise<Record<string, unknown> | undefined> {
    const { rows } = await this.pool.query<{ task: string }>(`SELECT task FROM ${this.t.a2aTasks} WHERE owner = $1 AND a2a_task_id = $2`, [owner, taskId]);
    return rows[0] === undefined ? undefined : parseTaskJson(rows[0].task, "server_a2a_tasks");
  }

  async tasks(owner: string, limit: number): Promise<Array<{ taskId: string; task: Record<string, unknown> }>> {
    const { rows } = await this.pool.query(`SELECT a2a_task_id, task FROM ${this.t.a2aTasks} WHERE owner = $1 ORDER BY saved_at DESC, a2a_task_id DESC LIMIT $2`, [owner, limit]);
    return listed.parse(rows).map((row) => ({ taskId: row.a2a_task_id, task: parseTaskJson(row.task, "server_a2a_tasks") }));
  }

  async linkRun(taskId: string, link: A2aRunLink): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.t.a2aRuns} (a2a_task_id, run_id, thread_id, context_id, graph_id, open_turn) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (a2a_task_id) DO UPDATE SET run_id = excluded.run_id, thread_id = excluded.thread_id, context_id = excluded.context_id, graph_id = excluded.graph_id, open_turn = excluded.open_turn`,
      [taskId, link.run_id, link.thread_id, link.context_id, link.graph_id, link.open_turn === true ? 1 : 0],
    );
  }

  async runLink(taskId: string): Promise<A2aRunLink | undefined> {
    const { rows } = await this.pool.query(`SELECT run_id, thread_id, context_id, graph_id, open_turn FROM ${this.t.a2aRuns} WHERE a2a_task_id = $1`, [taskId]);
    return rows[0] === undefined ? undefined : parseLinkRow(rows[0]);
  }
}

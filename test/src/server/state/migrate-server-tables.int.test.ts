import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openPostgresServerStorage } from "../../../../src/server/state/postgres-server-storage.ts";
import { migrateServerTables } from "../../../../src/server/state/migrate-server-tables.ts";
import { sqliteServerStorage } from "../../../../src/server/state/sqlite-server-storage.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../../../support/services.ts";

const available = await serviceAvailable("postgres");

describe.skipIf(!available)("migrateServerTables (SQLite server tables → Postgres)", () => {
  const schema = runScopedName("switchyard_migrate_server");
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-migrate-server-"));
  const file = path.join(directory, "state.db");
  afterAll(async () => {
    await dropPostgresSchema(schema);
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it("copies threads, runs (pending ones too), crons, assistants, A2A tasks, thread TTLs and virtual keys, verifies every key, and a re-run copies nothing", async () => {
    const database = new Database(file);
    const source = sqliteServerStorage(database, () => 1_700_000_000_000);
    for (let index = 0; index < 3; index += 1) await source.state.createThread(`thread-${index}`, { owner: `user-${index}` });
    const run = { thread_id: "thread-1", assistant_id: "gateway", status: "pending" as const, metadata: { m: 1 }, multitask_strategy: "enqueue" as const, kwargs: { input: { q: "hi" } }, owner: "dead-instance" };
    await source.state.openRun({ run: { ...run, run_id: "run-1" }, threadMetadata: {} });
    await source.state.openRun({ run: { ...run, run_id: "run-2", thread_id: "thread-2" }, threadMetadata: {} });
    await source.state.endRun("run-2", "thread-2", { status: "success", thread: { status: "idle" } });
    await source.assistants.save({ assistant_id: "a-1", graph_id: "gateway", config: {}, context: {}, metadata: {}, created_at: "2026-01-01T00:00:00.000Z", updated_at: "2026-01-01T00:00:00.000Z", version: 1, name: "a", description: null });
    await source.crons.create({ cron_id: "cron-1", assistant_id: "gateway", thread_id: null, schedule: "*/5 * * * *", timezone: null, end_time: null, payload: {}, metadata: {}, enabled: true, on_run_completed: "keep", next_run_at: 1_700_000_300_000 });
    await source.a2aTasks.saveTask("owner-1", "task-1", { id: "task-1", status: { state: "TASK_STATE_COMPLETED" } });
    await source.a2aTasks.linkRun("task-1", { run_id: "run-2", thread_id: "thread-2", context_id: "c", graph_id: "gateway", open_turn: true });
    await source.ttls.set("thread-0", 30, "keep_latest");
    const { key, record } = await source.keys.create({ name: "team", budgetUsd: 5, period: "total" });
    const reserved = await source.keys.reserve(record, 0.25, 100, 1_700_000_000_000);
    if ("limit" in reserved) throw new Error("the key refused its first request");
    await source.keys.release(record, reserved, 0.25, 0.125, 0);
    database.close();

    const first = await migrateServerTables({ from: file, to: postgresUrl, schema });
    const byTable = Object.fromEntries(first.map((copy) => [copy.table, copy]));
    expect(byTable.server_threads).toEqual({ table: "server_threads", source: 3, copied: 3, verified: 3 });
    expect(byTable.server_runs).toMatchObject({ source: 2, copied: 2, verified: 2 });
    expect(byTable.server_crons).toMatchObject({ source: 1, copied: 1, verified: 1 });
    expect(byTable.server_assistants).toMatchObject({ source: 1, copied: 1, verified: 1 });
    for (const table of ["server_a2a_tasks", "server_a2a_runs", "server_thread_ttl", "openai_keys", "openai_key_spend", "openai_key_minute"]) expect(byTable[table], table).toMatchObject({ source: 1, copied: 1, verified: 1 });

    const target = await openPostgresServerStorage(postgresUrl, { schema });
    try {
      expect(await target.state.thread("thread-0")).toMatchObject({ metadata: { owner: "user-0" }, status: "idle" });
      // The pending run keeps its (dead) owner, so the first replica's recovery pass resumes it.
      expect(await target.state.run("run-1")).toMatchObject({ status: "pending", owner: "dead-instance", kwargs: { input: { q: "hi" } } });
      expect(await target.state.run("run-2")).toMatchObject({ status: "success" });
      expect(await target.crons.get("cron-1")).toMatchObject({ schedule: "*/5 * * * *", enabled: true });
      expect(await target.assistants.get("a-1")).toMatchObject({ graph_id: "gateway", version: 1 });
      expect(await target.a2aTasks.task("owner-1", "task-1")).toEqual({ id: "task-1", status: { state: "TASK_STATE_COMPLETED" } });
      expect(await target.a2aTasks.runLink("task-1")).toEqual({ run_id: "run-2", thread_id: "thread-2", context_id: "c", graph_id: "gateway", open_turn: true });
      // thread-0 keeps its own 30-minute keep_latest TTL: expired 31 minutes after its last update, not before.
      expect(await target.ttls.expired(1_700_000_000_000 + 29 * 60_000, { ttlMs: null, strategy: "delete" }, 10)).toEqual([]);
      expect(await target.ttls.expired(1_700_000_000_000 + 31 * 60_000, { ttlMs: null, strategy: "delete" }, 10)).toEqual([{ thread_id: "thread-0", strategy: "keep_latest" }]);
      // The key works on Postgres with the secret shown in SQLite, and its spend came along.
      expect(await target.keys.lookup(key)).toEqual(record);
      expect(await target.keys.spent(record)).toBeCloseTo(0.125, 12);
    } finally {
      await target.close();
    }

    const again = await migrateServerTables({ from: file, to: postgresUrl, schema });
    expect(again.every((copy) => copy.copied === 0 && copy.verified === copy.source)).toBe(true);
  }, 60_000);

  it("names the file when it is not SQLite", async () => {
    const bogus = path.join(directory, "not-a-db.txt");
    fs.writeFileSync(bogus, "hello");
    await expect(migrateServerTables({ from: bogus, to: postgresUrl, schema })).rejects.toThrow(/not-a-db\.txt/);
  });
});

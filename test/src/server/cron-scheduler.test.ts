import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../../checkpoints/index.ts";
import { CronScheduler, type CronSchedulerParts } from "../../../src/server/cron-scheduler.ts";
import { CronTable, type CronRecord } from "../../../src/server/cron-table.ts";
import type { RunCreateBody } from "../../../src/server/request-schemas.ts";
import type { RunRecord } from "../../../src/server/server-tables.ts";
import { sqliteServerStorage } from "../../../src/server/state/index.ts";

const minute = 60_000;
const start = Date.UTC(2027, 0, 1, 0, 0, 30);

interface Started {
  threadId: string;
  body: RunCreateBody;
  temporary: boolean;
}

function setup(clock: { now: number }) {
  const database = openDatabase(":memory:");
  const crons = new CronTable(database, () => clock.now);
  const started: Started[] = [];
  let ids = 0;
  const parts: CronSchedulerParts = {
    crons: sqliteServerStorage(database, () => clock.now).crons,
    runs: {
      create: async (threadId, body, temporary = false, _joinable = false, cronFiring) => {
        if (body.input === "refuse") throw new Error("input refused");
        started.push({ threadId, body, temporary });
        const stamp = new Date(clock.now).toISOString();
        const run: RunRecord = { run_id: `run-${started.length}`, thread_id: threadId, assistant_id: body.assistant_id, created_at: stamp, updated_at: stamp, status: "pending", metadata: {}, multitask_strategy: "reject", kwargs: {}, owner: "test", started_from: null };
        if (cronFiring !== undefined) crons.recordRun(cronFiring.cronId, cronFiring.dueAt, run.run_id);
        return run;
      },
    },
    ownerDied: async (owner) => owner.startsWith("dead"),
    threadExists: async (threadId) => threadId !== "gone",
    owner: "test",
    now: () => clock.now,
    generateId: () => `id-${(ids += 1)}`,
    pollMs: 1_000,
    batch: 10,
  };
  const cron = (fields: Partial<CronRecord>) =>
    crons.create({ cron_id: `cron-${(ids += 1)}`, assistant_id: "a", thread_id: null, schedule: "* * * * *", timezone: null, end_time: null, payload: { input: {} }, metadata: {}, enabled: true, on_run_completed: "delete", next_run_at: start + 30_000, ...fields });
  return { database, crons, started, scheduler: new CronScheduler(parts), cron };
}

describe("CronScheduler on fake timers and a fake clock", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("fires on its timer, once per due firing, and does not repeat firings missed while down", async () => {
    const clock = { now: start };
    const { scheduler, started, cron, crons, database } = setup(clock);
    const stateless = cron({});
    const keep = cron({ on_run_completed: "keep" });
    const onThread = cron({ thread_id: "t-1", payload: { input: { a: 1 }, metadata: { from: "caller" } } });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(started).toHaveLength(0);

    clock.now = start + 30_000;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(started).toHaveLength(3);
    expect(started[0]).toMatchObject({ temporary: true, body: { assistant_id: "a", metadata: { cron_id: stateless.cron_id } } });
    expect(started[1]).toMatchObject({ temporary: false, body: { if_not_exists: "create" } });
    expect(started[2]).toMatchObject({ threadId: "t-1", temporary: false, body: { input: { a: 1 }, multitask_strategy: "enqueue", metadata: { from: "caller", cron_id: onThread.cron_id } } });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(started).toHaveLength(3);

    // Down for an hour: one firing now, the next on the next minute.
    clock.now = start + 60 * minute;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(started).toHaveLength(6);
    expect(crons.get(keep.cron_id)?.next_run_at).toBe(start + 30_000 + 60 * minute);
    expect(crons.firings(keep.cron_id).map((firing) => firing.run_id)).toEqual(["run-2", "run-5"]);
    await scheduler.stop();
    database.close();
  });

  it("stops at end_time, skips disabled crons, and removes a cron whose thread is gone", async () => {
    const clock = { now: start };
    const { scheduler, started, cron, crons, database } = setup(clock);
    const ending = cron({ end_time: start + 90_000 });
    cron({ enabled: false });
    const orphan = cron({ thread_id: "gone" });
    clock.now = start + 30_000;
    await scheduler.tick();
    expect(started).toHaveLength(1);
    expect(crons.get(ending.cron_id)?.next_run_at).toBe(start + 90_000);
    expect(crons.get(orphan.cron_id)).toBeUndefined();
    clock.now = start + 90_000;
    await scheduler.tick();
    expect(started).toHaveLength(2);
    expect(crons.get(ending.cron_id)?.next_run_at).toBeNull();
    clock.now = start + 10 * minute;
    expect(await scheduler.tick()).toEqual([]);
    database.close();
  });

  it("starts a firing whose claimer died before creating its run, once; a live claimer's is left alone", async () => {
    const clock = { now: start + 30_000 };
    const { scheduler, started, cron, crons, database } = setup(clock);
    const orphaned = cron({});
    const peer = cron({});
    // Claimed by a server killed before it created the run; and by a live peer still creating its run.
    expect(await crons.claim(orphaned.cron_id, start + 30_000, start + 90_000, "dead-1")).toBe(true);
    expect(await crons.claim(peer.cron_id, start + 30_000, start + 90_000, "peer-2")).toBe(true);
    await scheduler.tick();
    expect(started).toHaveLength(0);
    clock.now += 30_000;
    await scheduler.tick();
    expect(started).toHaveLength(1);
    expect(started[0]?.body.metadata).toMatchObject({ cron_id: orphaned.cron_id });
    expect(crons.firings(orphaned.cron_id)).toEqual([{ fire_at: start + 30_000, owner: "test", run_id: "run-1", error: null }]);
    expect(crons.firings(peer.cron_id)[0]).toMatchObject({ owner: "peer-2", run_id: null });
    await scheduler.tick();
    expect(started).toHaveLength(1);
    database.close();
  });

  it("records why a firing started no run and does not retry it", async () => {
    const clock = { now: start + 30_000 };
    const { scheduler, started, cron, crons, database } = setup(clock);
    const refused = cron({ payload: { input: "refuse" } });
    expect(await scheduler.tick()).toEqual([{ cron_id: refused.cron_id, fire_at: start + 30_000, error: "input refused" }]);
    clock.now += 60_000;
    expect(crons.firings(refused.cron_id)[0]).toMatchObject({ run_id: null, error: "input refused" });
    expect(started).toHaveLength(0);
    database.close();
  });

  it("claims a firing once when two schedulers race for it", async () => {
    const clock = { now: start + 30_000 };
    const first = setup(clock);
    const cron = first.cron({});
    const claims = await Promise.all([first.crons.claim(cron.cron_id, start + 30_000, start + 90_000, "a"), first.crons.claim(cron.cron_id, start + 30_000, start + 90_000, "b")]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    first.database.close();
  });
});

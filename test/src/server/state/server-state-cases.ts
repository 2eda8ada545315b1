import { describe, expect, it } from "vitest";
import type { AssistantRecord } from "../../../../src/server/assistant-table.ts";
import type { RunRecord } from "../../../../src/server/server-tables.ts";
import type { ServerStorage } from "../../../../src/server/state/index.ts";

/** A storage for one case, on a clock the case moves, and how to drop it afterwards. */
export type OpenStorage = (clock: { now: number }) => Promise<{ storage: ServerStorage; close(): Promise<void> }>;

const run = (runId: string, threadId: string, owner = "a"): Omit<RunRecord, "created_at" | "updated_at" | "started_from"> => ({
  run_id: runId,
  thread_id: threadId,
  assistant_id: "asst",
  status: "pending",
  metadata: { by: "test" },
  multitask_strategy: "enqueue",
  kwargs: { assistant_id: "asst", input: { n: 1 }, config: { tags: ["x"] } },
  owner,
});

async function using(open: OpenStorage, work: (storage: ServerStorage, clock: { now: number }) => Promise<void>): Promise<void> {
  const clock = { now: Date.UTC(2027, 0, 1) };
  const opened = await open(clock);
  try {
    await work(opened.storage, clock);
  } finally {
    await opened.close();
  }
}

/** One contract, every ServerStorage: the SQLite tables and Postgres answer these the same. */
export function describeServerStateCases(name: string, open: OpenStorage): void {
  describe(`ServerStorage contract: ${name}`, () => {
    it("keeps threads: create, read, patch some fields, search by status, ids, metadata, sort and page, delete with runs", () =>
      using(open, async ({ state }, clock) => {
        for (const [index, id] of ["t1", "t2", "t3"].entries()) {
          await state.createThread(id, { team: index % 2 === 0 ? "red" : "blue", nested: { a: index } });
          clock.now += 1_000;
        }
        await state.updateThread("t2", { status: "interrupted" });
        await state.updateThread("t2", { error: "boom" });
        const t2 = await state.thread("t2");
        expect(t2).toMatchObject({ status: "interrupted", error: "boom", metadata: { team: "blue" } });
        await state.updateThread("t2", { error: null });
        expect((await state.thread("t2"))?.error).toBeNull();
        expect((await state.searchThreads({ limit: 10, offset: 0 })).map((thread) => thread.thread_id)).toEqual(["t3", "t2", "t1"]);
        expect((await state.searchThreads({ limit: 10, offset: 0, sort: { by: "created_at", order: "asc" } })).map((thread) => thread.thread_id)).toEqual(["t1", "t2", "t3"]);
        expect((await state.searchThreads({ limit: 1, offset: 1 })).map((thread) => thread.thread_id)).toEqual(["t2"]);
        expect((await state.searchThreads({ limit: 10, offset: 0, status: "interrupted" })).map((thread) => thread.thread_id)).toEqual(["t2"]);
        expect((await state.searchThreads({ limit: 10, offset: 0, ids: ["t1", "t3", "nope"] })).map((thread) => thread.thread_id)).toEqual(["t3", "t1"]);
        expect((await state.searchThreads({ limit: 10, offset: 0, metadata: { team: "red" } })).map((thread) => thread.thread_id)).toEqual(["t3", "t1"]);
        // Exact JSON per key, not containment: a partial nested object does not match.
        expect(await state.searchThreads({ limit: 10, offset: 0, metadata: { nested: {} } })).toEqual([]);
        expect((await state.searchThreads({ limit: 1, offset: 1, metadata: { team: "red" } })).map((thread) => thread.thread_id)).toEqual(["t1"]);
        await state.openRun({ run: run("r1", "t1"), threadMetadata: {} });
        expect(await state.deleteThread("t1")).toBe(true);
        expect(await state.thread("t1")).toBeUndefined();
        expect(await state.run("r1")).toBeUndefined();
        expect(await state.deleteThread("t1")).toBe(false);
      }));

    it("opens a run with its thread busy (created or merged) and its cron firing noted, then starts and ends it", () =>
      using(open, async ({ state, crons }, clock) => {
        await state.createThread("t1", { keep: 1 });
        const opened = await state.openRun({ run: run("r1", "t1"), threadMetadata: { graph_id: "g" } });
        expect(opened).toMatchObject({ run_id: "r1", status: "pending", started_from: null, created_at: new Date(clock.now).toISOString() });
        expect(await state.thread("t1")).toMatchObject({ status: "busy", metadata: { keep: 1, graph_id: "g" } });
        await crons.create({ cron_id: "c1", assistant_id: "asst", thread_id: null, schedule: "* * * * *", timezone: null, end_time: null, payload: {}, metadata: {}, enabled: true, on_run_completed: "delete", next_run_at: 60_000 });
        expect(await crons.claim("c1", 60_000, 120_000, "a")).toBe(true);
        await state.openRun({ run: run("r2", "new-thread"), threadMetadata: { graph_id: "g" }, cronFiring: { cronId: "c1", dueAt: 60_000 } });
        expect(await state.thread("new-thread")).toMatchObject({ status: "busy", metadata: { graph_id: "g" } });
        expect(await crons.firings("c1")).toEqual([{ fire_at: 60_000, owner: "a", run_id: "r2", error: null }]);
        expect(await crons.unstarted(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);

        expect(await state.hasActiveRun("t1")).toBe(true);
        await state.startRun("r1", "ck-0");
        expect(await state.runProgress("r1")).toEqual({ owner: "a", status: "running", started_from: "ck-0" });
        expect(await state.lastRunConfig("t1")).toEqual({ tags: ["x"] });
        await state.endRun("r1", "t1", { status: "error", reason: "model down", thread: { status: "error", error: "model down" } });
        expect((await state.run("r1"))?.metadata).toEqual({ by: "test", error_reason: "model down" });
        expect(await state.thread("t1")).toMatchObject({ status: "error", error: "model down" });
        expect(await state.hasActiveRun("t1")).toBe(false);
        await state.openRun({ run: run("r3", "t1"), threadMetadata: {} });
        await state.endRun("r3", "t1", { status: "interrupted", thread: { status: "idle" }, deleteRun: true });
        expect(await state.run("r3")).toBeUndefined();
        expect((await state.listRuns("t1", { limit: 10, offset: 0 })).map((record) => record.run_id)).toEqual(["r1"]);
        expect(await state.listRuns("t1", { limit: 10, offset: 0, status: "success" })).toEqual([]);
        expect(await state.deleteRun("r1")).toBe(true);
        expect(await state.deleteRun("r1")).toBe(false);
        // A stateless run's end that takes its thread: nothing of either is left, other threads untouched.
        await state.openRun({ run: run("r4", "stateless"), threadMetadata: { graph_id: "g" } });
        // Marked running only while still its owner's and unfinished: the start is the fencing check.
        expect(await state.startRun("r4", "", "another-owner")).toBe(false);
        expect(await state.runProgress("r4")).toMatchObject({ status: "pending" });
        expect(await state.startRun("r4", "", "a")).toBe(true);
        expect(await state.runProgress("r4")).toEqual({ owner: "a", status: "running", started_from: "" });
        await state.endRun("r4", "stateless", { status: "success", thread: { status: "idle", error: null }, deleteThread: true });
        expect(await state.thread("stateless")).toBeUndefined();
        expect(await state.run("r4")).toBeUndefined();
        expect(await state.startRun("r1", "", "a")).toBe(false);
        expect(await state.thread("t1")).toMatchObject({ thread_id: "t1" });
      }));

    it("lists the queue oldest first and lets exactly one of many concurrent claimers take a run", () =>
      using(open, async ({ state }, clock) => {
        for (const id of ["r1", "r2", "r3"]) {
          await state.openRun({ run: run(id, `t-${id}`, "dead"), threadMetadata: {} });
          clock.now += 10;
        }
        await state.setRunStatus("r2", "success");
        expect((await state.unfinishedRuns()).map((record) => record.run_id)).toEqual(["r1", "r3"]);
        expect(await state.unfinishedRunHeads()).toEqual([
          { run_id: "r1", thread_id: "t-r1", owner: "dead" },
          { run_id: "r3", thread_id: "t-r3", owner: "dead" },
        ]);
        expect((await state.activeRuns("t-r1")).map((record) => record.run_id)).toEqual(["r1"]);
        const claims = await Promise.all(Array.from({ length: 8 }, (_, index) => state.claimRun("r1", "dead", `replica-${index}`)));
        expect(claims.filter(Boolean)).toHaveLength(1);
        const winner = `replica-${claims.indexOf(true)}`;
        expect((await state.runProgress("r1"))?.owner).toBe(winner);
        // The owner the loser saw is gone: a late claim fails, and a finished run is never claimed.
        expect(await state.claimRun("r1", "dead", "late")).toBe(false);
        expect(await state.claimRun("r2", "dead", "late")).toBe(false);
      }));

    it("claims each cron firing once across concurrent claimers, reclaims an unstarted one once, and forgets settled ones", () =>
      using(open, async ({ crons }) => {
        const created = await crons.create({ cron_id: "c1", assistant_id: "asst", thread_id: "t", schedule: "* * * * *", timezone: "UTC", end_time: 9e12, payload: { input: {} }, metadata: { m: 1 }, enabled: true, on_run_completed: "keep", next_run_at: 60_000 });
        expect(await crons.get("c1")).toEqual(created);
        expect(await crons.due(59_999, 10)).toEqual([]);
        expect(await crons.due(60_000, 10)).toEqual([{ cron_id: "c1", next_run_at: 60_000 }]);
        const claims = await Promise.all(Array.from({ length: 6 }, (_, index) => crons.claim("c1", 60_000, 120_000, `o${index}`)));
        expect(claims.filter(Boolean)).toHaveLength(1);
        const [firing] = await crons.unstarted(Number.MAX_SAFE_INTEGER, 10);
        expect(firing?.fire_at).toBe(60_000);
        const reclaims = await Promise.all([crons.reclaim("c1", 60_000, firing?.owner ?? "", "x"), crons.reclaim("c1", 60_000, firing?.owner ?? "", "y")]);
        expect(reclaims.filter(Boolean)).toHaveLength(1);
        await crons.recordError("c1", 60_000, "refused");
        expect(await crons.forgetFirings(60_001)).toBe(1);
        const updated = await crons.update({ ...created, enabled: false });
        expect((await crons.get("c1"))?.enabled).toBe(false);
        expect(await crons.search({ enabled: true, limit: 10, offset: 0 })).toEqual([]);
        expect((await crons.search({ metadata: { m: 1 }, limit: 10, offset: 0 })).map((cron) => cron.cron_id)).toEqual([updated.cron_id]);
        expect(await crons.delete("c1")).toBe(true);
        expect(await crons.get("c1")).toBeUndefined();
      }));

    it("keeps assistants and their versions", () =>
      using(open, async ({ assistants }) => {
        const base: AssistantRecord = { assistant_id: "a1", graph_id: "g", config: {}, context: {}, metadata: {}, created_at: "c", updated_at: "u", version: 1, name: "one", description: null };
        await assistants.save(base);
        await assistants.save({ ...base, version: 2, name: "two" });
        await assistants.save({ ...base, assistant_id: "a2" });
        expect((await assistants.get("a1"))?.name).toBe("two");
        expect((await assistants.all()).map((record) => record.assistant_id)).toEqual(["a1", "a2"]);
        expect((await assistants.versions("a1")).map((version) => version.version)).toEqual([2, 1]);
        expect(await assistants.latestVersion("a1")).toBe(2);
        expect(await assistants.latestVersion("none")).toBe(0);
        expect(await assistants.delete("a1")).toBe(true);
        expect(await assistants.versions("a1")).toEqual([]);
      }));

    it("keeps A2A tasks per owner, lists the latest saved first, and links each task to its run", () =>
      using(open, async ({ a2aTasks }, clock) => {
        await a2aTasks.saveTask("o1", "t1", { id: "t1", status: { state: "TASK_STATE_SUBMITTED" } });
        clock.now += 1_000;
        await a2aTasks.saveTask("o1", "t2", { id: "t2", status: { state: "TASK_STATE_WORKING" } });
        await a2aTasks.saveTask("o2", "t3", { id: "t3" });
        expect(await a2aTasks.task("o1", "t1")).toEqual({ id: "t1", status: { state: "TASK_STATE_SUBMITTED" } });
        // Another owner never reads it, even by its id.
        expect(await a2aTasks.task("o2", "t1")).toBeUndefined();
        expect((await a2aTasks.tasks("o1", 10)).map((row) => row.taskId)).toEqual(["t2", "t1"]);
        clock.now += 1_000;
        await a2aTasks.saveTask("o1", "t1", { id: "t1", status: { state: "TASK_STATE_COMPLETED" } });
        expect(await a2aTasks.tasks("o1", 1)).toEqual([{ taskId: "t1", task: { id: "t1", status: { state: "TASK_STATE_COMPLETED" } } }]);
        expect(await a2aTasks.runLink("t1")).toBeUndefined();
        await a2aTasks.linkRun("t1", { run_id: "r1", thread_id: "th", context_id: "c", graph_id: "g" });
        await a2aTasks.linkRun("t1", { run_id: "r2", thread_id: "th", context_id: "c", graph_id: "g" });
        expect(await a2aTasks.runLink("t1")).toEqual({ run_id: "r2", thread_id: "th", context_id: "c", graph_id: "g" });
        // A v0.3 turn left open, then closed again by the next link.
        await a2aTasks.linkRun("t1", { run_id: "r3", thread_id: "th", context_id: "c", graph_id: "g", open_turn: true });
        expect(await a2aTasks.runLink("t1")).toEqual({ run_id: "r3", thread_id: "th", context_id: "c", graph_id: "g", open_turn: true });
        await a2aTasks.linkRun("t1", { run_id: "r4", thread_id: "th", context_id: "c", graph_id: "g" });
        expect((await a2aTasks.runLink("t1"))?.open_turn).toBeUndefined();
      }));

    it("expires threads by their own TTL or the default, never a busy one, and deletes an expired thread once across concurrent sweepers", () =>
      using(open, async ({ state, ttls }, clock) => {
        const minute = 60_000;
        const start = clock.now;
        for (const id of ["own", "default", "busy"]) await state.createThread(id, {});
        await ttls.set("own", 10, "delete");
        await ttls.set("busy", 1, "keep_latest");
        await state.openRun({ run: run("r-busy", "busy"), threadMetadata: {} });
        const fallback = { ttlMs: 60 * minute, strategy: "delete" as const };
        expect(await ttls.expired(start + 9 * minute, fallback, 10)).toEqual([]);
        expect(await ttls.expired(start + 11 * minute, fallback, 10)).toEqual([{ thread_id: "own", strategy: "delete" }]);
        expect(await ttls.expired(start + 11 * minute, { ttlMs: null, strategy: "delete" }, 10)).toEqual([{ thread_id: "own", strategy: "delete" }]);
        expect((await ttls.expired(start + 61 * minute, fallback, 10)).map((thread) => thread.thread_id).sort()).toEqual(["default", "own"]);
        expect(await ttls.expired(start + 61 * minute, fallback, 1)).toHaveLength(1);
        // A keep-latest prune restarts the clock.
        await ttls.swept("own", start + 11 * minute);
        expect(await ttls.expired(start + 20 * minute, fallback, 10)).toEqual([]);
        expect(await ttls.expired(start + 21 * minute, fallback, 10)).toEqual([{ thread_id: "own", strategy: "delete" }]);

        const deletes = await Promise.all(Array.from({ length: 6 }, () => ttls.deleteIdle("own")));
        expect(deletes.filter(Boolean)).toHaveLength(1);
        expect(await state.thread("own")).toBeUndefined();
        expect(await ttls.deleteIdle("busy")).toBe(false);
        expect(await state.thread("busy")).toBeDefined();
        // A thread deleted by other means leaves its TTL behind until the next sweep forgets it.
        await state.endRun("r-busy", "busy", { status: "success", thread: { status: "idle" } });
        await state.deleteThread("busy");
        expect(await ttls.forgetDeleted()).toBe(1);
        expect(await ttls.forgetDeleted()).toBe(0);
      }));

    it("keeps virtual keys: looked up by secret, revoked, and reserves within rpm and budget, exactly, under concurrent requests", () =>
      using(open, async ({ keys }, clock) => {
        expect(await keys.anyLive()).toBe(false);
        const { key, record } = await keys.create({ name: "team", models: ["extract"], rpm: 100, budgetUsd: 1, period: "day" });
        clock.now += 1_000;
        expect(await keys.anyLive()).toBe(true);
        expect(await keys.lookup(key)).toEqual(record);
        expect(await keys.lookup("sk-sy-wrong")).toBeUndefined();
        // Twelve requests at $0.1 each against a $1 budget, all at once: ten are admitted, never more.
        const reservations = await Promise.all(Array.from({ length: 12 }, () => keys.reserve(record, 0.1, 10, clock.now)));
        const admitted = reservations.filter((reservation) => !("limit" in reservation));
        expect(admitted).toHaveLength(10);
        expect(reservations.filter((reservation) => "limit" in reservation)[0]).toMatchObject({ limit: "budget", budgetUsd: 1 });
        for (const reservation of admitted) if (!("limit" in reservation)) await keys.release(record, reservation, 0.1, 0.05, -5);
        expect(await keys.spent(record)).toBeCloseTo(0.5, 9);
        // Released reservations free the budget: what was really spent counts, not the estimate.
        expect("limit" in (await keys.reserve(record, 0.4, 10, clock.now))).toBe(false);
        const slow = (await keys.create({ name: "slow", rpm: 2 })).record;
        expect("limit" in (await keys.reserve(slow, 0, 1, clock.now))).toBe(false);
        expect("limit" in (await keys.reserve(slow, 0, 1, clock.now))).toBe(false);
        expect(await keys.reserve(slow, 0, 1, clock.now)).toEqual({ limit: "rpm", rpm: 2 });
        expect("limit" in (await keys.reserve(slow, 0, 1, clock.now + 60_000))).toBe(false);
        expect((await keys.list()).map((listed) => [listed.name, listed.spentUsd > 0])).toEqual([["team", true], ["slow", false]]);
        expect((await keys.revoke(record.id)).revokedAt).toBe(clock.now);
        clock.now += 1_000;
        expect(await keys.lookup(key)).toBeUndefined();
        await expect(keys.get("key_none")).rejects.toThrow(/no virtual key with id "key_none". Fix:/);
      }));

    it("settles reservations while others reserve, without deadlock or lost spend", () =>
      using(open, async ({ keys }, clock) => {
        const { record } = await keys.create({ name: "busy", rpm: 1_000, tpm: 1_000_000, budgetUsd: 100, period: "total" });
        // Six workers, each reserving and settling twenty times: settlements and reservations interleave on one key.
        await Promise.all(Array.from({ length: 6 }, async () => {
          for (let round = 0; round < 20; round += 1) {
            const reservation = await keys.reserve(record, 0.5, 100, clock.now);
            if ("limit" in reservation) throw new Error(`refused: ${reservation.limit}`);
            await keys.release(record, reservation, 0.5, 0.25, -50);
          }
        }));
        expect(await keys.spent(record)).toBeCloseTo(120 * 0.25, 9);
      }));
  });
}

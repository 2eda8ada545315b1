import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ThreadLeases } from "../../checkpoints/index.ts";

/** A clock the cases move by hand. */
export interface TestClock {
  now: () => number;
  advance(milliseconds: number): void;
}

export function testClock(start = 1_000_000): TestClock {
  let current = start;
  return { now: () => current, advance: (milliseconds) => (current += milliseconds) };
}

/** One set of cases every ThreadLeases implementation passes (SQLite, Postgres). */
export function describeThreadLeaseCases(name: string, open: (clock: TestClock, ttlMs: number) => Promise<{ leases: ThreadLeases; close(): Promise<void> }>): void {
  describe(`${name} thread leases`, () => {
    const clock = testClock();
    let leases: ThreadLeases;
    let close: () => Promise<void>;
    const a = { instanceId: "host:1:a", runId: "run-a" };
    const b = { instanceId: "host:2:b", runId: "run-b" };

    beforeEach(async () => {
      ({ leases, close } = await open(clock, 1_000));
    });
    afterEach(async () => {
      await close();
    });

    it("gives a free thread to the first run and names that run to the second", async () => {
      expect((await leases.acquire("t1", a)).acquired).toBe(true);
      const second = await leases.acquire("t1", b);
      expect(second).toMatchObject({ acquired: false, holder: { threadId: "t1", instanceId: "host:1:a", runId: "run-a" } });
      // Another run of the same instance is refused too: one run per thread, not one process per thread.
      expect((await leases.acquire("t1", { instanceId: a.instanceId, runId: "run-a2" })).acquired).toBe(false);
      expect((await leases.acquire("t2", b)).acquired).toBe(true);
    });

    it("lets exactly one of many concurrent acquirers win", async () => {
      const owners = Array.from({ length: 12 }, (_, index) => ({ instanceId: `host:${index}:x`, runId: `run-${index}` }));
      const results = await Promise.all(owners.map((owner) => leases.acquire("contended", owner)));
      expect(results.filter((result) => result.acquired)).toHaveLength(1);
    });

    it("keeps a lease alive by heartbeat and lets it be taken over once the heartbeats stop", async () => {
      await leases.acquire("t1", a);
      clock.advance(800);
      expect(await leases.beat(a.instanceId)).toEqual(["t1"]);
      clock.advance(800);
      expect((await leases.acquire("t1", b)).acquired).toBe(false);
      expect(await leases.instanceAlive(a.instanceId)).toBe(true);
      clock.advance(201);
      expect(await leases.instanceAlive(a.instanceId)).toBe(false);
      const takeover = await leases.acquire("t1", b);
      expect(takeover).toMatchObject({ acquired: true, lease: { runId: "run-b", expiresAt: clock.now() + 1_000 } });
      // The stalled owner's next beat no longer holds t1, and it can neither release nor hand off b's lease.
      expect(await leases.beat(a.instanceId)).toEqual([]);
      expect(await leases.release("t1", a)).toBe(false);
      expect(await leases.handOff("t1", a, "run-a2")).toBe(false);
      expect((await leases.holder("t1"))?.runId).toBe("run-b");
    });

    it("takes a live lease over only when asked to, and only from the holder it judged", async () => {
      await leases.acquire("t1", a);
      const judged: string[] = [];
      const taken = await leases.acquire("t1", b, { takeOver: (holder) => (judged.push(holder.runId), true) });
      expect(judged).toEqual(["run-a"]);
      expect(taken.acquired).toBe(true);
      expect((await leases.acquire("t1", a, { takeOver: () => false })).acquired).toBe(false);
    });

    it("hands a lease to the owner's next run without freeing it, and releases it at the end", async () => {
      await leases.acquire("t1", a);
      expect(await leases.handOff("t1", a, "run-a2")).toBe(true);
      expect((await leases.holder("t1"))?.runId).toBe("run-a2");
      expect(await leases.release("t1", a)).toBe(false);
      expect(await leases.release("t1", { instanceId: a.instanceId, runId: "run-a2" })).toBe(true);
      expect(await leases.holder("t1")).toBeUndefined();
      expect((await leases.acquire("t1", b)).acquired).toBe(true);
    });

    it("retires an instance with its leases on a clean shutdown", async () => {
      await leases.beat(a.instanceId);
      await leases.acquire("t1", a);
      await leases.retire(a.instanceId);
      expect(await leases.instanceAlive(a.instanceId)).toBe(false);
      expect((await leases.acquire("t1", b)).acquired).toBe(true);
    });
  });
}

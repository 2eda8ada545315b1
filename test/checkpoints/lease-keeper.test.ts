import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LeaseKeeper, openDatabase, SqliteThreadLeases, ThreadBusyError, type ThreadLeases } from "../../checkpoints/index.ts";

describe("LeaseKeeper", () => {
  let database: ReturnType<typeof openDatabase>;
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    database = openDatabase(":memory:");
  });
  afterEach(() => {
    database.close();
    vi.useRealTimers();
  });

  it("keeps a held lease alive past its ttl by heartbeat, and frees it on release", async () => {
    const leases = new SqliteThreadLeases(database, { ttlMs: 1_000, now: Date.now });
    const keeper = new LeaseKeeper({ leases, instanceId: "host:1:a", heartbeatMs: 300, now: Date.now });
    const rival = new LeaseKeeper({ leases, instanceId: "host:2:b", heartbeatMs: 300, now: Date.now });
    const held = await keeper.hold("t1", "run-1");
    await vi.advanceTimersByTimeAsync(5_000);
    const refused = await rival.hold("t1", "run-2").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ThreadBusyError);
    expect((refused as ThreadBusyError).message).toMatch(/thread "t1" is busy: run run-1 of host:1:a .*Fix:/);
    expect(held.signal.aborted).toBe(false);
    await held.release();
    expect((await rival.hold("t1", "run-2")).owner.runId).toBe("run-2");
  });

  it("aborts a run whose lease another instance took over while its heartbeat stalled", async () => {
    const leases = new SqliteThreadLeases(database, { ttlMs: 1_000, now: Date.now });
    const keeper = new LeaseKeeper({ leases, instanceId: "host:1:a", heartbeatMs: 300, now: Date.now });
    const held = await keeper.hold("t1", "run-1");
    // The process stalls: no timers fire while the clock moves past the expiry, and a rival takes over.
    vi.setSystemTime(Date.now() + 2_000);
    expect((await leases.acquire("t1", { instanceId: "host:2:b", runId: "run-2" })).acquired).toBe(true);
    await keeper.beat();
    expect(held.signal.aborted).toBe(true);
    expect(held.signal.reason).toBeInstanceOf(ThreadBusyError);
    expect((held.signal.reason as ThreadBusyError).holder.runId).toBe("run-2");
  });

  it("keeps a lease taken while a heartbeat was on its way (the beat's answer cannot list it)", async () => {
    const leases = new SqliteThreadLeases(database, { ttlMs: 1_000, now: Date.now });
    let answer: (() => void) | undefined;
    // The beat reads the held leases at once, and its answer arrives after the new lease was taken.
    const slowBeat: ThreadLeases = {
      ttlMs: leases.ttlMs,
      acquire: (threadId, owner, options) => leases.acquire(threadId, owner, options),
      handOff: (threadId, from, toRunId) => leases.handOff(threadId, from, toRunId),
      release: (threadId, owner) => leases.release(threadId, owner),
      holder: (threadId) => leases.holder(threadId),
      beat: async (instanceId) => {
        const held = await leases.beat(instanceId);
        await new Promise<void>((resolve) => (answer = resolve));
        return held;
      },
      instanceAlive: (instanceId) => leases.instanceAlive(instanceId),
      retire: (instanceId) => leases.retire(instanceId),
      close: () => leases.close(),
    };
    const keeper = new LeaseKeeper({ leases: slowBeat, instanceId: "host:1:a", heartbeatMs: 300, now: Date.now });
    const beating = keeper.beat();
    const held = await keeper.hold("t1", "run-1");
    answer?.();
    await beating;
    expect(held.signal.aborted).toBe(false);
    expect((await leases.holder("t1"))?.runId).toBe("run-1");
    await held.release();
  });
});

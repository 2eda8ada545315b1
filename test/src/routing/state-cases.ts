import { it, expect, beforeEach, afterEach } from "vitest";
import type { DeploymentLimits, RoutingStateStore } from "../../../src/routing/index.ts";

/**
 * The cases every RoutingStateStore passes: memory and Redis run this same file, so a limit means the same on
 * one process as across a fleet. `makeStore` returns a fresh, empty store.
 */
export function routingStateCases(makeStore: () => Promise<RoutingStateStore>): void {
  let store: RoutingStateStore;
  let sequence = 0;
  const acquire = (deploymentId: string, now: number, limits: DeploymentLimits, tokens = 10, leaseTtlMs = 120_000) => {
    sequence += 1;
    return store.acquire({ deploymentId, leaseId: `lease-${sequence}`, tokens, limits, now, leaseTtlMs });
  };

  beforeEach(async () => {
    store = await makeStore();
  });
  afterEach(async () => {
    await store.clear();
    await store.close();
  });

  it("admits exactly rpm requests in any 60 s window and refuses the next until the oldest leaves", async () => {
    const base = 1_000_000;
    for (const offset of [0, 10_000, 20_000]) expect((await acquire("a", base + offset, { rpm: 3 })).ok).toBe(true);
    const fourth = await acquire("a", base + 59_999, { rpm: 3 });
    expect(fourth).toMatchObject({ ok: false, refusal: { limit: "rpm", retryAtMs: base + 60_000 } });
    expect((await acquire("a", base + 60_000, { rpm: 3 })).ok).toBe(true);
    expect((await acquire("a", base + 60_001, { rpm: 3 })).ok).toBe(false);
    expect((await acquire("a", base + 70_000, { rpm: 3 })).ok).toBe(true);
  });

  it("counts tpm with the estimate, then with the actual tokens given at release", async () => {
    const now = 2_000_000;
    const first = await acquire("b", now, { tpm: 100 }, 80);
    expect(first.ok).toBe(true);
    const refused = await acquire("b", now + 1, { tpm: 100 }, 30);
    expect(refused).toMatchObject({ ok: false, refusal: { limit: "tpm", retryAtMs: now + 60_000 } });
    if (!first.ok) throw new Error("unreachable");
    await store.release(first.lease, 50, now + 2);
    expect((await acquire("b", now + 3, { tpm: 100 }, 50)).ok).toBe(true);
    expect((await acquire("b", now + 4, { tpm: 100 }, 1)).ok).toBe(false);
  });

  it("refuses for good a request larger than the whole tpm budget", async () => {
    expect(await acquire("c", 0, { tpm: 100 }, 101)).toMatchObject({ ok: false, refusal: { limit: "tpm", retryAtMs: null } });
  });

  it("holds max_concurrent until a lease is released or expires", async () => {
    const now = 3_000_000;
    const first = await acquire("d", now, { max_concurrent: 2 }, 1, 5_000);
    expect((await acquire("d", now, { max_concurrent: 2 }, 1, 5_000)).ok).toBe(true);
    expect(await acquire("d", now + 1, { max_concurrent: 2 })).toMatchObject({ ok: false, refusal: { limit: "max_concurrent" } });
    if (!first.ok) throw new Error("unreachable");
    await store.release(first.lease, undefined, now + 2);
    expect((await acquire("d", now + 3, { max_concurrent: 2 }, 1, 5_000)).ok).toBe(true);
    expect((await acquire("d", now + 4, { max_concurrent: 2 })).ok).toBe(false);
    // Leases of a crashed holder stop counting when they expire.
    expect((await acquire("d", now + 5_001, { max_concurrent: 2 })).ok).toBe(true);
  });

  it("keeps the later cooldown: a shorter one never cuts a running cooldown short", async () => {
    expect(await store.setCooldown("e", 5_000, "first")).toEqual({ until: 5_000, reason: "first" });
    expect(await store.setCooldown("e", 4_000, "shorter")).toEqual({ until: 5_000, reason: "first" });
    expect(await store.setCooldown("e", 9_000, "extended")).toEqual({ until: 9_000, reason: "extended" });
    const [runtime] = await store.snapshot(["e"], 1_000);
    expect(runtime).toMatchObject({ cooldownUntil: 9_000, cooldownReason: "extended" });
    await store.clearCooldown("e");
    expect((await store.snapshot(["e"], 1_000))[0]?.cooldownUntil).toBe(0);
  });

  it("counts failures and requests within the failure window", async () => {
    expect(await store.recordOutcome("f", false, 1_000, 10_000)).toEqual({ failures: 1, requests: 1 });
    expect(await store.recordOutcome("f", true, 2_000, 10_000)).toEqual({ failures: 1, requests: 2 });
    expect(await store.recordOutcome("f", false, 11_500, 10_000)).toEqual({ failures: 1, requests: 2 });
  });

  it("snapshots usage, in-flight counts and the latency moving average", async () => {
    const now = 4_000_000;
    await acquire("g", now, {}, 40);
    await acquire("g", now + 10, {}, 60);
    await store.recordLatency("g", 100, now, 0.5);
    await store.recordLatency("g", 200, now + 5, 0.5);
    const [runtime, untouched] = await store.snapshot(["g", "never-seen"], now + 20);
    expect(runtime).toMatchObject({ inFlight: 2, requestsInWindow: 2, tokensInWindow: 100, oldestInWindowAt: now, latencyMs: 150, latencyUpdatedAt: now + 5 });
    expect(untouched).toMatchObject({ inFlight: 0, requestsInWindow: 0, cooldownUntil: 0, oldestInWindowAt: null });
    expect(Number.isNaN(untouched?.latencyMs)).toBe(true);
    const [later] = await store.snapshot(["g"], now + 60_000);
    expect(later).toMatchObject({ requestsInWindow: 1, tokensInWindow: 60 });
  });
}

import { describe, it, expect } from "vitest";
import { MemoryRoutingStateStore } from "../../../src/routing/index.ts";
import { routingStateCases } from "./state-cases.ts";

describe("MemoryRoutingStateStore", () => {
  routingStateCases(async () => new MemoryRoutingStateStore());

  it("with the router's reused id array, snapshots still see new usage, the window sliding and leases expiring", () => {
    const store = new MemoryRoutingStateStore();
    const ids = ["a", "b"];
    const now = 1_000_000;
    expect(store.snapshotSync(ids, now)[0]).toMatchObject({ requestsInWindow: 0, inFlight: 0 });
    store.acquireSync({ deploymentId: "a", leaseId: "one", tokens: 50, limits: {}, now, leaseTtlMs: 90_000 });
    store.acquireSync({ deploymentId: "a", leaseId: "two", tokens: 70, limits: {}, now: now + 30_000, leaseTtlMs: 90_000 });
    store.acquireSync({ deploymentId: "b", leaseId: "three", tokens: 10, limits: {}, now, leaseTtlMs: 1_000 });
    expect(store.snapshotSync(ids, now + 999)[1]).toMatchObject({ requestsInWindow: 1, inFlight: 1 });
    expect(store.snapshotSync(ids, now + 1_000)[1]).toMatchObject({ requestsInWindow: 1, inFlight: 0 });
    expect(store.snapshotSync(ids, now + 30_001)[0]).toMatchObject({ requestsInWindow: 2, tokensInWindow: 120, inFlight: 2, oldestInWindowAt: now });
    // The first request leaves the 60 s window; both leases are still held.
    expect(store.snapshotSync(ids, now + 60_001)[0]).toMatchObject({ requestsInWindow: 1, tokensInWindow: 70, inFlight: 2, oldestInWindowAt: now + 30_000 });
    // The first lease expires at now + 90 s, the second at now + 120 s.
    expect(store.snapshotSync(ids, now + 90_000)[0]).toMatchObject({ requestsInWindow: 0, tokensInWindow: 0, inFlight: 1, oldestInWindowAt: null });
    expect(store.snapshotSync(ids, now + 120_000)[0]).toMatchObject({ inFlight: 0 });
    expect(store.snapshotSync(ids, now + 120_001)[1]).toMatchObject({ requestsInWindow: 0, tokensInWindow: 0, inFlight: 0 });
  });
});

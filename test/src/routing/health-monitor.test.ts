import { describe, it, expect, beforeEach, afterEach, vi } from "vitest";
import { HealthMonitor } from "../../../src/routing/index.ts";
import { deployment } from "./fixtures.ts";

describe("HealthMonitor", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("marks a deployment unhealthy after consecutive failed probes and healthy again after a pass", async () => {
    const up = new Map([["a", true], ["b", true]]);
    const monitor = new HealthMonitor({
      deployments: [deployment("a"), deployment("b")],
      probe: async (target) => up.get(target.id) ?? false,
      intervalMs: 1_000,
      unhealthyAfter: 2,
      now: () => Date.now(),
    });
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(monitor.snapshot().map((item) => item.state)).toEqual(["healthy", "healthy"]);
    up.set("b", false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(monitor.isHealthy("b")).toBe(true);
    expect(monitor.unhealthyCount).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(monitor.isHealthy("b")).toBe(false);
    // Selection asks isHealthy per deployment only while this is above 0.
    expect(monitor.unhealthyCount).toBe(1);
    expect(monitor.snapshot()[1]).toMatchObject({ state: "unhealthy", consecutiveFailures: 2, lastError: "probe returned false" });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(monitor.unhealthyCount).toBe(1);
    up.set("b", true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(monitor.isHealthy("b")).toBe(true);
    expect(monitor.unhealthyCount).toBe(0);
    monitor.stop();
  });

  it("counts a probe that hangs past its timeout, or throws, as failed", async () => {
    const monitor = new HealthMonitor({
      deployments: [deployment("slow"), deployment("broken")],
      probe: (target) => (target.id === "slow" ? new Promise<boolean>(() => undefined) : Promise.reject(new Error("ECONNREFUSED"))),
      intervalMs: 10_000,
      timeoutMs: 500,
      unhealthyAfter: 1,
    });
    const round = monitor.checkNow();
    await vi.advanceTimersByTimeAsync(500);
    await round;
    expect(monitor.snapshot().map((item) => [item.state, item.lastError])).toEqual([
      ["unhealthy", "probe timed out after 500 ms"],
      ["unhealthy", "ECONNREFUSED"],
    ]);
  });
});

import { describe, it, expect } from "vitest";
import { freshRuntime, select, type DeploymentRuntime, type SelectRequest } from "../../../src/routing/index.ts";
import { deployment, group, seeded } from "./fixtures.ts";

const request: SelectRequest = { estimatedInputTokens: 1_000, estimatedOutputTokens: 200 };
const now = 10_000_000;

function runtime(overrides: Partial<DeploymentRuntime>): DeploymentRuntime {
  return { ...freshRuntime(), ...overrides };
}

describe("select: filtering", () => {
  const deployments = [deployment("a"), deployment("b", { limits: { rpm: 2 } }), deployment("c", { context_window: 1_000 }), deployment("d")];

  it("skips cooling, over-limit, too-small and excluded deployments and says so", () => {
    const runtimes = [runtime({ cooldownUntil: now + 5_000 }), runtime({ requestsInWindow: 2, oldestInWindowAt: now - 50_000 }), runtime({}), runtime({})];
    const selection = select({ group: group("g", ["a", "b", "c", "d"]), deployments, runtimes, request, now, random: seeded(1) });
    expect(selection.deployment?.id).toBe("d");
    expect(selection.candidates).toEqual(["d"]);
    expect(selection.skipped).toMatchObject({ cooling: 1, overLimit: 1, contextWindow: 1 });
    expect(selection.reason).toContain("1 cooling down");
  });

  it("with nothing left, reports when the first deployment recovers instead of just failing", () => {
    const runtimes = [runtime({ cooldownUntil: now + 5_000 }), runtime({ requestsInWindow: 2, oldestInWindowAt: now - 58_000 }), runtime({}), runtime({})];
    const selection = select({
      group: group("g", ["a", "b", "c", "d"]),
      deployments,
      runtimes,
      request: { ...request, exclude: new Set(["d"]) },
      now,
      random: seeded(1),
    });
    expect(selection.deployment).toBeNull();
    expect(selection.earliestRecoveryAt).toBe(now + 2_000);
    expect(selection.reason).toMatch(/no deployment of group g.*earliest recovery in 2000 ms/);
  });

  it("skips unhealthy deployments unless every one is unhealthy", () => {
    const two = [deployment("a"), deployment("b")];
    const some = select({ group: group("g", ["a", "b"]), deployments: two, request, now, random: seeded(2), isHealthy: (id) => id !== "a" });
    expect(some.deployment?.id).toBe("b");
    const none = select({ group: group("g", ["a", "b"]), deployments: two, request, now, random: seeded(2), isHealthy: () => false });
    expect(none.deployment).not.toBeNull();
    expect(none.reason).toContain("failed its health probe");
  });
});

describe("select: strategies", () => {
  it("weighted: shares follow the weights", () => {
    const deployments = [deployment("heavy", { weight: 3 }), deployment("light", { weight: 1 })];
    const random = seeded(7);
    let heavy = 0;
    for (let index = 0; index < 4_000; index += 1) {
      if (select({ group: group("g", ["heavy", "light"]), deployments, request, now, random }).deployment?.id === "heavy") heavy += 1;
    }
    expect(heavy / 4_000).toBeGreaterThan(0.72);
    expect(heavy / 4_000).toBeLessThan(0.78);
  });

  it("least-busy: fewest in flight", () => {
    const deployments = [deployment("a"), deployment("b"), deployment("c")];
    const runtimes = [runtime({ inFlight: 4 }), runtime({ inFlight: 1 }), runtime({ inFlight: 2 })];
    const selection = select({ group: group("g", ["a", "b", "c"], { strategy: "least-busy" }), deployments, runtimes, request, now, random: seeded(3) });
    expect(selection.deployment?.id).toBe("b");
    expect(selection.reason).toBe("least-busy: b has 1 in flight");
  });

  it("latency: random among those within the buffer of the fastest, never a slow one", () => {
    const deployments = [deployment("fast"), deployment("close"), deployment("slow")];
    const runtimes = [
      runtime({ latencyMs: 100, latencyUpdatedAt: now }),
      runtime({ latencyMs: 108, latencyUpdatedAt: now }),
      runtime({ latencyMs: 300, latencyUpdatedAt: now }),
    ];
    const chosen = new Set<string>();
    const random = seeded(4);
    for (let index = 0; index < 200; index += 1) {
      const selection = select({ group: group("g", ["fast", "close", "slow"], { strategy: "latency" }), deployments, runtimes, request, now, random });
      chosen.add(selection.deployment?.id ?? "");
    }
    expect([...chosen].sort()).toEqual(["close", "fast"]);
  });

  it("latency: a stale average (past the TTL) makes the deployment count as unmeasured and get tried", () => {
    const deployments = [deployment("fast"), deployment("recovered")];
    const runtimes = [runtime({ latencyMs: 100, latencyUpdatedAt: now }), runtime({ latencyMs: 9_000, latencyUpdatedAt: now - 3_600_001 })];
    const selection = select({ group: group("g", ["fast", "recovered"], { strategy: "latency" }), deployments, runtimes, request, now, random: seeded(5) });
    expect(selection.deployment?.id).toBe("recovered");
    expect(selection.reason).toContain("no fresh latency sample");
  });

  it("usage: most rpm/tpm headroom", () => {
    const deployments = [deployment("busy", { limits: { rpm: 10 } }), deployment("idle", { limits: { rpm: 10 } })];
    const runtimes = [runtime({ requestsInWindow: 8, oldestInWindowAt: now }), runtime({ requestsInWindow: 2, oldestInWindowAt: now })];
    const selection = select({ group: group("g", ["busy", "idle"], { strategy: "usage" }), deployments, runtimes, request, now, random: seeded(6) });
    expect(selection.deployment?.id).toBe("idle");
    expect(selection.reason).toContain("70%");
  });

  it("cost: cheapest for this request's token mix", () => {
    const deployments = [
      deployment("cheap-in", { price: { input_per_1m: 0.1, output_per_1m: 40 } }),
      deployment("cheap-out", { price: { input_per_1m: 2, output_per_1m: 1 } }),
    ];
    const outputHeavy = select({
      group: group("g", ["cheap-in", "cheap-out"], { strategy: "cost" }),
      deployments,
      request: { estimatedInputTokens: 100, estimatedOutputTokens: 2_000 },
      now,
      random: seeded(7),
    });
    expect(outputHeavy.deployment?.id).toBe("cheap-out");
    const inputHeavy = select({
      group: group("g", ["cheap-in", "cheap-out"], { strategy: "cost" }),
      deployments,
      request: { estimatedInputTokens: 100_000, estimatedOutputTokens: 10 },
      now,
      random: seeded(7),
    });
    expect(inputHeavy.deployment?.id).toBe("cheap-in");
    expect(inputHeavy.reason).toMatch(/^cost: cheap-in costs \$0\.0104/);
  });

  it("triad: correctness dominates by default, cost wins when the request weights say so", () => {
    const deployments = [
      deployment("accurate", { price: { input_per_1m: 10, output_per_1m: 30 } }),
      deployment("cheap", { price: { input_per_1m: 0.1, output_per_1m: 0.3 } }),
    ];
    const expectedCorrectness = (candidate: { id: string }) => (candidate.id === "accurate" ? 0.95 : 0.5);
    const base = { group: group("g", ["accurate", "cheap"], { strategy: "triad" }), deployments, now, random: seeded(8), expectedCorrectness };
    expect(select({ ...base, request }).deployment?.id).toBe("accurate");
    const frugal = select({ ...base, request: { ...request, weights: { correctness: 1, latency: 0, cost: 2 } } });
    expect(frugal.deployment?.id).toBe("cheap");
    expect(frugal.reason).toMatch(/triad: cheap scores .*correctness 0\.50.*weights c=1 l=0 \$=2/);
  });
});

describe("select: consistent hash", () => {
  const ids = Array.from({ length: 10 }, (_, index) => `d${index}`);
  const deployments = ids.map((id) => deployment(id));
  const assign = (pool: typeof deployments, key: string) =>
    select({ group: group("g", pool.map((item) => item.id), { strategy: "consistent-hash" }), deployments: pool, request: { ...request, sessionKey: key }, now, random: seeded(9) }).deployment?.id;

  it("keeps a session on its deployment", () => {
    const first = assign(deployments, "thread-42");
    for (let index = 0; index < 20; index += 1) expect(assign(deployments, "thread-42")).toBe(first);
  });

  it("moves only the sessions of a deployment that leaves, and spreads keys evenly", () => {
    const keys = Array.from({ length: 2_000 }, (_, index) => `session-${index}`);
    const before = new Map(keys.map((key) => [key, assign(deployments, key)]));
    const without = deployments.filter((item) => item.id !== "d3");
    let moved = 0;
    for (const key of keys) {
      const after = assign(without, key);
      if (before.get(key) !== "d3") expect(after).toBe(before.get(key));
      else moved += 1;
    }
    expect(moved).toBeGreaterThan(120);
    expect(moved).toBeLessThan(280);
  });
});

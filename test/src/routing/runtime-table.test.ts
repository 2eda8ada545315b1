import { describe, it, expect } from "vitest";
import { strategyNames, type DeploymentConfig, type StrategyName } from "../../../src/config/schema.ts";
import { MemoryRoutingStateStore, select, type DeploymentRuntime, type Selection } from "../../../src/routing/index.ts";
import type { RuntimeTable } from "../../../src/routing/runtime-table.ts";
import { deployment, group, seeded } from "./fixtures.ts";

const start = 10_000_000;

function row(table: RuntimeTable, index: number): DeploymentRuntime {
  const oldest = table.oldestInWindowAt[index] as number;
  return {
    cooldownUntil: table.cooldownUntil[index] as number,
    cooldownReason: "",
    inFlight: table.inFlight[index] as number,
    requestsInWindow: table.requestsInWindow[index] as number,
    tokensInWindow: table.tokensInWindow[index] as number,
    oldestInWindowAt: Number.isNaN(oldest) ? null : oldest,
    latencyMs: table.latencyMs[index] as number,
    latencyUpdatedAt: table.latencyUpdatedAt[index] as number,
  };
}

/** Random traffic on a memory store: acquires under tight limits, releases, cooldowns, latency samples, time passing. */
async function churn(store: MemoryRoutingStateStore, deployments: readonly DeploymentConfig[], random: () => number, steps: number, onStep: (now: number) => void): Promise<void> {
  const held: { deploymentId: string; leaseId: string; tokens: number; acquiredAt: number }[] = [];
  let now = start;
  for (let step = 0; step < steps; step += 1) {
    now += Math.floor(random() * 400);
    const target = deployments[Math.floor(random() * deployments.length)] as DeploymentConfig;
    const roll = random();
    if (roll < 0.45) {
      const result = await store.acquire({ deploymentId: target.id, leaseId: `lease-${step}`, tokens: 100 + Math.floor(random() * 900), limits: target.limits, now, leaseTtlMs: 20_000 });
      if (result.ok) held.push(result.lease);
    } else if (roll < 0.75 && held.length > 0) {
      const [lease] = held.splice(Math.floor(random() * held.length), 1);
      if (lease !== undefined) await store.release(lease, Math.floor(random() * 1_000), now);
    } else if (roll < 0.85) {
      await store.setCooldown(target.id, now + Math.floor(random() * 20_000), "test");
    } else if (roll < 0.9) {
      await store.clearCooldown(target.id);
    } else {
      await store.recordLatency(target.id, 50 + random() * 500, now, 0.3);
    }
    onStep(now);
  }
}

function fleet(size: number, random: () => number): DeploymentConfig[] {
  return Array.from({ length: size }, (_, index) =>
    deployment(`d${index}`, {
      weight: 1 + Math.floor(random() * 3),
      price: { input_per_1m: 0.1 + Math.floor(random() * 4), output_per_1m: 0.5 + Math.floor(random() * 4) },
      limits: { max_concurrent: 2 + Math.floor(random() * 3), rpm: 3 + Math.floor(random() * 4), tpm: 2_000 + Math.floor(random() * 3_000) },
    }),
  );
}

function summary(selection: Selection): unknown {
  return { deployment: selection.deployment?.id ?? null, reason: selection.reason, candidates: selection.candidates, skipped: selection.skipped, earliestRecoveryAt: selection.earliestRecoveryAt };
}

describe("MemoryRoutingStateStore: the runtime table of a group", () => {
  it("stays equal to the live runtimes through acquires, releases, cooldowns, latency samples and expiring windows", async () => {
    const random = seeded(21);
    const deployments = fleet(12, random);
    const ids = deployments.map((item) => item.id);
    const store = new MemoryRoutingStateStore();
    let staleSeen = 0;
    await churn(store, deployments, random, 600, (now) => {
      const table = store.runtimeTableSync(ids, now);
      const runtimes = store.snapshotSync(ids, now);
      for (let index = 0; index < ids.length; index += 1) expect(row(table, index)).toEqual({ ...runtimes[index], cooldownReason: "" });
      // The bounds stay upper bounds of every column, whatever was written.
      for (let index = 0; index < ids.length; index += 1) {
        expect(table.inFlight[index]).toBeLessThanOrEqual(table.mostInFlight);
        expect(table.requestsInWindow[index]).toBeLessThanOrEqual(table.mostRequestsInWindow);
        expect(table.tokensInWindow[index]).toBeLessThanOrEqual(table.mostTokensInWindow);
        expect(table.cooldownUntil[index]).toBeLessThanOrEqual(table.latestCooldownUntil);
      }
      // The latency sums kept on every write match a plain count of the fresh samples (a short ttl, so samples go stale).
      const staleBefore = now - 20_000;
      table.freshLatency(staleBefore);
      const fresh = runtimes.filter((runtime) => !Number.isNaN(runtime.latencyMs) && runtime.latencyUpdatedAt >= staleBefore).map((runtime) => runtime.latencyMs);
      expect(table.latencyCount).toBe(fresh.length);
      expect(table.slowestLatency).toBe(Math.max(0, ...fresh));
      expect(table.latencySum).toBeCloseTo(fresh.reduce((sum, value) => sum + value, 0), 6);
      for (const [index, runtime] of runtimes.entries()) {
        expect(table.freshLatencyMs[index]).toBe(runtime.latencyUpdatedAt >= staleBefore ? runtime.latencyMs : Number.NaN);
      }
      if (fresh.length < ids.length) staleSeen += 1;
    });
    expect(staleSeen).toBeGreaterThan(100);
  });

  it("finds its table again for a new array of the same ids (a status page), so writes do not pile up tables", () => {
    const store = new MemoryRoutingStateStore();
    const first = store.runtimeTableSync(["a", "b"], start);
    expect(store.runtimeTableSync(["a", "b"], start)).toBe(first);
    expect(store.runtimeTableSync(["b", "a"], start)).not.toBe(first);
  });
});

describe("select over the memory store's table", () => {
  it("chooses exactly as over the runtime objects, for every strategy, while limits, cooldowns and bounds move", async () => {
    const random = seeded(33);
    const deployments = fleet(8, random);
    const ids = deployments.map((item) => item.id);
    const store = new MemoryRoutingStateStore();
    const expectedCorrectness = (item: DeploymentConfig) => 0.6 + (item.weight % 3) * 0.1;
    let compared = 0;
    let atALimit = 0;
    await churn(store, deployments, random, 1_500, (now) => {
      const strategy = strategyNames[compared % strategyNames.length] as StrategyName;
      const chat = group("g", ids, { strategy });
      const request = { estimatedInputTokens: 200 + Math.floor(random() * 800), estimatedOutputTokens: 100, sessionKey: `s${compared % 13}` };
      const base = { group: chat, deployments, request, now, expectedCorrectness };
      // The table first: its bounds may be loose (raised by writes) or settled by the selection itself.
      const overTable = select({ ...base, runtimes: store.runtimeTableSync(ids, now), random: seeded(compared) });
      const overObjects = select({ ...base, runtimes: store.snapshotSync(ids, now).map((runtime) => ({ ...runtime })), random: seeded(compared) });
      expect(summary(overTable)).toEqual(summary(overObjects));
      if (overObjects.skipped.overLimit > 0) atALimit += 1;
      compared += 1;
    });
    // The comparison covered selections where limit checks had to run, not only the fast path.
    expect(atALimit).toBeGreaterThan(100);
  });

  it("takes a deployment back as soon as it is under its limit again (the raised bound is settled)", async () => {
    const deployments = [deployment("a", { limits: { max_concurrent: 1 } }), deployment("b")];
    const ids = ["a", "b"];
    const chat = group("g", ids, { strategy: "least-busy" });
    const store = new MemoryRoutingStateStore();
    const request = { estimatedInputTokens: 10, estimatedOutputTokens: 10 };
    const acquired = await store.acquire({ deploymentId: "a", leaseId: "one", tokens: 20, limits: { max_concurrent: 1 }, now: start, leaseTtlMs: 60_000 });
    const busy = select({ group: chat, deployments, runtimes: store.runtimeTableSync(ids, start), request, now: start, random: seeded(1) });
    expect(busy.candidates).toEqual(["b"]);
    if (!acquired.ok) throw new Error("unreachable");
    await store.release(acquired.lease, undefined, start + 1);
    const free = select({ group: chat, deployments, runtimes: store.runtimeTableSync(ids, start + 1), request, now: start + 1, random: seeded(1) });
    expect(free.candidates).toEqual(["a", "b"]);
  });

  it("skips a deployment at exactly its rpm, tpm or max_concurrent while every other count is clear", async () => {
    const limits = { rpm: 2, tpm: 1_000, max_concurrent: 2 };
    const deployments = [deployment("full", { limits }), deployment("idle", { limits })];
    const ids = ["full", "idle"];
    const request = { estimatedInputTokens: 100, estimatedOutputTokens: 100 };
    const cases: { name: string; leases: number[]; release: boolean }[] = [
      { name: "rpm", leases: [10, 10], release: true },
      { name: "tpm", leases: [900], release: true },
      { name: "max_concurrent", leases: [10, 10], release: false },
    ];
    for (const { name, leases, release } of cases) {
      const store = new MemoryRoutingStateStore();
      for (const [index, tokens] of leases.entries()) {
        const acquired = await store.acquire({ deploymentId: "full", leaseId: `${name}-${index}`, tokens, limits, now: start, leaseTtlMs: 60_000 });
        if (!acquired.ok) throw new Error(`could not set up ${name}`);
        if (release) await store.release(acquired.lease, undefined, start);
      }
      const selection = select({ group: group("g", ids), deployments, runtimes: store.runtimeTableSync(ids, start + 1), request, now: start + 1, random: seeded(2) });
      expect({ name, candidates: selection.candidates }).toEqual({ name, candidates: ["idle"] });
      // A smaller request fits what is left of the tpm budget; a full rpm or max_concurrent stays full.
      const fits = select({ group: group("g", ids), deployments, runtimes: store.runtimeTableSync(ids, start + 1), request: { estimatedInputTokens: 50, estimatedOutputTokens: 50 }, now: start + 1, random: seeded(2) });
      expect(fits.candidates.includes("full")).toBe(name === "tpm");
    }
  });
});

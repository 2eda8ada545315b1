import { describe, it, expect } from "vitest";
import type { DeploymentConfig } from "../../../../src/config/schema.ts";
import { freshRuntime, select, type DeploymentRuntime } from "../../../../src/routing/index.ts";
import { deployment, group, seeded } from "../fixtures.ts";

const now = 10_000_000;
const ttlMs = 3_600_000;

/**
 * The triad score as documented, computed the plain way for every deployment. The normalisers (slowest and mean
 * fresh latency, highest price) are over the whole group, cooling deployments included: the score is relative to
 * the slowest / priciest deployment of the group (it used to be relative to the eligible ones only).
 */
function textbookScores(deployments: readonly DeploymentConfig[], runtimes: readonly DeploymentRuntime[], correctness: (item: DeploymentConfig) => number, weights: { correctness: number; latency: number; cost: number }): number[] {
  const latencies = runtimes.map((runtime) => (runtime.latencyUpdatedAt < now - ttlMs ? Number.NaN : runtime.latencyMs));
  const measured = latencies.filter((value) => !Number.isNaN(value));
  const mean = measured.length > 0 ? measured.reduce((sum, value) => sum + value, 0) / measured.length : 0;
  const slowest = Math.max(0, ...measured);
  const prices = deployments.map((item) => (800 * item.price.input_per_1m + 200 * item.price.output_per_1m) / 1_000_000);
  const dearest = Math.max(0, ...prices);
  return deployments.map((item, index) => {
    const latency = Number.isNaN(latencies[index] as number) ? mean : (latencies[index] as number);
    const clamped = Math.min(1, Math.max(0, correctness(item)));
    return weights.correctness * clamped - (weights.latency * latency) / slowest - (weights.cost * (prices[index] as number)) / dearest;
  });
}

describe("triad: skipping hopeless candidates keeps the best one", () => {
  it("picks a deployment with the highest textbook score, asking correctness of fewer deployments than a full pass", () => {
    const random = seeded(41);
    let askedInAll = 0;
    let fullPasses = 0;
    for (let round = 0; round < 60; round += 1) {
      const size = 5 + Math.floor(random() * 80);
      const deployments = Array.from({ length: size }, (_, index) =>
        deployment(`d${index}`, { price: { input_per_1m: 0.1 + random() * 10, output_per_1m: 0.3 + random() * 30 } }),
      );
      // Some deployments cooling down (left out, still part of the scale), some with a stale (past the ttl) sample.
      const runtimes = deployments.map(() => ({
        ...freshRuntime(),
        latencyMs: random() < 0.1 ? Number.NaN : 50 + random() * 900,
        latencyUpdatedAt: random() < 0.1 ? now - ttlMs - 1 : now,
        cooldownUntil: random() < 0.2 ? now + 1_000 : 0,
      }));
      const correctnessById = new Map(deployments.map((item) => [item.id, random() < 0.05 ? Number.NaN : random() * 1.2]));
      let asked = 0;
      const correctness = (item: DeploymentConfig): number => {
        asked += 1;
        return correctnessById.get(item.id) ?? 0;
      };
      const weights = { correctness: random() * 2, latency: random(), cost: random() };
      const selection = select({
        group: group("g", deployments.map((item) => item.id), { strategy: "triad" }),
        deployments,
        runtimes,
        request: { estimatedInputTokens: 800, estimatedOutputTokens: 200, weights },
        now,
        random: seeded(round),
        expectedCorrectness: correctness,
      });
      const scores = textbookScores(deployments, runtimes, (item) => (Number.isFinite(correctnessById.get(item.id)) ? (correctnessById.get(item.id) as number) : 0), weights);
      const best = Math.max(...scores.filter((_, index) => (runtimes[index] as DeploymentRuntime).cooldownUntil <= now));
      if (!Number.isFinite(best)) continue;
      const chosen = deployments.findIndex((item) => item.id === selection.deployment?.id);
      expect(scores[chosen]).toBeCloseTo(best, 12);
      askedInAll += asked;
      // A full pass asks once per deployment, plus once for the reason.
      fullPasses += size + 1;
    }
    expect(askedInAll).toBeLessThan(fullPasses * 0.8);
  });

  it("still draws uniformly among deployments with the same score", () => {
    const deployments = ["a", "b", "c"].map((id) => deployment(id));
    const runtimes = deployments.map(() => ({ ...freshRuntime(), latencyMs: 200, latencyUpdatedAt: now }));
    const counts = new Map<string, number>();
    const random = seeded(3);
    for (let index = 0; index < 3_000; index += 1) {
      const id = select({ group: group("g", ["a", "b", "c"], { strategy: "triad" }), deployments, runtimes, request: { estimatedInputTokens: 800, estimatedOutputTokens: 200 }, now, random, expectedCorrectness: () => 0.8 }).deployment?.id ?? "";
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const id of ["a", "b", "c"]) expect((counts.get(id) ?? 0) / 3_000).toBeCloseTo(1 / 3, 1);
  });

  it("scales latency and price by the slowest and priciest deployment of the group, cooling ones included", () => {
    // Against the eligible pair alone fast-but-dear wins (latency halves its penalty); against the group's
    // slowest (cooling, 1,000 ms) the 100 ms difference is small and the cheaper one wins.
    const deployments = [
      deployment("fast-dear", { price: { input_per_1m: 10, output_per_1m: 10 } }),
      deployment("slow-cheap", { price: { input_per_1m: 6, output_per_1m: 6 } }),
      deployment("cooling-slowest", { price: { input_per_1m: 10, output_per_1m: 10 } }),
    ];
    const latencies = [100, 200, 1_000];
    const runtimes = latencies.map((latencyMs, index) => ({ ...freshRuntime(), latencyMs, latencyUpdatedAt: now, cooldownUntil: index === 2 ? now + 1_000 : 0 }));
    const chosen = (pool: readonly DeploymentConfig[], rows: readonly DeploymentRuntime[]) =>
      select({
        group: group("g", pool.map((item) => item.id), { strategy: "triad" }),
        deployments: pool,
        runtimes: rows,
        request: { estimatedInputTokens: 800, estimatedOutputTokens: 200, weights: { correctness: 0, latency: 1, cost: 1 } },
        now,
        random: seeded(5),
      }).deployment?.id;
    expect(chosen(deployments, runtimes)).toBe("slow-cheap");
    expect(chosen(deployments.slice(0, 2), runtimes.slice(0, 2))).toBe("fast-dear");
  });
});

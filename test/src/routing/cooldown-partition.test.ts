import { describe, it, expect, vi } from "vitest";
import { strategyNames, type DeploymentConfig, type StrategyName } from "../../../src/config/schema.ts";
import { CooldownPartition } from "../../../src/routing/cooldown-partition.ts";
import { MemoryRoutingStateStore, select, type Selection } from "../../../src/routing/index.ts";
import { deployment, group, seeded } from "./fixtures.ts";

const start = 10_000_000;

function summary(selection: Selection): unknown {
  return { deployment: selection.deployment?.id ?? null, reason: selection.reason, candidates: selection.candidates, skipped: selection.skipped, earliestRecoveryAt: selection.earliestRecoveryAt };
}

/**
 * Cooldowns starting, being cleared, shortened and ending by time on a memory store, with a selection after each
 * step: the patched cooldown-only result must equal a full filter (forced by excluding an id no deployment has).
 */
async function compareUnderCooldowns(deployments: readonly DeploymentConfig[], seed: number, strategy: StrategyName): Promise<void> {
  const random = seeded(seed);
  const ids = deployments.map((item) => item.id);
  const store = new MemoryRoutingStateStore();
  // One group object, as a router holds it: the filter keeps its result per table and group plan.
  const chat = group("g", ids, { strategy });
  let now = start;
  for (let step = 0; step < 300; step += 1) {
    now += Math.floor(random() * 300);
    // Several changes between two selections at times, more than the table's log holds now and then.
    const changes = random() < 0.05 ? 20 : Math.floor(random() * 3);
    for (let change = 0; change < changes; change += 1) {
      const id = ids[Math.floor(random() * ids.length)] as string;
      if (random() < 0.7) await store.setCooldown(id, now + Math.floor(random() * 3_000), "test");
      else await store.clearCooldown(id);
    }
    if (random() < 0.3) await store.recordLatency(ids[Math.floor(random() * ids.length)] as string, 50 + random() * 500, now, 0.3);
    const base = { group: chat, deployments, now, expectedCorrectness: (item: DeploymentConfig) => 0.5 + (item.weight % 3) * 0.1 };
    const request = { estimatedInputTokens: 500, estimatedOutputTokens: 100, sessionKey: `s${step % 11}` };
    const patched = select({ ...base, request, runtimes: store.runtimeTableSync(ids, now), random: seeded(step) });
    const full = select({ ...base, request: { ...request, exclude: new Set(["no-such-deployment"]) }, runtimes: store.runtimeTableSync(ids, now), random: seeded(step) });
    expect({ strategy, step, selection: summary(patched) }).toEqual({ strategy, step, selection: summary(full) });
  }
}

describe("filter: a cooldown-only result patched as cooldowns change", () => {
  it("selects exactly as a full filter for every strategy, with whole-number weights", async () => {
    const update = vi.spyOn(CooldownPartition.prototype, "update");
    const random = seeded(3);
    const deployments = Array.from({ length: 30 }, (_, index) => deployment(`d${index}`, { weight: 1 + Math.floor(random() * 4) }));
    for (const [position, strategy] of strategyNames.entries()) await compareUnderCooldowns(deployments, 4 + position, strategy);
    // Most changes were patched, and the ones past the log's reach were filtered again.
    const results = update.mock.results.map((result) => result.value as boolean);
    expect(results.filter((patched) => patched).length).toBeGreaterThan(500);
    expect(results.filter((patched) => !patched).length).toBeGreaterThan(5);
    update.mockRestore();
  });

  it("selects exactly as a full filter with fractional weights (the weight sum is added up again)", async () => {
    const random = seeded(5);
    const deployments = Array.from({ length: 30 }, (_, index) => deployment(`d${index}`, { weight: 0.1 + random() * 3 }));
    for (const strategy of ["weighted", "consistent-hash"] as const) await compareUnderCooldowns(deployments, 6, strategy);
  });
});

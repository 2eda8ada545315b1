import os from "node:os";
import type { DeploymentConfig, ModelGroupConfig, StrategyName } from "../src/config/schema.ts";
import { strategyNames } from "../src/config/schema.ts";
import { CorrectnessMemo, MemoryRoutingStateStore, select, type DeploymentRuntime } from "../src/routing/index.ts";
import type { BenchFigure as Figure, BenchResult } from "./types.ts";

const sizes = [10, 100, 1_000] as const;
const warmup = 2_000;
const iterations = Number(process.env.ROUTING_BENCH_ITERATIONS ?? 10_000);

/** Deterministic PRNG so runs compare. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), state | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function fleet(size: number, random: () => number): DeploymentConfig[] {
  return Array.from({ length: size }, (_, index) => ({
    id: `deployment-${index}`,
    provider: "openai" as const,
    model: "gpt-4o-mini",
    base_url: "emulator" as const,
    price: { input_per_1m: 0.1 + random() * 5, output_per_1m: 0.4 + random() * 15 },
    context_window: 128_000,
    max_output_tokens: 1_024,
    limits: { rpm: 1_000_000, tpm: 1_000_000_000, max_concurrent: 10_000 },
    weight: 1 + Math.floor(random() * 4),
    tags: [],
    timeout_ms: 30_000,
  }));
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? Number.NaN;
}

/** Times one selection path (`between` runs untimed before each call); returns sorted per-call microseconds. */
function measure(run: (iteration: number) => void, between?: (iteration: number) => void): number[] {
  for (let iteration = 0; iteration < warmup; iteration += 1) {
    between?.(iteration);
    run(iteration);
  }
  const samples = new Array<number>(iterations);
  for (let iteration = 0; iteration < iterations; iteration += 1) {
    between?.(warmup + iteration);
    const start = process.hrtime.bigint();
    run(iteration);
    samples[iteration] = Number(process.hrtime.bigint() - start) / 1_000;
  }
  return samples.sort((left, right) => left - right);
}

/**
 * Selection time per strategy at 10, 100 and 1,000 deployments on the memory state (snapshot + filter +
 * strategy, what Router.select does minus the resolved promise), its growth from 10 to 1,000 (linear = 100x),
 * and two references measured in the same run: the sort-the-whole-list selection other gateways do per request,
 * and a floor (the snapshot plus one bare pass over the runtimes) that shows how fast the machine is right now.
 */
export async function run(): Promise<BenchResult> {
  const figures: Figure[] = [];
  const random = seeded(17);
  const now = 5_000_000;
  // What the Router passes when the config has no per-request weights.
  const defaultWeights = { correctness: 1, latency: 0.3, cost: 0.3 };
  for (const strategy of strategyNames) {
    const p50BySize = new Map<number, number>();
    for (const size of sizes) {
      const deployments = fleet(size, random);
      const ids = deployments.map((deployment) => deployment.id);
      const group: ModelGroupConfig = { name: "bench", deployments: ids, strategy: strategy as StrategyName, fallbacks: [] };
      const store = new MemoryRoutingStateStore();
      // Realistic state: every deployment measured and in use, one in ten cooling down, one in seven busier.
      for (const [index, id] of ids.entries()) {
        await store.recordLatency(id, 100 + random() * 400, now, 1);
        const leases = index % 7 === 1 ? 4 : 1;
        for (let lease = 0; lease < leases; lease += 1) {
          await store.acquire({ deploymentId: id, leaseId: `warm-${index}-${lease}`, tokens: 500, limits: {}, now, leaseTtlMs: 600_000 });
        }
        if (index % 10 === 3) await store.setCooldown(id, now + 60_000, "bench");
      }
      const expectedCorrectness = (deployment: DeploymentConfig) => 0.5 + (deployment.weight % 3) * 0.1;
      // As the gateway wires it: a finished call makes its deployment's estimate be asked for again.
      const correctnessMemo = new CorrectnessMemo();
      let clock = now;
      // Untimed traffic between selections, as a router sees: each routed request takes and returns a lease and
      // feeds a latency sample; every 100th fails into a 200 ms cooldown, so about one selection in fifty finds
      // the cooldowns changed (one starting or one ending) and filters from scratch.
      const traffic = (iteration: number): void => {
        const id = ids[(iteration * 13) % size] as string;
        const acquired = store.acquireSync({ deploymentId: id, leaseId: `traffic-${iteration}`, tokens: 1_000, limits: {}, now: clock, leaseTtlMs: 30_000 });
        if (acquired.ok) void store.release(acquired.lease, 900, clock);
        void store.recordLatency(id, 100 + random() * 400, clock, 0.3);
        correctnessMemo.forget(id);
        if (iteration % 100 === 0) void store.setCooldown(ids[(iteration * 7) % size] as string, clock + 200, "bench failure");
      };
      const samples = measure((iteration) => {
        // What Router.select does on the memory store: the group's runtime table (the clock moves 1 ms per
        // selection, so the store checks for expired windows and leases), then the filter and the strategy.
        clock += 1;
        const at = clock;
        const runtimes = store.runtimeTableSync(ids, at);
        const selection = select({
          group,
          deployments,
          runtimes,
          request: { estimatedInputTokens: 800, estimatedOutputTokens: 200, sessionKey: `session-${iteration % 97}` },
          now: at,
          random,
          expectedCorrectness,
          correctnessMemo,
          defaultWeights,
        });
        if (selection.deployment === null) throw new Error(`bench: ${strategy} found nothing at ${size}`);
      }, traffic);
      const p50 = percentile(samples, 0.5);
      const p99 = percentile(samples, 0.99);
      p50BySize.set(size, p50);
      figures.push({ metric: `${strategy} p50 @${size}`, value: round(p50), unit: "µs" });
      figures.push({ metric: `${strategy} p99 @${size}`, value: round(p99), unit: "µs", ...(size === 1_000 ? { goal: 20 } : {}) });
    }
    const growth = (p50BySize.get(1_000) ?? Number.NaN) / (p50BySize.get(10) ?? Number.NaN);
    figures.push({ metric: `${strategy} growth 1000/10`, value: round(growth), unit: "x", goal: 100, baseline: `${strategy} p50 @10`, ratio: round(growth) });
  }
  // Baseline: sort every deployment by latency per request (O(n log n) plus a copy), as gateways that rank first do.
  const deployments = fleet(1_000, random);
  const ids = deployments.map((deployment) => deployment.id);
  const store = new MemoryRoutingStateStore();
  for (const id of ids) await store.recordLatency(id, 100 + random() * 400, now, 1);
  const sorted = measure(() => {
    const runtimes = store.snapshotSync(ids, now + 1);
    const ranked = deployments.map((deployment, index) => ({ deployment, runtime: runtimes[index] as DeploymentRuntime }));
    ranked.sort((left, right) => left.runtime.latencyMs - right.runtime.latencyMs);
    if (ranked[0] === undefined) throw new Error("bench: empty fleet");
  });
  const group: ModelGroupConfig = { name: "bench", deployments: ids, strategy: "latency", fallbacks: [] };
  const ours = measure(() => {
    const runtimes = store.runtimeTableSync(ids, now + 1);
    select({ group, deployments, runtimes, request: { estimatedInputTokens: 800, estimatedOutputTokens: 200 }, now: now + 1, random });
  });
  // Floor, same run: the snapshot plus one bare pass reading the four runtime fields any filter must read. On a
  // quiet machine it is a few µs; under load everything scales with it, so ours/floor says what is ours.
  let sink = 0;
  const floor = measure(() => {
    const runtimes = store.snapshotSync(ids, now + 1);
    let blocked = 0;
    for (let index = 0; index < runtimes.length; index += 1) {
      const runtime = runtimes[index] as DeploymentRuntime;
      if (runtime.cooldownUntil > now || runtime.requestsInWindow < 0 || runtime.tokensInWindow < 0 || runtime.inFlight < 0) blocked += 1;
    }
    sink += blocked;
  });
  if (sink < 0) throw new Error("bench: impossible");
  figures.push({ metric: "floor (snapshot + bare pass) p50 @1000", value: round(percentile(floor, 0.5)), unit: "µs" });
  figures.push({ metric: "floor (snapshot + bare pass) p99 @1000", value: round(percentile(floor, 0.99)), unit: "µs" });
  figures.push({
    metric: "latency strategy p50 @1000 vs floor",
    value: round(percentile(ours, 0.5)),
    unit: "µs",
    baseline: "floor (snapshot + bare pass) p50 @1000",
    ratio: round(percentile(ours, 0.5) / percentile(floor, 0.5)),
  });
  const baselineP50 = percentile(sorted, 0.5);
  const baselineP99 = percentile(sorted, 0.99);
  figures.push({ metric: "sort-per-request baseline p50 @1000", value: round(baselineP50), unit: "µs" });
  figures.push({ metric: "sort-per-request baseline p99 @1000", value: round(baselineP99), unit: "µs" });
  figures.push({
    metric: "latency strategy p99 @1000 vs sort baseline",
    value: round(percentile(ours, 0.99)),
    unit: "µs",
    baseline: "sort-per-request baseline p99 @1000",
    ratio: round(percentile(ours, 0.99) / baselineP99),
  });
  // Shared machines: the load average says how much to trust the absolute figures.
  figures.push({ metric: "load average (1 min) during the run", value: round(os.loadavg()[0] ?? Number.NaN), unit: "" });
  figures.push({
    metric: "latency strategy p50 @1000 vs sort baseline",
    value: round(percentile(ours, 0.5)),
    unit: "µs",
    baseline: "sort-per-request baseline p50 @1000",
    ratio: round(percentile(ours, 0.5) / baselineP50),
  });
  return { name: "routing-selection", figures };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await run();
  for (const figure of result.figures) console.log(`${figure.metric.padEnd(48)} ${String(figure.value).padStart(10)} ${figure.unit}${figure.goal === undefined ? "" : `  (goal ${figure.goal})`}`);
}

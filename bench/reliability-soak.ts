/**
 * Reliability soak of issue 14: the fault suite's five scenarios (test/fixtures/faults/fault-scenarios.ts)
 * on the real gateway, all at once, requests rotating over them, every scenario's plans switching between
 * its two phases every few seconds; then two gateway processes on one SQLite file under the same faults.
 * The baseline is the same request mix on healthy backends, measured first in the same run.
 *
 *   npm run bench -- reliability-soak
 *   SWITCHYARD_SOAK_SECONDS=1200 npm run bench -- reliability-soak   # the 20 minutes
 *
 * SWITCHYARD_SOAK_SECONDS (60), SWITCHYARD_SOAK_CONCURRENCY (8), SWITCHYARD_SOAK_SWITCH_SECONDS (10, plan
 * switches), SWITCHYARD_SOAK_CHILD_REQUESTS (20 per process in the two-process trial). CPU time is this
 * process's (gateway, proxy and emulators together), beside the wall time.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startFaultBed, type FaultBed, type RequestOutcome } from "../test/fixtures/faults/fault-bed.ts";
import { scenarios, servingDeployments, suiteTimings } from "../test/fixtures/faults/fault-scenarios.ts";
import { describeTally, percentile, tally } from "../test/fixtures/faults/fault-tally.ts";
import { runTwoProcessTrial } from "../test/fixtures/faults/two-process-trial.ts";
import type { BenchFigure, BenchResult } from "./types.ts";

const seconds = Number(process.env.SWITCHYARD_SOAK_SECONDS ?? 60);
const concurrency = Number(process.env.SWITCHYARD_SOAK_CONCURRENCY ?? 8);
const switchSeconds = Number(process.env.SWITCHYARD_SOAK_SWITCH_SECONDS ?? 10);
const childRequests = Number(process.env.SWITCHYARD_SOAK_CHILD_REQUESTS ?? 20);

interface Stretch {
  outcomes: RequestOutcome[];
  wallMs: number;
  cpuMs: number;
}

/** Runs requests rotating over the scenarios for `durationMs`, `concurrency` at a time. */
async function stretch(bed: FaultBed, durationMs: number, firstIndex: number, onTick?: () => Promise<void>): Promise<Stretch> {
  const outcomes: RequestOutcome[] = [];
  const cpu = process.cpuUsage();
  const started = Date.now();
  let next = firstIndex;
  let ticking = Promise.resolve();
  const ticker = onTick === undefined ? undefined : setInterval(() => (ticking = ticking.then(onTick)), switchSeconds * 1_000);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() - started < durationMs) {
        const index = next++;
        outcomes.push(await bed.request(scenarios[index % scenarios.length]!, index));
      }
    }),
  );
  clearInterval(ticker);
  await ticking;
  const used = process.cpuUsage(cpu);
  return { outcomes, wallMs: Date.now() - started, cpuMs: (used.user + used.system) / 1_000 };
}

function latencies(outcomes: readonly RequestOutcome[]): number[] {
  return outcomes.filter((outcome) => outcome.outcome === "succeeded").map((outcome) => outcome.latencyMs).sort((left, right) => left - right);
}

export async function run(): Promise<BenchResult> {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-reliability-soak-"));
  const bed = await startFaultBed({ timings: suiteTimings, checkpoints: join(directory, "state.db") });
  const figures: BenchFigure[] = [];
  try {
    // Warm-up, not measured: module loading, JIT and the first token counts would land in the baseline.
    await bed.warmUp();
    await stretch(bed, 3_000, 0);
    const baseline = await stretch(bed, Math.min(10, Math.max(2, seconds / 6)) * 1_000, 100_000);

    let phase: 0 | 1 = 0;
    for (const scenario of scenarios) await bed.apply(scenario, phase);
    const soak = await stretch(bed, seconds * 1_000, 1_000_000, async () => {
      phase = phase === 0 ? 1 : 0;
      for (const scenario of scenarios) await bed.apply(scenario, phase);
    });

    const quarantines = bed.quarantines();
    const serving = new Set(servingDeployments());
    const quarantinedServing = Object.entries(quarantines).filter(([deployment]) => serving.has(deployment));
    console.log(`[reliability-soak] guardian quarantines by deployment: ${JSON.stringify(quarantines)}; never-failing ones: ${[...serving].join(", ")}`);

    for (const scenario of scenarios) await bed.apply(scenario, 0);
    const twoProcesses = await runTwoProcessTrial({ directory, config: bed.config, requestsPerProcess: childRequests, groups: scenarios.map((scenario) => scenario.group) });

    const tags = bed.proxy.tags();
    const all = tally("all scenarios", soak.outcomes, tags);
    for (const scenario of scenarios) console.log(`[reliability-soak] ${describeTally(tally(scenario.name, soak.outcomes.filter((outcome) => outcome.scenario === scenario.name), tags))}`);
    console.log(`[reliability-soak] ${describeTally(all)}`);
    console.log(`[reliability-soak] baseline: ${describeTally(tally("healthy backends", baseline.outcomes, tags))}`);
    console.log(`[reliability-soak] two processes on one file: ${JSON.stringify(twoProcesses)}`);
    for (const end of bed.hungEnds) console.log(`[reliability-soak] hung request: ${end}`);

    const healthy = latencies(baseline.outcomes);
    const faulty = latencies(soak.outcomes);
    const baselineName = "healthy backends, same request mix, same run";
    const ratio = (value: number, base: number) => (base > 0 ? value / base : undefined);
    const withRatio = (figure: BenchFigure, base: number): BenchFigure => {
      const value = ratio(figure.value, base);
      return value === undefined ? figure : { ...figure, baseline: baselineName, ratio: value };
    };
    figures.push(
      { metric: `soak: ${seconds} s, ${concurrency} at a time, plans switched every ${switchSeconds} s`, value: soak.outcomes.length, unit: "requests" },
      { metric: "success with a healthy deployment in the chain (all scenarios)", value: all.successRate * 100, unit: "%", goal: 99.9 },
    );
    for (const scenario of scenarios) {
      const entry = tally(scenario.name, soak.outcomes.filter((outcome) => outcome.scenario === scenario.name), tags);
      figures.push({ metric: `success: ${scenario.name}`, value: entry.successRate * 100, unit: "%", goal: 99.9 });
    }
    figures.push(
      { metric: "hung (past deadline + 1 s)", value: all.hung, unit: "requests", goal: 0 },
      { metric: "late (past deadline, within 1 s)", value: all.late, unit: "requests" },
      ...Object.entries(all.failedByClass).map(([name, count]) => ({ metric: `failed: ${name}`, value: count, unit: "requests" })),
      { metric: "duplicated completed model calls", value: all.duplicatedCalls, unit: "calls", goal: 0 },
      { metric: "guardian quarantines of a deployment that never failed", value: quarantinedServing.reduce((sum, [, count]) => sum + count, 0), unit: "quarantines", goal: 0 },
      { metric: "guardian quarantines, all deployments", value: Object.values(quarantines).reduce((sum, count) => sum + count, 0), unit: "quarantines" },
      { metric: "model calls per request", value: all.meanCallsPerRequest, unit: "calls" },
      withRatio({ metric: "p50 latency of successes", value: percentile(faulty, 0.5), unit: "ms" }, percentile(healthy, 0.5)),
      withRatio({ metric: "p99 latency of successes", value: percentile(faulty, 0.99), unit: "ms" }, percentile(healthy, 0.99)),
      withRatio({ metric: "CPU time per request", value: soak.cpuMs / Math.max(1, soak.outcomes.length), unit: "ms" }, baseline.cpuMs / Math.max(1, baseline.outcomes.length)),
      { metric: "CPU time / wall time", value: soak.cpuMs / soak.wallMs, unit: "ratio" },
      { metric: `two processes on one file: threads reported (${2 * childRequests} asked)`, value: twoProcesses.reported, unit: "threads", goal: 2 * childRequests },
      { metric: "two processes on one file: reported checkpoints lost", value: twoProcesses.lost, unit: "checkpoints", goal: 0 },
      { metric: "two processes on one file: integrity_check ok", value: twoProcesses.integrity === "ok" ? 1 : 0, unit: "bool", goal: 1 },
      { metric: "two processes on one file: child processes failed", value: twoProcesses.childFailures.length, unit: "processes", goal: 0 },
    );
    for (const failure of twoProcesses.childFailures) console.error(`[reliability-soak] child failed: ${failure}`);
  } finally {
    await bed.close();
    rmSync(directory, { recursive: true, force: true });
  }
  return { name: "reliability-soak", figures };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.table((await run()).figures);
}

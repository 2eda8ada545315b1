/**
 * Tracing's CPU inside real gateway requests, by attribution (`SWITCHYARD_BENCH_PART=attribution`): blocks of
 * requests on a traced gateway (an in-memory exporter through the production span processor (SpanBatches), flushed inside
 * the block) and on an untraced one (the control), interleaved, each block under V8's sampling CPU profiler
 * (node:inspector, in this process, a sample every 50 µs). A sample is tracing's when its stack holds a frame of
 * tracing's code and no frame of the traced work below it (bench/tracing-profile.ts); each is counted once.
 * CPU per request = tracing's share of the busy samples × the main thread's CPU per request (its run time
 * from /proc's schedstat) in unprofiled blocks of the same path run beside them; the error bar is the samples'
 * Poisson error, 1.96 √n. What it does not see: the garbage collector's work on tracing's garbage (GC samples
 * have no JS stack; their per-request difference traced − untraced is printed beside, with a t interval over
 * the rounds) and the promise turns of the wrappers run by LangGraph's frames (the paired A/B,
 * bench/tracing-paired.ts, sees both). The node wrapper's own frame (graphs/yielding-node.ts) is not tracing's,
 * though its traced branch does more (and V8 inlines the tracer's `node` into it once both are optimised, which
 * moves those samples into its frame): its own samples are counted on both paths and their excess
 * (traced − untraced) is added to tracing's in the total.
 */
import fs from "node:fs";
import path_ from "node:path";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { Session } from "node:inspector/promises";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { createGateway, type Gateway } from "../graphs/create-gateway.ts";
import { defaultConfigInput, parseConfigValue } from "../src/config/index.ts";
import { emulatorLauncher, quietProfile } from "../src/emulators/index.ts";
import { MemoryEventSink } from "../src/guardian/index.ts";
import { workloadTasks } from "../src/workload/index.ts";
import { addCounts, countSamples, emptyCounts, type CpuProfile, type SampleCounts } from "./tracing-profile.ts";
import type { BenchFigure } from "./types.ts";

const ROUNDS = Number(process.env.SWITCHYARD_BENCH_ATTRIBUTION_ROUNDS ?? 12);
const BLOCK = Number(process.env.SWITCHYARD_BENCH_ATTRIBUTION_BLOCK ?? 25);
const INTERVAL_US = 50;
v8.setFlagsFromString("--expose-gc");
/** A full collection (the flag set at run time exposes gc to a new context only). */
const collect = runInNewContext("gc") as () => void;
const DEPLOYMENT = "openai-gpt-4o-mini";
/** A directory to write each block's profile to (`NAME-ROUND.cpuprofile`, for DevTools), when set. */
const PROFILES = process.env.SWITCHYARD_BENCH_ATTRIBUTION_PROFILES;

/**
 * The main thread's CPU so far (ms), not the emulators' worker's or V8's helper threads': its run time in
 * /proc's schedstat (nanoseconds), where stat's utime and stime count 10 ms ticks.
 */
export function mainThreadCpuMs(): number {
  const schedstat = fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8");
  return Number(schedstat.slice(0, schedstat.indexOf(" "))) / 1e6;
}

interface PathTotals {
  counts: SampleCounts;
  /** Main-thread CPU of the profiled blocks, and of the same path's unprofiled blocks (the profiler's own cost left out). */
  threadCpuMs: number;
  requests: number;
  plainCpuMs: number;
  plainRequests: number;
  /** Samples whose own frame is the node wrapper's (graphs/yielding-node.ts). */
  wrapper: number;
  /** Per block: the GC's samples × the block's CPU per sample / requests (ms per request). */
  gcPerBlock: number[];
}

const NODE_WRAPPER = /\/graphs\/yielding-node\.ts$/;

/** The busy samples of `profile` whose own (innermost) frame is the node wrapper's. */
export function wrapperSamples(profile: CpuProfile): number {
  const wrapper = new Set(profile.nodes.filter((node) => NODE_WRAPPER.test(node.callFrame.url)).map((node) => node.id));
  return (profile.samples ?? []).filter((id) => wrapper.has(id)).length;
}

/**
 * Per request: tracing's CPU (ms), its share of the busy samples times the main thread's CPU per request
 * measured without the profiler (each sample's own cost, the signal and the stack walk, is spread evenly
 * over the samples, so the share holds), with the count's 95 % Poisson half-width.
 */
function perRequest(totals: PathTotals) {
  const plain = totals.plainCpuMs / totals.plainRequests;
  const share = (samples: number) => (samples / totals.counts.busy) * plain;
  return {
    msPerSample: totals.threadCpuMs / totals.counts.busy,
    tracing: share(totals.counts.tracing),
    wrapperShare: totals.wrapper / totals.counts.busy,
    tracingError: 1.96 * share(Math.sqrt(totals.counts.tracing)),
    profiledCpu: totals.threadCpuMs / totals.requests,
    plainCpu: plain,
  };
}

/** The mean of paired differences and its 95 % half-width (Student's t, two-sided). */
export function meanDifference(differences: readonly number[]): { mean: number; halfWidth: number } {
  const n = differences.length;
  const mean = differences.reduce((sum, value) => sum + value, 0) / n;
  const variance = differences.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, n - 1);
  return { mean, halfWidth: studentT95(n - 1) * Math.sqrt(variance / n) };
}

/** The two-sided 95 % quantile of Student's t with `df` degrees of freedom (a table, then the normal's 1.96). */
function studentT95(df: number): number {
  const table = [Number.NaN, 12.71, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086];
  if (df < table.length) return table[Math.max(0, df)]!;
  return df < 30 ? 2.05 : df < 60 ? 2.01 : df < 120 ? 1.99 : 1.96;
}

export async function attributionFigures(): Promise<BenchFigure[]> {
  const exporter = new InMemorySpanExporter();
  const traced = parseConfigValue({ ...defaultConfigInput(), telemetry: { tracing: { enabled: true, service_name: "switchyard-bench" } } }, "bench/tracing-attribution.ts");
  const start = (extra: Parameters<typeof createGateway>[0] = {}) => createGateway({ emulators: emulatorLauncher({ profile: quietProfile(), thread: "worker" }), checkpoints: ":memory:", guardian: { lines: new MemoryEventSink() }, ...extra });
  const session = new Session();
  session.connect();
  const gateways: Gateway[] = [];
  try {
    const off = await start();
    gateways.push(off);
    const on = await start({ config: traced, tracing: { exporter } });
    gateways.push(on);
    const tasks = workloadTasks();
    const paths = { on, off };
    const block = async (path: keyof typeof paths, offset: number) => {
      for (let index = 0; index < BLOCK; index++) {
        const state = await paths[path].invoke({ input: tasks[Math.abs(offset + index) % tasks.length]!.input, deployment: DEPLOYMENT, mode: "emit" }, { threadId: `${path}-${offset + index}` });
        if (state.status !== "succeeded") throw new Error(`request failed: ${state.error?.message ?? state.status}`);
      }
      // The batch exports inside the block that made its spans, as production exports them.
      if (path === "on") await on.engine.tracing?.flush();
      exporter.reset();
      // A full collection ends every block, inside its profile: otherwise a major GC lands in whichever block
      // crosses the heap's limit, while one at each block's end collects what that block left, spans included.
      collect();
    };
    for (let index = 0; index < 4; index++) for (const path of ["on", "off"] as const) await block(path, -1000 - index * BLOCK);
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: INTERVAL_US });
    const totals: Record<keyof typeof paths, PathTotals> = { on: { counts: emptyCounts(), threadCpuMs: 0, requests: 0, plainCpuMs: 0, plainRequests: 0, wrapper: 0, gcPerBlock: [] }, off: { counts: emptyCounts(), threadCpuMs: 0, requests: 0, plainCpuMs: 0, plainRequests: 0, wrapper: 0, gcPerBlock: [] } };
    for (let round = 0; round < ROUNDS; round++) {
      // Alternating order, so neither path always follows the other (GC debt carries over a block's end).
      const order = round % 2 === 0 ? (["on", "off"] as const) : (["off", "on"] as const);
      for (const path of order) {
        await session.post("Profiler.start");
        const cpu = mainThreadCpuMs();
        await block(path, round * BLOCK);
        const used = mainThreadCpuMs() - cpu;
        const { profile } = await session.post("Profiler.stop");
        const counts = emptyCounts();
        countSamples(profile as CpuProfile, counts);
        totals[path].wrapper += wrapperSamples(profile as CpuProfile);
        addCounts(totals[path].counts, counts);
        totals[path].threadCpuMs += used;
        totals[path].requests += BLOCK;
        totals[path].gcPerBlock.push(counts.gc / counts.busy);
        if (PROFILES !== undefined) fs.writeFileSync(path_.join(PROFILES, `${path}-${round}.cpuprofile`), JSON.stringify(profile));
      }
      // The same paths unprofiled: the main thread's CPU per request without the profiler's own.
      for (const path of order) {
        const cpu = mainThreadCpuMs();
        await block(path, (ROUNDS + round) * BLOCK);
        totals[path].plainCpuMs += mainThreadCpuMs() - cpu;
        totals[path].plainRequests += BLOCK;
      }
    }
    await session.post("Profiler.disable");
    const traced_ = perRequest(totals.on);
    const control = perRequest(totals.off);
    // GC comes in bursts (a block's forced collection, concurrent marking), not as independent samples: its
    // share's difference is taken per round (the two paths' blocks side by side), with a t interval over the
    // rounds, at the untraced request's CPU.
    const gc = meanDifference(totals.on.gcPerBlock.map((value, index) => (value - totals.off.gcPerBlock[index]!) * control.plainCpu));
    // The node wrapper's excess on the traced path, at the traced request's CPU, with the two counts' Poisson error.
    const wrapperExcess = (traced_.wrapperShare - control.wrapperShare) * traced_.plainCpu;
    const wrapperError = 1.96 * Math.sqrt(totals.on.wrapper / totals.on.counts.busy ** 2 + totals.off.wrapper / totals.off.counts.busy ** 2) * traced_.plainCpu;
    const total = traced_.tracing + wrapperExcess;
    const totalError = Math.hypot(traced_.tracingError, wrapperError);
    console.log(`attribution: ${totals.on.requests} requests per path; traced ${totals.on.counts.tracing} tracing samples of ${totals.on.counts.busy} busy (${traced_.msPerSample.toFixed(4)} ms of main-thread CPU per sample, profiled), control ${totals.off.counts.tracing} of ${totals.off.counts.busy}`);
    return [
      { metric: "attribution: main-thread CPU per request, traced (unprofiled blocks)", value: traced_.plainCpu, unit: "ms" },
      { metric: "attribution: main-thread CPU per request, untraced (unprofiled blocks)", value: control.plainCpu, unit: "ms" },
      { metric: "attribution: main-thread CPU per request, traced, profiled", value: traced_.profiledCpu, unit: "ms" },
      { metric: "attribution: tracing's samples, CPU per traced request", value: traced_.tracing, unit: "ms", baseline: "main-thread CPU per traced request", ratio: traced_.tracing / traced_.plainCpu },
      { metric: "attribution: ± 95 % (1.96 √n samples), traced", value: traced_.tracingError, unit: "ms" },
      { metric: "attribution: node wrapper's own samples, traced − untraced, CPU per request", value: wrapperExcess, unit: "ms" },
      { metric: "attribution: ± 95 %, wrapper excess", value: wrapperError, unit: "ms" },
      { metric: "attribution: tracing + wrapper excess, CPU per traced request", value: total, unit: "ms", goal: 0.2, baseline: "main-thread CPU per traced request", ratio: total / traced_.plainCpu },
      { metric: "attribution: ± 95 %, tracing + wrapper excess", value: totalError, unit: "ms" },
      { metric: "attribution: tracing's samples in traced requests", value: totals.on.counts.tracing, unit: "samples" },
      { metric: "attribution: tracing's samples, CPU per untraced request (control)", value: control.tracing, unit: "ms" },
      { metric: "attribution: ± 95 %, control", value: control.tracingError, unit: "ms" },
      { metric: "attribution: GC samples traced − untraced, CPU per request", value: gc.mean, unit: "ms" },
      { metric: "attribution: ± 95 % (t over rounds), GC difference", value: gc.halfWidth, unit: "ms" },
      { metric: "attribution: requests per path (profiled)", value: totals.on.requests, unit: "requests" },
    ];
  } finally {
    session.disconnect();
    for (const gateway of gateways) await gateway.close();
  }
}

/**
 * What OpenTelemetry tracing costs per request, in one process and one run, on the quiet emulator profile:
 * CPU per gateway run (`process.cpuUsage`, every thread: the emulators' worker too, identical on each path,
 * so it cancels in the differences), one gateway with tracing configured, its graph invoked with
 *   off    — no callbacks (what every run carries when `telemetry.tracing` is off, the default);
 *   off'   — the same again: |off' − off| is the measurement's own noise on this machine;
 *   noop   — a LangChain callback handler that does nothing: LangChain's own callback plumbing, which any
 *            handler switches on (run managers, metadata copies per runnable);
 *   on     — the engine's tracing handler, every span exported to an in-memory exporter (SimpleSpanProcessor).
 * Blocks rotate through the four, so drift on a shared machine hits each alike. Goals (issue #23): on − off
 * ≤ 0.2 ms CPU per request; off within the noise. on − noop is what switchyard's spans themselves cost.
 */
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { createGateway } from "../graphs/create-gateway.ts";
import { MemoryEventSink } from "../src/guardian/index.ts";
import { defaultConfigInput, parseConfigValue } from "../src/config/index.ts";
import { emulatorLauncher, quietProfile } from "../src/emulators/index.ts";
import { percentile } from "../src/telemetry/percentile.ts";
import { workloadTasks } from "../src/workload/index.ts";
import type { BenchFigure, BenchResult } from "./types.ts";

const ROUNDS = Number(process.env.SWITCHYARD_BENCH_ROUNDS ?? 300);
const BLOCK = 20;
const DEPLOYMENT = "openai-gpt-4o-mini";

interface Samples {
  cpuMs: number;
  wallMs: number;
  requests: number;
  wall: number[];
}

const empty = (): Samples => ({ cpuMs: 0, wallMs: 0, requests: 0, wall: [] });

async function measure(samples: Samples, count: number, one: (index: number) => Promise<void>, offset: number): Promise<void> {
  const cpu = process.cpuUsage();
  const began = performance.now();
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await one(offset + index);
    samples.wall.push(performance.now() - started);
  }
  const used = process.cpuUsage(cpu);
  samples.cpuMs += (used.user + used.system) / 1000;
  samples.wallMs += performance.now() - began;
  samples.requests += count;
}

/** A handler with no methods: what LangChain's callback machinery costs before any span exists. */
class NoopHandler extends BaseCallbackHandler {
  name = "noop";
  constructor() {
    super({ _awaitHandler: true });
  }
}

export async function run(): Promise<BenchResult> {
  const exporter = new InMemorySpanExporter();
  const traced = parseConfigValue({ ...defaultConfigInput(), telemetry: { tracing: { enabled: true, service_name: "switchyard-bench" } } }, "bench/tracing.ts");
  // Guardian events counted, not printed: a latency quarantine of the pinned deployment would flood the table.
  const gateway = await createGateway({ config: traced, emulators: emulatorLauncher({ profile: quietProfile(), thread: "worker" }), checkpoints: ":memory:", tracing: { exporter }, guardian: { lines: new MemoryEventSink() } });
  try {
    const tasks = workloadTasks();
    const tracing = gateway.engine.tracing;
    if (tracing === undefined) throw new Error("tracing did not start: check telemetry.tracing in the bench config");
    const invoker = (prefix: string, callbacks: BaseCallbackHandler[] | undefined) => async (index: number) => {
      const input = { request: { input: tasks[Math.abs(index) % tasks.length]!.input, deployment: DEPLOYMENT, mode: "emit" as const } };
      const state = await gateway.graph.invoke(input, { configurable: { thread_id: `${prefix}-${index}` }, context: { engine: gateway.engine }, ...(callbacks ? { callbacks } : {}) });
      if (state.status !== "succeeded") throw new Error(`request failed: ${state.error?.message ?? state.status}`);
    };
    const paths = { off: invoker("off", undefined), offAgain: invoker("off2", undefined), noop: invoker("noop", [new NoopHandler()]), on: invoker("on", tracing.callbacks) };
    for (let index = 0; index < 40; index++) for (const one of Object.values(paths)) await one(-100 - index);
    exporter.reset();
    const rows = { off: empty(), offAgain: empty(), noop: empty(), on: empty() };
    for (let offset = 0; offset < ROUNDS; offset += BLOCK) {
      await measure(rows.off, BLOCK, paths.off, offset);
      await measure(rows.offAgain, BLOCK, paths.offAgain, offset);
      await measure(rows.noop, BLOCK, paths.noop, offset);
      await measure(rows.on, BLOCK, paths.on, offset);
      // The in-memory exporter keeps every span; dropping them keeps its memory flat across blocks.
      exporter.reset();
    }
    const cpuOf = (samples: Samples) => samples.cpuMs / samples.requests;
    const figures: BenchFigure[] = [];
    const row = (name: string, samples: Samples) => {
      figures.push(
        { metric: `${name} CPU per request`, value: cpuOf(samples), unit: "ms" },
        { metric: `${name} wall per request (block mean)`, value: samples.wallMs / samples.requests, unit: "ms" },
        { metric: `${name} wall p50`, value: percentile(samples.wall, 0.5), unit: "ms" },
      );
    };
    row("off (no callbacks)", rows.off);
    row("off again (noise)", rows.offAgain);
    row("noop LangChain handler", rows.noop);
    row("on, in-memory exporter", rows.on);
    // One more traced request, alone in the exporter: how many spans a request makes.
    await paths.on(ROUNDS + 1);
    const spans = exporter.getFinishedSpans().length;
    const noise = Math.abs(cpuOf(rows.offAgain) - cpuOf(rows.off));
    figures.push(
      { metric: "CPU noise: |off' − off| per request", value: noise, unit: "ms", baseline: "off", ratio: cpuOf(rows.offAgain) / cpuOf(rows.off) },
      { metric: "on − off, CPU per request", value: cpuOf(rows.on) - cpuOf(rows.off), unit: "ms", goal: 0.2, baseline: "off", ratio: cpuOf(rows.on) / cpuOf(rows.off) },
      { metric: "noop − off (LangChain callback plumbing), CPU per request", value: cpuOf(rows.noop) - cpuOf(rows.off), unit: "ms", baseline: "off", ratio: cpuOf(rows.noop) / cpuOf(rows.off) },
      { metric: "on − noop (switchyard spans + SDK), CPU per request", value: cpuOf(rows.on) - cpuOf(rows.noop), unit: "ms", baseline: "noop", ratio: cpuOf(rows.on) / cpuOf(rows.noop) },
      { metric: "spans per traced request", value: spans, unit: "spans" },
    );
    return { name: "tracing", figures };
  } finally {
    await gateway.close();
  }
}


/**
 * What OpenTelemetry tracing costs per request. Five parts (`SWITCHYARD_BENCH_PART=gateways|replay|instructions|attribution|paired|versus|turns`,
 * all by default):
 *   attribution — tracing's CPU inside real gateway requests by V8's sampling profiler: the samples whose stack
 *           holds tracing's code, against an untraced control, with their sampling error
 *           (bench/tracing-attribution.ts).
 *   paired — a paired A/B with enough samples: a cheap graph of the gateway's shape through the gateway's own
 *           node wrapper, traced and untraced (twice: the A/A check) in short rotating blocks, the mean
 *           difference of CPU per request with its 95 % interval (bench/tracing-paired.ts).
 *   instructions — instructions counted by callgrind over blocks of gateway requests, traced against two
 *           untraced gateways (the second one is the noise floor), in paired blocks (bench/tracing-instructions.ts);
 *           its noise floor (2.3 ms) is above the goal, which attribution and paired resolve. Needs valgrind.
 *   gateways — CPU per request (`process.cpuUsage`, every thread: the emulators' worker too, identical on each
 *           path, so it cancels in the differences), in rotating blocks, on the quiet emulator profile, of
 *             off   — a gateway without `telemetry.tracing` (the default): no span, no SDK loaded;
 *             off'  — a second, identical untraced gateway: |off' − off| is the timing's own noise here;
 *             one gateway, recorded / not recorded — a traced gateway whose sampler records only the requests
 *                     of the first path: the same instance, differing by the spans alone;
 *             on    — tracing on, every span exported to an in-memory exporter through the span processor (SpanBatches)
 *                     production uses (flushed at the end of each block, inside its measurement);
 *           and the off gateway's graph.invoke without and with a LangChain callback handler that does nothing:
 *           what tracing through LangChain callbacks would cost before any span exists. On this shared machine
 *           the timed differences swing by more than the goal (docs/operations.md): read them on a quiet one.
 *   replay — the spans of one request alone (the same RequestTracer calls a gateway request makes: request,
 *           nodes, router, model call, in LangChain's async context) against the same work untraced, through
 *           the production batching processor (SpanBatches) and a SimpleSpanProcessor: the tracer's cost in a hot loop, a floor for the
 *           cost in place.
 */
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { AlwaysOnSampler, InMemorySpanExporter, SamplingDecision, SimpleSpanProcessor, type ReadableSpan, type Sampler, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { Gateway } from "../graphs/create-gateway.ts";
import { percentile } from "../src/telemetry/percentile.ts";
import { RequestTracer } from "../src/telemetry/request-tracer.ts";
import { SpanBatches } from "../src/telemetry/span-batches.ts";
import { requestEnd, requestStartAttributes } from "../src/telemetry/tracing-attributes.ts";
import { workloadTasks } from "../src/workload/index.ts";
import { emptySamples as empty, measureBlock as measure, type Samples } from "./cpu-samples.ts";
import { median, paired } from "./paired-blocks.ts";
import { attributionFigures } from "./tracing-attribution.ts";
import { BenchGateways } from "./tracing-gateways.ts";
import { pairedFigures } from "./tracing-paired.ts";
import { turnsFigures } from "./tracing-turns.ts";
import { versusFigures } from "./tracing-versus.ts";
import { callgrindAvailable, instructionFigures } from "./tracing-instructions.ts";
import type { BenchFigure, BenchResult } from "./types.ts";

const ROUNDS = Number(process.env.SWITCHYARD_BENCH_ROUNDS ?? 200);
const BLOCK = 20;
const DEPLOYMENT = "openai-gpt-4o-mini";


/** A handler with no methods: what LangChain's callback machinery costs before any span exists. */
class NoopHandler extends BaseCallbackHandler {
  name = "noop";
  constructor() {
    super({ _awaitHandler: true });
  }
}

/** CPU per request of one request's spans alone (ms), and of the same calls untraced: 8 spans, as the gateway makes. */
async function replayedSpans(rounds: number, processorOf: (exporter: InMemorySpanExporter) => SpanProcessor): Promise<{ traced: number; untraced: number }> {
  const exporter = new InMemorySpanExporter();
  const processor = processorOf(exporter);
  // The production processor takes a request's spans together; any other is told of each.
  const onTrace = processor instanceof SpanBatches ? (spans: readonly ReadableSpan[]) => processor.onTrace(spans) : (spans: readonly ReadableSpan[]) => spans.forEach((span) => processor.onEnd(span));
  const requests = new RequestTracer({ onTrace, resource: resourceFromAttributes({ "service.name": "bench" }), scope: { name: "bench" } }, new AlwaysOnSampler());
  const deployment = { id: DEPLOYMENT, provider: "openai", model: "gpt-4o-mini", max_output_tokens: 1024 };
  const reply = { usage_metadata: { input_tokens: 343, output_tokens: 59 }, response_metadata: { finish_reason: "stop", model_name: "gpt-4o-mini" } };
  const attempts = [{ deployment: DEPLOYMENT, mode: "emit", input_tokens: 343, output_tokens: 59, outcome: "ok" }];
  const inNode = <T>(threadId: string, namespace: string, work: () => Promise<T>, traced: boolean) => {
    const run = () => AsyncLocalStorageProviderSingleton.runWithConfig({ configurable: { thread_id: threadId, checkpoint_ns: namespace } }, work);
    return traced ? requests.node(threadId, namespace, run) : run();
  };
  const one = async (index: number, traced: boolean) => {
    const thread = `replay-${index}`;
    const work = async () => {
      await inNode(thread, "accept:1", async () => ({ status: "running" }), traced);
      await inNode(thread, "memory_step:2", async () => ({ memory: {} }), traced);
      await inNode(thread, "router:3|call_model:4", async () => {
        await (traced ? requests.modelCall(deployment, "attempt", async () => reply) : Promise.resolve(reply));
        return { call: { deployment: DEPLOYMENT, mode: "emit", reason: "weighted pick among 3 deployments" } };
      }, traced);
      await inNode(thread, "router:3|check_output:5", async () => ({ route_decision: { action: "success" }, attempts }), traced);
      await inNode(thread, "guardian:6", async () => ({}), traced);
      return { status: "succeeded", attempts };
    };
    await (traced ? requests.request(thread, "gateway", requestStartAttributes("gateway", thread), work, requestEnd) : work());
  };
  const cpuOf = async (traced: boolean) => {
    const cpu = process.cpuUsage();
    for (let index = 0; index < rounds; index++) {
      await one(index, traced);
      // Flushed every block, as the gateway path is: the batch exports (and its exporter's timer runs) inside
      // the measurement, and its queue never fills (a full queue drops spans, which would flatter the figure).
      if (index % BLOCK === BLOCK - 1) {
        await processor.forceFlush();
        exporter.reset();
      }
    }
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1000 / rounds;
  };
  for (let index = 0; index < 1000; index++) await one(index, true);
  await processor.forceFlush();
  let traced = 0;
  let untraced = 0;
  for (let repeat = 0; repeat < 3; repeat++) {
    traced += (await cpuOf(true)) / 3;
    untraced += (await cpuOf(false)) / 3;
  }
  return { traced, untraced };
}

/** The gateway paths, timed natively. */
async function gatewayFigures(): Promise<BenchFigure[]> {
  const bench = new BenchGateways("bench/tracing.ts");
  const { exporter, traced } = bench;
  try {
    const off = await bench.start();
    const offAgain = await bench.start();
    const on = await bench.start({ config: traced, tracing: { exporter } });
    let recording = true;
    const switched: Sampler = { shouldSample: () => ({ decision: recording ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD }), toString: () => "bench switch" };
    const sampled = await bench.start({ config: traced, tracing: { exporter, sampler: switched } });
    const tasks = workloadTasks();
    const request = (index: number) => ({ input: tasks[Math.abs(index) % tasks.length]!.input, deployment: DEPLOYMENT, mode: "emit" as const });
    const viaGateway = (gateway: Gateway, prefix: string) => async (index: number) => {
      const state = await gateway.invoke(request(index), { threadId: `${prefix}-${index}` });
      if (state.status !== "succeeded") throw new Error(`request failed: ${state.error?.message ?? state.status}`);
    };
    const viaGraph = (prefix: string, callbacks: BaseCallbackHandler[] | undefined) => async (index: number) => {
      const state = await off.graph.invoke({ request: request(index) }, { configurable: { thread_id: `${prefix}-${index}` }, context: { engine: off.engine }, ...(callbacks ? { callbacks } : {}) });
      if (state.status !== "succeeded") throw new Error(`request failed: ${state.error?.message ?? state.status}`);
    };
    // The block's last traced request flushes the batch, so its export is inside the block's measurement.
    const onThenFlush = async (index: number) => {
      await viaGateway(on, "on")(index);
      if ((index + 1) % BLOCK === 0) await on.engine.tracing?.flush();
    };
    const viaSampled = (record: boolean) => async (index: number) => {
      recording = record;
      await viaGateway(sampled, record ? "recorded" : "unrecorded")(index);
      if (record && (index + 1) % BLOCK === 0) await sampled.engine.tracing?.flush();
    };
    const paths = { off: viaGateway(off, "off"), offAgain: viaGateway(offAgain, "off2"), on: onThenFlush, recorded: viaSampled(true), unrecorded: viaSampled(false), graph: viaGraph("graph", undefined), noop: viaGraph("noop", [new NoopHandler()]) };
    for (let index = 0; index < 30; index++) for (const one of Object.values(paths)) await one(-100 - index);
    const rows = { off: empty(), offAgain: empty(), on: empty(), recorded: empty(), unrecorded: empty(), graph: empty(), noop: empty() };
    // Each block's CPU per request too, so a round's paths can be paired (medians of paired differences).
    const blocks: Record<keyof typeof paths, number[]> = { off: [], offAgain: [], on: [], recorded: [], unrecorded: [], graph: [], noop: [] };
    for (let offset = 0; offset < ROUNDS; offset += BLOCK) {
      for (const key of Object.keys(paths) as (keyof typeof paths)[]) {
        const before = rows[key].cpuMs;
        await measure(rows[key], BLOCK, paths[key], offset);
        blocks[key].push((rows[key].cpuMs - before) / BLOCK);
      }
      // The in-memory exporter keeps every span; dropping them keeps its memory flat across blocks.
      exporter.reset();
    }
    // One more traced request, alone in the exporter: how many spans a request makes.
    await on.engine.tracing?.flush();
    exporter.reset();
    await paths.on(ROUNDS + 1);
    await on.engine.tracing?.flush();
    const spans = exporter.getFinishedSpans().length;
    const cpuOf = (samples: Samples) => samples.cpuMs / samples.requests;
    const figures: BenchFigure[] = [];
    const row = (name: string, samples: Samples) => {
      figures.push({ metric: `${name} CPU per request`, value: cpuOf(samples), unit: "ms" }, { metric: `${name} wall p50`, value: percentile(samples.wall, 0.5), unit: "ms" });
    };
    row("off (default)", rows.off);
    row("off again (noise)", rows.offAgain);
    row("on, in-memory exporter (batch processor)", rows.on);
    row("one gateway, recorded", rows.recorded);
    row("one gateway, not recorded (sampler)", rows.unrecorded);
    row("graph.invoke, no callbacks", rows.graph);
    row("graph.invoke + no-op LangChain handler", rows.noop);
    figures.push(
      { metric: "CPU noise: |off' − off| per request", value: Math.abs(cpuOf(rows.offAgain) - cpuOf(rows.off)), unit: "ms", baseline: "off", ratio: cpuOf(rows.offAgain) / cpuOf(rows.off) },
      { metric: "on − off, CPU per request", value: cpuOf(rows.on) - cpuOf(rows.off), unit: "ms", goal: 0.2, baseline: "off", ratio: cpuOf(rows.on) / cpuOf(rows.off) },
      { metric: "one gateway: recorded − not recorded, CPU per request", value: cpuOf(rows.recorded) - cpuOf(rows.unrecorded), unit: "ms", goal: 0.2, baseline: "not recorded", ratio: cpuOf(rows.recorded) / cpuOf(rows.unrecorded) },
      { metric: "no-op LangChain handler − none, CPU per request", value: cpuOf(rows.noop) - cpuOf(rows.graph), unit: "ms", baseline: "graph.invoke, no callbacks", ratio: cpuOf(rows.noop) / cpuOf(rows.graph) },
      { metric: "spans per traced request", value: spans, unit: "spans" },
      { metric: `on − off, median of ${blocks.on.length} paired blocks`, value: median(paired(blocks.on, blocks.off)), unit: "ms", goal: 0.2 },
      { metric: "noise: off′ − off, median of paired blocks", value: median(paired(blocks.offAgain, blocks.off)), unit: "ms" },
      { metric: "one gateway: recorded − not recorded, median of paired blocks", value: median(paired(blocks.recorded, blocks.unrecorded)), unit: "ms", goal: 0.2 },
    );
    return figures;
  } finally {
    await bench.close();
  }
}

/** The replay: one request's spans alone against the same calls untraced, batched and simple. */
async function replayFigures(): Promise<BenchFigure[]> {
  const replay = await replayedSpans(5_000, (spans) => new SpanBatches(spans));
  const simple = await replayedSpans(5_000, (spans) => new SimpleSpanProcessor(spans));
  return [
    { metric: "one request's spans replayed alone (batch), CPU per request", value: replay.traced, unit: "ms", baseline: "the same calls untraced" },
    { metric: "spans replayed − untraced (batch), CPU per request", value: replay.traced - replay.untraced, unit: "ms", goal: 0.2, baseline: "the same calls untraced", ratio: replay.traced / replay.untraced },
    { metric: "spans replayed − untraced (SimpleSpanProcessor), CPU per request", value: simple.traced - simple.untraced, unit: "ms", baseline: "the same calls untraced", ratio: simple.traced / simple.untraced },
  ];
}

const parts = ["gateways", "replay", "instructions", "attribution", "paired", "versus", "turns"] as const;

/** `SWITCHYARD_BENCH_PART=gateways|replay|instructions|attribution|paired|versus|turns` (or a comma list) runs those parts; all by default (instructions when valgrind is here). */
export async function run(): Promise<BenchResult> {
  // One part, or several separated by commas (`attribution,paired,replay`: their figures in one tracing.json).
  const only = process.env.SWITCHYARD_BENCH_PART?.split(",");
  const unknown = only?.filter((part) => !(parts as readonly string[]).includes(part));
  if (unknown !== undefined && unknown.length > 0) throw new Error(`SWITCHYARD_BENCH_PART=${unknown.join(",")} is not a part of tracing; parts: ${parts.join(", ")}`);
  const wanted = (part: (typeof parts)[number]) => only === undefined || only.includes(part);
  const figures: BenchFigure[] = [];
  if (wanted("gateways")) figures.push(...(await gatewayFigures()));
  if (wanted("replay")) figures.push(...(await replayFigures()));
  if (wanted("instructions")) {
    if (callgrindAvailable()) figures.push(...(await instructionFigures()));
    else console.log("tracing: instructions skipped, valgrind (callgrind, vgdb) is not on PATH");
  }
  if (wanted("attribution")) figures.push(...(await attributionFigures()));
  if (wanted("paired")) figures.push(...(await pairedFigures()));
  // Only when asked: it needs a commit to compare with (SWITCHYARD_BENCH_TRACING_BASE).
  if (only?.includes("versus") === true) figures.push(...(await versusFigures()));
  // Only when asked: a check on the paired A/B's method, not a figure of tracing.
  if (only?.includes("turns") === true) figures.push(...(await turnsFigures()));
  return { name: "tracing", figures };
}

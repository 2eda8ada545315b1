/**
 * Tracing's code at this checkout against another commit's, in one process (`SWITCHYARD_BENCH_PART=versus`,
 * `SWITCHYARD_BENCH_TRACING_BASE=REV`): the paired A/B's cheap graph (bench/tracing-paired.ts) on three engines,
 * traced by this checkout's src/telemetry, traced by REV's (extracted with `git archive` under .switchyard/, so its
 * imports resolve to the same node_modules), and untraced; each exports to its own in-memory exporter through
 * its own commit's span processor, flushed inside its block (the untraced block ends with a turn of the event
 * loop, as the flush's exporter timer gives the others). Blocks of 10 rotate through the three, a fresh graph
 * each round; per round this checkout − REV and REV − untraced, with 95 % Student-t intervals. Why in one process: runs
 * minutes apart on this shared machine differ by more than the change being measured. The node wrapper
 * (graphs/yielding-node.ts) is this checkout's on its path; on REV's it is `thunkWrapper` (the node as a closure,
 * which any commit's `requests.node` runs, whatever this checkout's wrapper passes it); the model-call wrapper is
 * each commit's own.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { yieldIfBusy } from "../checkpoints/index.ts";
import type { yieldingNode } from "../graphs/yielding-node.ts";
import { tracingOf } from "../nodes/context.ts";
import type { Engine } from "../src/runtime/engine.ts";
import { requestEnd, requestStartAttributes } from "../src/telemetry/tracing-attributes.ts";
import type { tracedModelCall } from "../src/telemetry/traced-model-call.ts";
import type { createTracing } from "../src/telemetry/tracing.ts";
import { mainThreadCpuMs, meanDifference } from "./tracing-attribution.ts";
import { BenchGateways } from "./tracing-gateways.ts";
import { cheapGraph, eventLoopTurn } from "./tracing-paired.ts";
import type { BenchFigure } from "./types.ts";

/**
 * The node wrapper for REV's tracer: graphs/yielding-node.ts's form at 361de84, the node passed to
 * `requests.node` as a closure (a wrapper that passed the node with its state and runtime, tried on this
 * branch, needs a `requests.node` that hands them on, which an earlier commit's does not).
 */
const thunkWrapper: typeof yieldingNode = (node) => async (state, runtime) => {
  await yieldIfBusy();
  const tracing = tracingOf(runtime);
  if (tracing === undefined) return node(state, runtime);
  return tracing.requests.node(runtime?.executionInfo?.threadId, runtime?.executionInfo?.checkpointNs ?? "", () => node(state, runtime));
};

const ROUNDS = Number(process.env.SWITCHYARD_BENCH_VERSUS_ROUNDS ?? 400);
const BLOCK = 10;

/** REV's src/telemetry, extracted once under .switchyard/tracing-base/REV (inside the repo: node_modules resolves). */
async function baseKit(revision: string) {
  const commit = execFileSync("git", ["rev-parse", "--short", revision], { encoding: "utf8" }).trim();
  const root = path.resolve(".switchyard", "tracing-base", commit);
  if (!fs.existsSync(path.join(root, "src", "telemetry", "tracing.ts"))) {
    fs.mkdirSync(root, { recursive: true });
    const archive = execFileSync("git", ["archive", commit, "src/telemetry"]);
    execFileSync("tar", ["-x", "-C", root], { input: archive });
  }
  const tracing = (await import(path.join(root, "src", "telemetry", "tracing.ts"))) as { createTracing: typeof createTracing };
  const calls = (await import(path.join(root, "src", "telemetry", "traced-model-call.ts"))) as { tracedModelCall: typeof tracedModelCall };
  return { commit, ...tracing, ...calls };
}

export async function versusFigures(): Promise<BenchFigure[]> {
  const revision = process.env.SWITCHYARD_BENCH_TRACING_BASE;
  if (revision === undefined || revision === "") throw new Error("SWITCHYARD_BENCH_PART=versus needs SWITCHYARD_BENCH_TRACING_BASE=REV (a commit to compare this checkout's tracing with)");
  const base = await baseKit(revision);
  const bench = new BenchGateways("bench/tracing-versus.ts");
  let baseTracing: Awaited<ReturnType<typeof createTracing>>;
  try {
    const off = await bench.start();
    const head = await bench.start({ config: bench.traced, tracing: { exporter: bench.exporter } });
    const baseExporter = new InMemorySpanExporter();
    baseTracing = await base.createTracing(bench.traced.telemetry?.tracing, { exporter: baseExporter });
    // The untraced engine with REV's tracer over it: the same services, only `tracing` differs.
    const baseEngine = Object.create(off.engine, { tracing: { value: baseTracing } }) as Engine;
    const paths = {
      head: { engine: head.engine, exporter: bench.exporter, graph: cheapGraph() },
      base: { engine: baseEngine, exporter: baseExporter, graph: cheapGraph(base.tracedModelCall, thunkWrapper) },
      off: { engine: off.engine, exporter: undefined, graph: cheapGraph() },
    };
    type Path = keyof typeof paths;
    const one = async (name: Path, index: number) => {
      const { engine, graph } = paths[name];
      const threadId = `${name}-${index}`;
      const run = () => graph.invoke({ input: "hello" }, { configurable: { thread_id: threadId }, context: { engine } });
      const state = engine.tracing === undefined ? await run() : await engine.tracing.requests.request(threadId, "gateway", requestStartAttributes("gateway", threadId), run, requestEnd);
      if (state.status !== "succeeded") throw new Error(`request failed: ${state.status}`);
    };
    const block = async (name: Path, offset: number): Promise<number> => {
      const cpu = mainThreadCpuMs();
      for (let index = 0; index < BLOCK; index++) await one(name, offset + index);
      // One turn of the event loop per block on every path (bench/tracing-paired.ts says why).
      await (paths[name].engine.tracing?.flush() ?? eventLoopTurn());
      const used = mainThreadCpuMs() - cpu;
      paths[name].exporter?.reset();
      return used / BLOCK;
    };
    const spans: Record<Path, number> = { head: 0, base: 0, off: 0 };
    for (const name of ["head", "base"] as const) {
      await one(name, -1);
      await paths[name].engine.tracing?.flush();
      spans[name] = paths[name].exporter.getFinishedSpans().length;
      paths[name].exporter.reset();
    }
    if (spans.head !== spans.base) console.log(`versus: this checkout records ${spans.head} spans per request, ${base.commit} ${spans.base}`);
    const orders = [["head", "base", "off"], ["base", "off", "head"], ["off", "head", "base"]] as const;
    for (let round = 0; round < 60; round++) for (const name of orders[round % 3]!) await block(name, -1_000_000 + round * BLOCK);
    const perBlock: Record<Path, number[]> = { head: [], base: [], off: [] };
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 50 === 0) for (const entry of Object.values(paths)) entry.graph = entry === paths.base ? cheapGraph(base.tracedModelCall, thunkWrapper) : cheapGraph();
      for (const name of orders[round % 3]!) perBlock[name].push(await block(name, round * BLOCK));
    }
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const headBase = meanDifference(perBlock.head.map((value, index) => value - perBlock.base[index]!));
    const baseOff = meanDifference(perBlock.base.map((value, index) => value - perBlock.off[index]!));
    const headOff = meanDifference(perBlock.head.map((value, index) => value - perBlock.off[index]!));
    return [
      { metric: "versus: cheap graph, CPU per request untraced", value: mean(perBlock.off), unit: "ms" },
      { metric: `versus: traced by ${base.commit} − untraced, CPU per request`, value: baseOff.mean, unit: "ms", goal: 0.2, baseline: "untraced" },
      { metric: `versus: ± 95 % (t), ${base.commit} − untraced`, value: baseOff.halfWidth, unit: "ms" },
      { metric: "versus: traced by this checkout − untraced, CPU per request", value: headOff.mean, unit: "ms", goal: 0.2, baseline: "untraced" },
      { metric: "versus: ± 95 % (t), this checkout − untraced", value: headOff.halfWidth, unit: "ms" },
      { metric: `versus: this checkout − ${base.commit}, CPU per traced request`, value: headBase.mean, unit: "ms", baseline: base.commit, ratio: headOff.mean / baseOff.mean },
      { metric: `versus: ± 95 % (t), this checkout − ${base.commit}`, value: headBase.halfWidth, unit: "ms" },
      { metric: "versus: spans per traced request (this checkout)", value: spans.head, unit: "spans" },
      { metric: "versus: requests per path", value: ROUNDS * BLOCK, unit: "requests" },
    ];
  } finally {
    await baseTracing?.shutdown();
    await bench.close();
  }
}

/**
 * What one request costs on each path, in one process and one run, on the quiet emulator profile: CPU per
 * request (`process.cpuUsage`, every thread of the process) and wall p50/p99 of
 *   direct  — a ChatOpenAI structured call (emit, streamed, parsed), the call the gateway makes;
 *   chain   — a bare LangGraph chain of no-op nodes on the same SQLite saver that checkpoints as many
 *             supersteps as the gateway did for one successful request (counted, every namespace, should
 *             a subgraph be nested); and one of 7 supersteps, the fixed reference;
 *             both run with the lean run context the engine installs process-wide (no RunTree per
 *             runnable, src/runtime/lean-run-context.ts); the same chain is also measured on stock
 *             @langchain/core ("stock"), what LangGraph charges in a process without switchyard;
 *   floor   — LangGraph's floor for the gateway's shape (bench/request-cost-floor.ts): no-op nodes in the
 *             gateway's wiring, on its state schema seeded with an answered request's state, as many
 *             checkpoints as the gateway, same saver: what the bare chain leaves out (state size, nesting);
 *   gateway — the gateway graph, same request, same saver;
 *   serve   — `switchyard serve` runs/wait through the SDK Client over loopback, 1 and 16 concurrent clients.
 * The emulators run on a worker thread; process.cpuUsage counts that thread too, so their CPU is in the
 * direct, gateway and serve rows alike (one identical call each) and cancels in "gateway − direct". The
 * serve rows also hold the SDK client's own CPU. The goal: (gateway CPU − direct CPU) / chain CPU ≤ 1.3,
 * the chain's CPU taken whole (no baseline is subtracted from it).
 */
import { END, START, StateGraph, StateSchema } from "@langchain/langgraph";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { Client } from "@langchain/langgraph-sdk";
import { z } from "zod";
import { createGateway } from "../graphs/create-gateway.ts";
import type { GatewayStateValue } from "../src/state/gateway-state.ts";
import { quietProfile, emulatorLauncher } from "../src/emulators/index.ts";
import { MemoryEventSink } from "../src/guardian/index.ts";
import { createServer } from "../src/server/index.ts";
import { installLeanRunContext, uninstallLeanRunContext } from "../src/runtime/lean-run-context.ts";
import { percentile } from "../src/telemetry/percentile.ts";
import { workloadTasks } from "../src/workload/index.ts";
import { emptySamples as empty, measureBlock as measure, type Samples } from "./cpu-samples.ts";
import { gatewayShapedFloor } from "./request-cost-floor.ts";
import { tracingOffChecksMs } from "./tracing-off-hooks.ts";
import { directCall } from "./direct-call.ts";
import type { BenchFigure, BenchResult } from "./types.ts";

const ROUNDS = Number(process.env.SWITCHYARD_BENCH_ROUNDS ?? 240);
// Warm-up rounds per path. Functions the gateway runs once per request (callModel, acceptRequest, validate...)
// are optimized by TurboFan only after some hundreds of requests, each compile taking 20–120 ms of a helper
// thread, so a short warm-up leaves that one-off cost inside the measured rounds (docs/gateway.md).
const WARMUP = Number(process.env.SWITCHYARD_BENCH_WARMUP ?? 30);
const BLOCK = 20;
const DEPLOYMENT = "openai-gpt-4o-mini";


/** A chain of `length` nodes that change nothing but a counter: what LangGraph charges per superstep. */
function bareChain(length: number, checkpointer: BaseCheckpointSaver) {
  const state = new StateSchema({ step: z.number().default(0) });
  let graph = new StateGraph(state) as unknown as StateGraph<typeof state, typeof state.State, typeof state.Update, string>;
  for (let index = 0; index < length; index++) graph = graph.addNode(`n${index}`, (current: typeof state.State) => ({ step: current.step + 1 }));
  graph = graph.addEdge(START, "n0");
  for (let index = 1; index < length; index++) graph = graph.addEdge(`n${index - 1}`, `n${index}`);
  return graph.addEdge(`n${length - 1}`, END).compile({ checkpointer });
}

/** Supersteps a thread's run wrote, every namespace (a nested subgraph's too), the input checkpoint excluded. */
async function superstepsOf(checkpointer: BaseCheckpointSaver, threadId: string): Promise<{ total: number; parent: number }> {
  let total = 0;
  let parent = 0;
  for await (const tuple of checkpointer.list({ configurable: { thread_id: threadId } })) {
    if (tuple.metadata?.source === "input") continue;
    total++;
    if ((tuple.config.configurable?.checkpoint_ns ?? "") === "") parent++;
  }
  return { total, parent };
}

export async function run(): Promise<BenchResult> {
  // The guardian's events are counted, not printed: a quarantine of the pinned deployment shows in the walls.
  const guardianEvents = new MemoryEventSink();
  const gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile(), thread: "worker" }), checkpoints: ":memory:" , guardian: { lines: guardianEvents } });
  const server = createServer({ gateway });
  const listening = await server.serve({ port: 0, host: "127.0.0.1" });
  const client = new Client({ apiUrl: listening.url, callerOptions: { maxRetries: 0, maxConcurrency: 16 } });
  try {
    const tasks = workloadTasks();
    const inputOf = (index: number) => tasks[Math.abs(index) % tasks.length]!.input;
    const direct = directCall(gateway, DEPLOYMENT, inputOf);
    const viaGateway = async (index: number) => {
      const state = await gateway.invoke({ input: inputOf(index), deployment: DEPLOYMENT, mode: "emit" }, { threadId: `gw-${index}` });
      if (state.status !== "succeeded") throw new Error(`gateway request failed: ${state.error?.message ?? state.status}`);
    };
    await viaGateway(-1);
    const steps = await superstepsOf(gateway.persistence.checkpointer, "gw--1");
    // A chain of k nodes writes k + 1 checkpoints (its start step too), as each graph the gateway runs does.
    const chain = bareChain(steps.total - 1, gateway.persistence.checkpointer);
    const viaChain = async (index: number) => {
      await chain.invoke({ step: 0 }, { configurable: { thread_id: `chain-${index}` } });
    };
    await viaChain(-1);
    // The same chain on stock @langchain/core (a RunTree per runnable): what LangGraph itself charges in a
    // process that has not installed switchyard's lean run context, which the engine installs process-wide.
    const viaStockChain = async (index: number) => {
      await chain.invoke({ step: 0 }, { configurable: { thread_id: `stock-chain-${index}` } });
    };
    const onStockCore = async (measureIt: () => Promise<void>) => {
      uninstallLeanRunContext();
      try {
        await measureIt();
      } finally {
        installLeanRunContext();
      }
    };
    const chainSteps = await superstepsOf(gateway.persistence.checkpointer, "chain--1");
    // The fixed reference: 7 supersteps, the gateway's parent-graph count when it was filed.
    const chain7 = bareChain(6, gateway.persistence.checkpointer);
    const viaChain7 = async (index: number) => {
      await chain7.invoke({ step: 0 }, { configurable: { thread_id: `chain7-${index}` } });
    };
    // Seeded with the warm-up request's answered state: the size of state the gateway carries.
    const answered = (await gateway.graph.getState({ configurable: { thread_id: "gw--1" } })).values as GatewayStateValue;
    const floor = gatewayShapedFloor(gateway.persistence.checkpointer);
    const viaFloor = async (index: number) => {
      await floor.invoke(answered, { configurable: { thread_id: `floor-${index}` } });
    };
    await viaFloor(-1);
    const floorSteps = await superstepsOf(gateway.persistence.checkpointer, "floor--1");
    const request = (index: number) => ({ input: inputOf(index), deployment: DEPLOYMENT, mode: "emit" as const });
    const serveOne = async (index: number) => {
      await client.runs.wait(null, "gateway", { input: { request: request(index) } });
    };

    // Warm every path (JIT, model clients, prepared statements) before measuring.
    for (let index = 0; index < WARMUP; index++) {
      await direct(index);
      await viaChain(-100 - index);
      await onStockCore(() => viaStockChain(-100 - index));
      await viaChain7(-100 - index);
      await viaFloor(-100 - index);
      await viaGateway(-100 - index);
      await serveOne(index);
    }
    const rows = { direct: empty(), chain: empty(), stockChain: empty(), chain7: empty(), floor: empty(), gateway: empty(), serve1: empty() };
    // Blocks rotate through the paths, so drift on a shared machine hits each alike.
    for (let offset = 0; offset < ROUNDS; offset += BLOCK) {
      await measure(rows.direct, BLOCK, direct, offset);
      await measure(rows.chain, BLOCK, viaChain, offset);
      await onStockCore(() => measure(rows.stockChain, BLOCK, viaStockChain, offset));
      await measure(rows.chain7, BLOCK, viaChain7, offset);
      await measure(rows.floor, BLOCK, viaFloor, offset);
      await measure(rows.gateway, BLOCK, viaGateway, offset);
      await measure(rows.serve1, BLOCK, serveOne, offset);
    }
    // 16 concurrent clients, stateless runs/wait: throughput, CPU per request and wall per request.
    const serve16 = empty();
    let next = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < ROUNDS) {
          const index = next++;
          const began = performance.now();
          await serveOne(index);
          serve16.wall.push(performance.now() - began);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    serve16.cpuMs = (used.user + used.system) / 1000;
    serve16.requests = ROUNDS;

    const cpuOf = (samples: Samples) => samples.cpuMs / samples.requests;
    const overhead = cpuOf(rows.gateway) - cpuOf(rows.direct);
    const offChecks = tracingOffChecksMs(gateway.engine, 2 * steps.total);
    const figures: BenchFigure[] = [
      { metric: "gateway supersteps per request (every namespace)", value: steps.total, unit: "steps" },
      { metric: "gateway supersteps per request (parent graph)", value: steps.parent, unit: "steps" },
      { metric: "bare chain supersteps per request", value: chainSteps.total, unit: "steps" },
      { metric: "gateway-shaped floor supersteps per request", value: floorSteps.total, unit: "steps" },
    ];
    const row = (name: string, samples: Samples, baseline?: { name: string; samples: Samples }) => {
      figures.push(
        { metric: `${name} CPU per request`, value: cpuOf(samples), unit: "ms", ...(baseline ? { baseline: `${baseline.name} CPU`, ratio: cpuOf(samples) / cpuOf(baseline.samples) } : {}) },
        { metric: `${name} wall p50`, value: percentile(samples.wall, 0.5), unit: "ms", ...(baseline ? { baseline: `${baseline.name} p50`, ratio: percentile(samples.wall, 0.5) / percentile(baseline.samples.wall, 0.5) } : {}) },
        { metric: `${name} wall p99`, value: percentile(samples.wall, 0.99), unit: "ms" },
      );
    };
    row("direct ChatOpenAI call", rows.direct);
    row(`bare chain, ${chainSteps.total} supersteps`, rows.chain);
    row("bare chain, 7 supersteps", rows.chain7);
    row(`bare chain, ${chainSteps.total} supersteps, stock @langchain/core`, rows.stockChain, { name: `bare chain, ${chainSteps.total} supersteps`, samples: rows.chain });
    row("gateway-shaped floor", rows.floor, { name: `bare chain, ${chainSteps.total} supersteps`, samples: rows.chain });
    row("gateway.invoke", rows.gateway, { name: "direct", samples: rows.direct });
    row("serve runs/wait, 1 client", rows.serve1, { name: "gateway.invoke", samples: rows.gateway });
    row("serve runs/wait, 16 clients", serve16, { name: "gateway.invoke", samples: rows.gateway });
    figures.push(
      { metric: "gateway CPU over direct", value: overhead, unit: "ms" },
      // Tracing off (the default, this gateway): what its checks cost per request, two per superstep counted
      // (a node's and, at most, a model call's), run alone; bench/tracing.ts measures tracing on.
      { metric: "tracing off: its checks on one request, run alone", value: offChecks, unit: "ms", baseline: "gateway.invoke CPU", ratio: offChecks / cpuOf(rows.gateway) },
      { metric: "gateway CPU over direct / bare chain CPU (same supersteps)", value: overhead / cpuOf(rows.chain), unit: "x", goal: 1.3, baseline: `bare chain, ${chainSteps.total} supersteps` },
      // The "what LangGraph itself charges", read as stock LangGraph: the chain without the lean run context.
      { metric: "gateway CPU over direct / stock bare chain CPU (same supersteps)", value: overhead / cpuOf(rows.stockChain), unit: "x", goal: 1.3, baseline: `bare chain, ${chainSteps.total} supersteps, stock @langchain/core` },
      { metric: "gateway CPU over direct / bare chain CPU (7 supersteps)", value: overhead / cpuOf(rows.chain7), unit: "x", goal: 1.3, baseline: "bare chain, 7 supersteps" },
      { metric: "gateway CPU over direct / gateway-shaped floor CPU", value: overhead / cpuOf(rows.floor), unit: "x", goal: 1.3, baseline: "gateway-shaped floor" },
      { metric: "serve runs/wait p50 over gateway.invoke p50 (1 client)", value: percentile(rows.serve1.wall, 0.5) - percentile(rows.gateway.wall, 0.5), unit: "ms", goal: 1 },
      { metric: "serve requests/s at 16 concurrent clients", value: ROUNDS / seconds, unit: "req/s", goal: 120 },
      // Pinned requests wait out a quarantine of their deployment: read the serve rows with this count.
      { metric: "guardian quarantines during the run", value: guardianEvents.events.filter((event) => event.kind === "quarantine").length, unit: "events" },
    );
    return { name: "request-cost", figures };
  } finally {
    await listening.close();
    await server.close();
    await gateway.close();
  }
}

/**
 * The gateway's ablation ladder (issue #18): where a request's CPU over the direct call goes, found by taking
 * one piece away at a time rather than by a profile. One process, one engine and saver (quiet emulator
 * profile, emulators on a worker thread). Each rung is the full request with one piece removed or stubbed:
 * a patch of one engine service for the length of each call, or a gateway graph wired without one step.
 * Each pass runs every rung's block right beside a block of its baseline (order flipped every other pass, the
 * rungs rotated), and pairs the two: printed is the median saving per request over the passes and a ~95 %
 * interval of that median (order statistics). A
 * stub is not a proposal: it says what the piece costs, so the biggest pieces get cut for real.
 *
 *   PASSES=16 BLOCK=8 WARMUP=15 npx tsx bench/gateway-ablation.ts
 */
import os from "node:os";
import { END, START, StateGraph } from "@langchain/langgraph";
import { AIMessageChunk, HumanMessage } from "@langchain/core/messages";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { createGateway } from "../graphs/create-gateway.ts";
import { afterAccept, endingWithGuardian } from "../graphs/folded-steps.ts";
import { buildGatewayGraph } from "../graphs/gateway.ts";
import { routerSteps } from "../graphs/router.ts";
import { yieldingNode } from "../graphs/yielding-node.ts";
import { acceptRequest } from "../nodes/index.ts";
import { emulatorLauncher, quietProfile } from "../src/emulators/index.ts";
import { MemoryEventSink } from "../src/guardian/index.ts";
import { joinChunks } from "../src/runtime/join-chunks.ts";
import { GatewayState, gatewayRequestSchema, type GatewayStateValue } from "../src/state/gateway-state.ts";
import { workloadTasks } from "../src/workload/index.ts";
import type { Step } from "./alternating-steps.ts";
import { median } from "./paired-blocks.ts";

const PASSES = Number(process.env.PASSES ?? 16);
const BLOCK = Number(process.env.BLOCK ?? 8);
const WARMUP = Number(process.env.WARMUP ?? 15);
const DEPLOYMENT = "openai-gpt-4o-mini";

const gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile(), thread: "worker" }), checkpoints: ":memory:", guardian: { lines: new MemoryEventSink() } });
const { engine } = gateway;
const persistence = { checkpointer: gateway.persistence.checkpointer, store: gateway.persistence.store };
const tasks = workloadTasks();
const requestOf = (index: number) => ({ input: tasks[Math.abs(index) % tasks.length]!.input, deployment: DEPLOYMENT, mode: "emit" as const });

/** Replaces `object[key]` for the length of one call; returns the undo. */
function patch<T extends object, K extends keyof T>(object: T, key: K, value: T[K]): () => void {
  const own = Object.prototype.hasOwnProperty.call(object, key);
  const previous = object[key];
  object[key] = value;
  return () => {
    if (own) object[key] = previous;
    else delete object[key];
  };
}

/** The gateway's own wiring (verification off, as the bench's config) with accept alone: no memory step. */
function gatewayWithoutMemory() {
  const afterRouterEnd = (state: GatewayStateValue) => !(state.status === "succeeded" && state.verify !== false);
  const loopOver = (state: GatewayStateValue) => ["success", "give_up"].includes(routerSteps.decision(state));
  return new StateGraph(GatewayState)
    .addNode("accept", yieldingNode(acceptRequest))
    .addNode("call_model", yieldingNode(endingWithGuardian(routerSteps.steps.call_model, (state) => routerSteps.callFailed(state) && afterRouterEnd(state))))
    .addNode("check_output", yieldingNode(endingWithGuardian(routerSteps.steps.check_output, (state) => loopOver(state) && afterRouterEnd(state))))
    .addEdge(START, "accept")
    .addConditionalEdges("accept", (state) => (afterAccept(state) === "call_model" ? "call_model" : END), ["call_model", END])
    .addConditionalEdges("call_model", (state) => (routerSteps.callFailed(state) ? END : "check_output"), ["check_output", END])
    .addConditionalEdges("check_output", (state) => (loopOver(state) ? END : "call_model"), ["call_model", END])
    .compile(persistence);
}

const fullGraph = buildGatewayGraph().compile(persistence);
const noMemoryGraph = gatewayWithoutMemory();
const viaGraph = (graph: { invoke: typeof noMemoryGraph.invoke }, tag: string) => async (index: number) => {
  const state = await graph.invoke({ request: gatewayRequestSchema.parse(requestOf(index)) }, { configurable: { thread_id: `${tag}-${index}-${Math.random()}` }, context: { engine } });
  if (state.status !== "succeeded") throw new Error(`${tag}: ${state.status} ${state.error?.message ?? ""}`);
};
let serial = 0;
const viaGateway = async (index: number) => {
  const state = await gateway.invoke(requestOf(index), { threadId: `gw-${serial++}` });
  if (state.status !== "succeeded") throw new Error(`gateway: ${state.status} ${state.error?.message ?? ""}`);
};
const patched = (patches: () => Array<() => void>) => async (index: number) => {
  const undo = patches();
  try {
    await viaGateway(index);
  } finally {
    for (const restore of undo.reverse()) restore();
  }
};

// A plan captured from a real request (its lease dropped): the "no planning" rung routes to it every time.
const schema = engine.schemas.get("ticket").schema;
const realPlan = engine.routing.plan.bind(engine.routing);
const fixedPlan = await (async () => {
  const plan = await realPlan({ request: gatewayRequestSchema.parse(requestOf(0)), attempts: [], deadlineAt: engine.now() + 60_000 });
  if (plan.kind !== "call") throw new Error("no plan");
  if (plan.lease) await engine.routing.router.release(plan.lease);
  const { lease: _lease, ...rest } = plan;
  return rest;
})();
const neverAborts = new AbortController().signal;

/** Each rung: its name, its baseline's index in `steps`, the call. */
const rungs: Array<{ name: string; baseline: number; step: Step[1] }> = [
  { name: "gateway.invoke → graph.invoke (request parse + checkRequest + thread lease)", baseline: 0, step: viaGraph(fullGraph, "graph") },
  { name: "memory step (recall + compaction + counting)", baseline: 1, step: viaGraph(noMemoryGraph, "nomem") },
  { name: "route planning (mode choice, selection, limits/lease, snapshot)", baseline: 0, step: patched(() => [patch(engine.routing, "plan", async () => ({ ...fixedPlan }))]) },
  // The lease is still released: a leaked slot would make later rungs wait under the deployment's limits.
  { name: "router bookkeeping after the call (latency, outcome window)", baseline: 0, step: patched(() => [patch(engine.routing.router, "recordSuccess", async (options) => (options.lease ? engine.routing.router.release(options.lease) : undefined))]) },
  { name: "policy record", baseline: 0, step: patched(() => [patch(engine.routing.policy, "record", () => {})]) },
  { name: "guardian afterRequest", baseline: 0, step: patched(() => [patch(engine.guardian, "afterRequest", () => [])]) },
  { name: "served ledger record + shadow offer", baseline: 0, step: patched(() => [patch(engine.served, "record", (served) => ({ ...served, request_id: "r" })), patch(engine.shadow, "offer", () => false)]) },
  { name: "answer validation (schema.safeParse in validate)", baseline: 0, step: patched(() => [patch(schema, "safeParse", ((value: unknown) => ({ success: true, data: value })) as unknown as typeof schema.safeParse)]) },
  { name: "deadline signal (AbortSignal.timeout per call)", baseline: 0, step: patched(() => [patch(engine, "timeout" as keyof typeof engine, (() => neverAborts) as never)]) },
  {
    name: "graph config/callbacks reaching the model call",
    baseline: 0,
    step: patched(() => {
      const get = engine.modeCalls.get.bind(engine.modeCalls);
      return [
        patch(engine.modeCalls, "get", (key) => {
          const prepared = get(key);
          const { runnable } = prepared;
          const storage = AsyncLocalStorageProviderSingleton.getInstance();
          const detached = { invoke: (...args: Parameters<typeof runnable.invoke>) => storage.run(undefined, () => runnable.invoke(...args)), stream: (...args: Parameters<typeof runnable.stream>) => storage.run(undefined, () => runnable.stream(...args)) };
          return { ...prepared, runnable: detached as unknown as typeof runnable };
        }),
      ];
    }),
  },
];

const baselines: Step[] = [["gateway.invoke", viaGateway], ["graph.invoke", viaGraph(fullGraph, "graph")]];

/** CPU per request of `BLOCK` calls (ms). */
async function blockCpu(call: Step[1], pass: number): Promise<number> {
  const started = process.cpuUsage();
  for (let index = 0; index < BLOCK; index++) await call(pass * BLOCK + index);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000 / BLOCK;
}

try {
  console.log(`load before: ${os.loadavg().map((value) => value.toFixed(1)).join(" ")}; ${PASSES} passes, blocks of ${BLOCK} requests, each rung beside its baseline`);
  for (const [, call] of [...baselines, ...rungs.map((rung): Step => [rung.name, rung.step])]) for (let index = 0; index < WARMUP; index++) await call(-1 - index);
  // Each rung's block sits next to a block of its baseline (order flipped every other pass; rungs rotated), so a
  // pair shares the machine's state of that moment: the paired difference keeps less of a loaded machine's drift.
  const savings = rungs.map((): number[] => []);
  const base = [[], []] as number[][];
  const loads: string[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    for (let turn = 0; turn < rungs.length; turn++) {
      const index = (turn + pass) % rungs.length;
      const rung = rungs[index]!;
      const baseline = baselines[rung.baseline]![1];
      const [first, second] = pass % 2 === 0 ? [baseline, rung.step] : [rung.step, baseline];
      const a = await blockCpu(first, pass);
      const b = await blockCpu(second, pass);
      const [baseCpu, rungCpu] = pass % 2 === 0 ? [a, b] : [b, a];
      base[rung.baseline]!.push(baseCpu);
      savings[index]!.push(baseCpu - rungCpu);
    }
    loads.push(os.loadavg()[0]?.toFixed(1) ?? "?");
  }
  const meanOf = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  console.log(`${meanOf(base[0]!).toFixed(2).padStart(6)} ms CPU/request  gateway.invoke (baseline A)`);
  console.log(`${meanOf(base[1]!).toFixed(2).padStart(6)} ms CPU/request  graph.invoke (baseline B)`);
  for (const [index, rung] of rungs.entries()) {
    const sorted = [...savings[index]!].sort((a, b) => a - b);
    // A ~95 % interval of the median: the order statistics n/2 ± 0.98·√n.
    const spread = Math.ceil(0.98 * Math.sqrt(sorted.length));
    const low = sorted[Math.max(0, Math.floor(sorted.length / 2) - spread)]!;
    const high = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length / 2) + spread - 1)]!;
    console.log(`${median(sorted).toFixed(2).padStart(6)} ms saved [${low.toFixed(2)} .. ${high.toFixed(2)}]  without ${rung.name} (vs ${rung.baseline === 0 ? "A" : "B"})`);
  }
  console.log(`load per pass: ${loads.join(" ")}`);
  // In isolation, on a real reply's chunks (the call node's join; not stubbable from outside the node):
  // AIMessageChunk.concat per chunk, as call_model joined them before, against joinChunks.
  const prepared = engine.modeCalls.get({ deployment: engine.deployment(DEPLOYMENT), mode: "emit", schema, schemaName: "ticket_extraction", contract: undefined });
  const chunks: AIMessageChunk[] = [];
  for await (const chunk of await prepared.runnable.stream([new HumanMessage(requestOf(0).input)])) chunks.push(chunk instanceof AIMessageChunk ? chunk : new AIMessageChunk({ content: chunk.content }));
  const joinCpu = (join: () => unknown) => {
    const started = process.cpuUsage();
    for (let index = 0; index < 200; index++) join();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000 / 200;
  };
  const joinSavings: number[] = [];
  for (let round = 0; round < 20; round++) {
    const before = joinCpu(() => chunks.reduce((joined, chunk) => joined.concat(chunk)));
    const after = joinCpu(() => joinChunks(chunks));
    joinSavings.push(before - after);
  }
  console.log(`${median(joinSavings).toFixed(3).padStart(6)} ms saved per reply by joinChunks over concat per chunk (${chunks.length} chunks, in isolation, median of 20 rounds)`);
} finally {
  await gateway.close();
}

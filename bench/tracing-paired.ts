/**
 * Tracing's CPU in place by a paired A/B with enough samples (`SWITCHYARD_BENCH_PART=paired`): a cheap graph of
 * the gateway's shape (accept, memory_step, a router subgraph with call_model and check_output, guardian; each
 * node wrapped by the gateway's own graphs/yielding-node.ts, the model call through tracedModelCall to a reply
 * that is already there, the run inside the request span as gateway.invoke opens it), run on a traced engine
 * (an in-memory exporter through the production span processor (SpanBatches), flushed inside its block) and on two
 * untraced ones. Short blocks rotate through the three in one process (a fresh graph each round), each ending
 * with one turn of the event loop (the traced one's flush, an untraced one's zero timer); each block's
 * CPU per request is the main thread's (/proc schedstat: not the idle emulators' workers, not V8's helper
 * threads, so a concurrent GC's work elsewhere is not in it); per round, traced − untraced and untraced′ − untraced (the A/A check: its interval should
 * hold 0), averaged over the rounds with a 95 % Student-t interval. A request here costs a few percent of a
 * gateway request, so the same noise in relative terms is a small one in ms, and rounds are cheap: n is large.
 * It sees all of tracing's cost in place (its GC, the wrappers' promise turns), between LangGraph's own work;
 * what it cannot see is the cache pressure of the gateway's heavier work between spans.
 */
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { yieldingNode } from "../graphs/yielding-node.ts";
import { tracingOf, type GatewayRuntime } from "../nodes/context.ts";
import type { Engine } from "../src/runtime/engine.ts";
import { tracedModelCall } from "../src/telemetry/traced-model-call.ts";
import { requestEnd, requestStartAttributes } from "../src/telemetry/tracing-attributes.ts";
import { mainThreadCpuMs, meanDifference } from "./tracing-attribution.ts";
import { BenchGateways } from "./tracing-gateways.ts";
import type { BenchFigure } from "./types.ts";

const ROUNDS = Number(process.env.SWITCHYARD_BENCH_PAIRED_ROUNDS ?? 600);
/** One turn of the event loop (a zero timer, as the in-memory exporter's callback takes). */
export const eventLoopTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const BLOCK = Number(process.env.SWITCHYARD_BENCH_PAIRED_BLOCK ?? 10);
const DEPLOYMENT = { id: "openai-gpt-4o-mini", provider: "openai", model: "gpt-4o-mini", max_output_tokens: 1024 };
const REPLY = { usage_metadata: { input_tokens: 343, output_tokens: 59 }, response_metadata: { finish_reason: "stop", model_name: "gpt-4o-mini" } };

interface Attempt {
  deployment: string;
  mode: string;
  input_tokens: number;
  output_tokens: number;
  outcome: string;
}

const State = Annotation.Root({
  input: Annotation<string>(),
  status: Annotation<string>(),
  attempts: Annotation<Attempt[]>({ reducer: (all, more) => all.concat(more), default: () => [] }),
  call: Annotation<{ deployment: string; mode: string; reason: string } | undefined>(),
  route_decision: Annotation<{ action: string } | undefined>(),
});
type StateValue = typeof State.State;

/**
 * The gateway's shape with nodes that do next to nothing: what is left is LangGraph's work and tracing's.
 * `modelCall` is the model-call wrapper and `wrap` the node wrapper (another commit's, in bench/tracing-versus.ts).
 */
export function cheapGraph(modelCall: typeof tracedModelCall = tracedModelCall, wrap: typeof yieldingNode = yieldingNode) {
  const router = new StateGraph(State)
    .addNode(
      "call_model",
      wrap(async (_state: StateValue, runtime: GatewayRuntime) => {
        const reply = await modelCall(tracingOf(runtime), DEPLOYMENT, "attempt", async () => REPLY);
        const attempt = { deployment: DEPLOYMENT.id, mode: "emit", input_tokens: reply.usage_metadata.input_tokens, output_tokens: reply.usage_metadata.output_tokens, outcome: "ok" };
        return { call: { deployment: DEPLOYMENT.id, mode: "emit", reason: "weighted pick among 3 deployments" }, attempts: [attempt] };
      }),
    )
    .addNode("check_output", wrap(async () => ({ route_decision: { action: "success" } })))
    .addEdge(START, "call_model")
    .addEdge("call_model", "check_output")
    .addEdge("check_output", END)
    .compile();
  return new StateGraph(State)
    .addNode("accept", wrap(async () => ({ status: "running" })))
    .addNode("memory_step", wrap(async () => ({})))
    .addNode("router", router)
    .addNode("guardian", wrap(async () => ({ status: "succeeded" })))
    .addEdge(START, "accept")
    .addEdge("accept", "memory_step")
    .addEdge("memory_step", "router")
    .addEdge("router", "guardian")
    .addEdge("guardian", END)
    .compile();
}

export async function pairedFigures(): Promise<BenchFigure[]> {
  const bench = new BenchGateways("bench/tracing-paired.ts");
  const { exporter, traced } = bench;
  try {
    const off = await bench.start();
    const offAgain = await bench.start();
    const on = await bench.start({ config: traced, tracing: { exporter } });
    let graph = cheapGraph();
    const engines: Record<"on" | "off" | "offAgain", Engine> = { on: on.engine, off: off.engine, offAgain: offAgain.engine };
    const one = async (path: keyof typeof engines, index: number) => {
      const engine = engines[path];
      const threadId = `${path}-${index}`;
      const run = () => graph.invoke({ input: "hello" }, { configurable: { thread_id: threadId }, context: { engine } });
      const state = engine.tracing === undefined ? await run() : await engine.tracing.requests.request(threadId, "gateway", requestStartAttributes("gateway", threadId), run, requestEnd);
      if (state.status !== "succeeded") throw new Error(`request failed: ${state.status}`);
    };
    const block = async (path: keyof typeof engines, offset: number): Promise<number> => {
      const cpu = mainThreadCpuMs();
      for (let index = 0; index < BLOCK; index++) await one(path, offset + index);
      // Every block ends with one turn of the event loop: the traced one's flush waits for the in-memory
      // exporter's timer, and an untraced block waits for one of its own. Without it the untraced blocks
      // never turned the loop, and the main thread's work that waits for a turn (timers, I/O callbacks of the
      // three gateways) was all charged to the traced blocks: ~0.2 ms per request, as much as tracing itself.
      await (path === "on" ? on.engine.tracing?.flush() : eventLoopTurn());
      const used = mainThreadCpuMs() - cpu;
      exporter.reset();
      return used / BLOCK;
    };
    for (let round = 0; round < 100; round++) for (const path of ["on", "off", "offAgain"] as const) await block(path, -1_000_000 + round * BLOCK);
    exporter.reset();
    await on.engine.tracing?.flush();
    exporter.reset();
    await one("on", -1);
    await on.engine.tracing?.flush();
    const spans = exporter.getFinishedSpans().length;
    exporter.reset();
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const perBlock: Record<keyof typeof engines, number[]> = { on: [], off: [], offAgain: [] };
    const orders = [["on", "off", "offAgain"], ["off", "offAgain", "on"], ["offAgain", "on", "off"]] as const;
    for (let round = 0; round < ROUNDS; round++) {
      // A fresh graph each round: one graph's CPU per request crept up over hundreds of rounds in trials.
      graph = cheapGraph();
      for (const path of orders[round % orders.length]!) perBlock[path].push(await block(path, round * BLOCK));
    }
    const traced_ = meanDifference(perBlock.on.map((value, index) => value - perBlock.off[index]!));
    const noise = meanDifference(perBlock.offAgain.map((value, index) => value - perBlock.off[index]!));
    return [
      { metric: "paired: cheap graph, CPU per request untraced", value: mean(perBlock.off), unit: "ms" },
      { metric: "paired: cheap graph, CPU per request traced", value: mean(perBlock.on), unit: "ms" },
      { metric: "paired: spans per traced cheap-graph request", value: spans, unit: "spans" },
      { metric: `paired: traced − untraced, mean of ${ROUNDS} rounds, CPU per request`, value: traced_.mean, unit: "ms", goal: 0.2, baseline: "untraced", ratio: mean(perBlock.on) / mean(perBlock.off) },
      { metric: "paired: ± 95 % (t), traced − untraced", value: traced_.halfWidth, unit: "ms" },
      { metric: "paired: untraced′ − untraced (A/A), CPU per request", value: noise.mean, unit: "ms" },
      { metric: "paired: ± 95 % (t), A/A", value: noise.halfWidth, unit: "ms" },
      { metric: "paired: requests per path", value: ROUNDS * BLOCK, unit: "requests" },
    ];
  } finally {
    await bench.close();
  }
}

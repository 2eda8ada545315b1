/**
 * What the gateway's three conditional edges cost (issue #18): the gateway graph as wired, against the same
 * nodes with static edges (accept -> call_model -> check_output -> END), in one process and one run on the
 * same engine and saver (quiet emulator profile, emulators on a worker thread). The static variant is an
 * ablation, right only for what this bench sends (verification off, first attempt valid; each request is
 * checked to have succeeded): each conditional edge costs LangGraph a fresh read of the state after the node
 * (a throwaway checkpoint with its own id, the written channels copied, their reducers run again) and a
 * runnable invocation of the edge function. Blocks of 10 alternate (order reversed every other block);
 * printed: CPU per request of each (`process.cpuUsage`, every thread), and per pair of neighbouring blocks
 * static − wired (median, quartiles). A one-off behind docs/gateway.md:
 *
 *   ROUNDS=400 npx tsx bench/gateway-edge-ab.ts
 */
import { END, START, StateGraph } from "@langchain/langgraph";
import { acceptThenMemory, endingWithGuardian } from "../graphs/folded-steps.ts";
import { buildGatewayGraph } from "../graphs/gateway.ts";
import { routerSteps } from "../graphs/router.ts";
import { yieldingNode } from "../graphs/yielding-node.ts";
import { GatewayState, gatewayRequestSchema } from "../src/state/gateway-state.ts";
import { workloadTasks } from "../src/workload/index.ts";
import { gateway, persistence } from "./gateway-wiring-ab.ts";
import { alternatedCpuBlocks, reportPairedBlocks } from "./paired-blocks.ts";

/** The happy path's nodes, as the gateway wires them, with static edges. */
function staticGateway() {
  return new StateGraph(GatewayState)
    .addNode("accept", yieldingNode(acceptThenMemory))
    .addNode("call_model", yieldingNode(endingWithGuardian(routerSteps.steps.call_model, () => false)))
    .addNode("check_output", yieldingNode(endingWithGuardian(routerSteps.steps.check_output, () => true)))
    .addEdge(START, "accept")
    .addEdge("accept", "call_model")
    .addEdge("call_model", "check_output")
    .addEdge("check_output", END)
    .compile(persistence);
}

const rounds = Number(process.env.ROUNDS ?? 400);
const BLOCK = 10;
const variants = { wired: buildGatewayGraph().compile(persistence), static: staticGateway() };
const names = ["wired", "static"] as const;
const tasks = workloadTasks();
const one = async (name: (typeof names)[number], index: number) => {
  const request = gatewayRequestSchema.parse({ input: tasks[Math.abs(index) % tasks.length]!.input, deployment: "openai-gpt-4o-mini", mode: "emit" });
  const state = await variants[name].invoke({ request }, { configurable: { thread_id: `${name}-${index}` }, context: { engine: gateway.engine } });
  if (state.status !== "succeeded" || state.attempts.length !== 1) throw new Error(`${name}: request ended ${state.status} after ${state.attempts.length} attempts: the ablation holds only for a first valid answer`);
};
try {
  const perBlock = await alternatedCpuBlocks(names, one, { rounds, block: BLOCK, warmup: 60 });
  reportPairedBlocks(perBlock, "wired", "static");
} finally {
  await gateway.close();
}

/**
 * The folded supersteps (issue #18): memory in accept's superstep, the guardian in the step that ends the
 * request (graphs/folded-steps.ts), against the wiring before them (a frozen copy, node for node and edge for
 * edge: accept -> memory_step -> call_model -> check_output -> guardian), in one process and one run: CPU
 * per request of `graph.invoke` on the same engine and saver, quiet emulator profile, emulators on a worker
 * thread. Blocks of 10 requests alternate between the variants (order reversed every other block); printed:
 * each variant's CPU per request, and per pair of neighbouring blocks after − before (median and quartiles:
 * the spread a loaded machine leaves). A one-off behind docs/gateway.md, not in `npm run bench`:
 *
 *   ROUNDS=400 npx tsx bench/gateway-fold-ab.ts
 */
import { END, START, StateGraph } from "@langchain/langgraph";
import { buildGatewayGraph } from "../graphs/gateway.ts";
import { memoryStep } from "../graphs/memory.ts";
import { routerSteps } from "../graphs/router.ts";
import { yieldingNode } from "../graphs/yielding-node.ts";
import { guardianAfterRequest } from "../nodes/guardian-after-request.ts";
import { acceptRequest, approveRequest, verifyGatewayOutput, verifyGatewayRequest } from "../nodes/index.ts";
import { GatewayState, gatewayRequestSchema, type GatewayStateValue } from "../src/state/gateway-state.ts";
import { workloadTasks } from "../src/workload/index.ts";
import { alternatedCpuBlocks, reportPairedBlocks } from "./paired-blocks.ts";
import { gateway, persistence } from "./gateway-wiring-ab.ts";

const finished = (state: GatewayStateValue) => state.status === "failed" || state.status === "rejected" || state.status === "succeeded";
const verifying = (state: GatewayStateValue) => state.verify !== false;
const afterChecks = (state: GatewayStateValue) => (finished(state) ? END : state.status === "awaiting_approval" ? "approve" : "memory_step");
const afterRouter = (state: GatewayStateValue) => (state.status === "succeeded" && verifying(state) ? "verify_output" : "guardian");

/** The gateway as it was wired before the folds (commit 4da84cb's graphs/gateway.ts). */
function unfoldedGateway() {
  return new StateGraph(GatewayState)
    .addNode("accept", yieldingNode(acceptRequest))
    .addNode("verify_request", yieldingNode(verifyGatewayRequest))
    .addNode("approve", yieldingNode(approveRequest))
    .addNode("memory_step", yieldingNode(memoryStep))
    .addNode("call_model", routerSteps.call_model)
    .addNode("check_output", routerSteps.check_output)
    .addNode("verify_output", yieldingNode(verifyGatewayOutput))
    .addNode("guardian", yieldingNode(guardianAfterRequest))
    .addEdge(START, "accept")
    .addConditionalEdges("accept", (state) => (finished(state) ? END : verifying(state) ? "verify_request" : afterChecks(state)), ["verify_request", "approve", "memory_step", END])
    .addConditionalEdges("verify_request", afterChecks, ["approve", "memory_step", END])
    .addConditionalEdges("approve", (state) => (finished(state) ? END : "memory_step"), ["memory_step", END])
    .addEdge("memory_step", "call_model")
    .addConditionalEdges("call_model", (state) => (routerSteps.callFailed(state) ? afterRouter(state) : "check_output"), ["check_output", "verify_output", "guardian"])
    .addConditionalEdges("check_output", (state) => {
      const decision = routerSteps.decision(state);
      return decision === "success" || decision === "give_up" ? afterRouter(state) : decision;
    }, { retry_same: "call_model", next_deployment: "call_model", fallback_group: "call_model", verify_output: "verify_output", guardian: "guardian" })
    .addEdge("verify_output", "guardian")
    .addEdge("guardian", END)
    .compile(persistence);
}

const rounds = Number(process.env.ROUNDS ?? 400);
const BLOCK = 10;
const variants = { before: unfoldedGateway(), after: buildGatewayGraph().compile(persistence) };
const names = ["before", "after"] as const;
const tasks = workloadTasks();
const one = async (name: (typeof names)[number], index: number) => {
  const request = gatewayRequestSchema.parse({ input: tasks[Math.abs(index) % tasks.length]!.input, deployment: "openai-gpt-4o-mini", mode: "emit" });
  const state = await variants[name].invoke({ request }, { configurable: { thread_id: `${name}-${index}` }, context: { engine: gateway.engine } });
  if (state.status !== "succeeded") throw new Error(`${name}: request ended ${state.status}: ${state.error?.message ?? ""}`);
};
try {
  const perBlock = await alternatedCpuBlocks(names, one, { rounds, block: BLOCK, warmup: 40 });
  reportPairedBlocks(perBlock, "before", "after", 2);
} finally {
  await gateway.close();
}

import type { BaseCheckpointSaver, BaseStore } from "@langchain/langgraph-checkpoint";
import { END, START, StateGraph } from "@langchain/langgraph";
import { acceptRequest, approveRequest, verifyGatewayOutput, verifyGatewayRequest, type GatewayContext } from "../nodes/index.ts";
import { guardianAfterRequest } from "../nodes/guardian-after-request.ts";
import { GatewayState, type GatewayStateValue } from "../src/state/gateway-state.ts";
import { memoryStep } from "./memory.ts";
import { buildRouterGraph } from "./router.ts";
import { yieldingNode } from "./yielding-node.ts";

/** After a node that may have failed the request outright, everything else is skipped. */
const finished = (state: GatewayStateValue) =>
  state.status === "failed" || state.status === "rejected" || state.status === "succeeded";

/**
 * The gateway: accept -> verify_request -> (approve) -> memory_step -> router -> verify_output -> guardian, where the router is a subgraph of its own
 * (select -> call_model -> structure -> validate -> classify_outcome, looping until success or a typed
 * give-up). Studio shows the router nested; langgraph.json lists it on its own too.
 */
export function buildGatewayGraph() {
  return new StateGraph(GatewayState)
    .addNode("accept", yieldingNode(acceptRequest))
    .addNode("verify_request", yieldingNode(verifyGatewayRequest))
    .addNode("approve", yieldingNode(approveRequest))
    .addNode("memory_step", yieldingNode(memoryStep))
    // accept resets `attempts`: the subgraph hands back its whole state, appended by the reducer.
    .addNode("router", buildRouterGraph().compile())
    .addNode("verify_output", yieldingNode(verifyGatewayOutput))
    .addNode("guardian", yieldingNode(guardianAfterRequest))
    .addEdge(START, "accept")
    .addConditionalEdges("accept", (state) => (finished(state) ? END : "verify_request"), ["verify_request", END])
    .addConditionalEdges(
      "verify_request",
      (state) => (finished(state) ? END : state.status === "awaiting_approval" ? "approve" : "memory_step"),
      ["approve", "memory_step", END],
    )
    .addConditionalEdges("approve", (state) => (finished(state) ? END : "memory_step"), ["memory_step", END])
    .addEdge("memory_step", "router")
    // Every request that reached a backend feeds the guardian, failed or not: failures are its evidence.
    .addConditionalEdges("router", (state) => (state.status === "succeeded" ? "verify_output" : "guardian"), ["verify_output", "guardian"])
    .addEdge("verify_output", "guardian")
    .addEdge("guardian", END);
}

export interface CompileGatewayOptions {
  checkpointer?: BaseCheckpointSaver;
  store?: BaseStore;
}

/** Compiles the gateway with persistence; app code invokes it with `{ context: { engine } }`. */
export function compileGateway(options: CompileGatewayOptions = {}) {
  return buildGatewayGraph().compile({
    ...(options.checkpointer ? { checkpointer: options.checkpointer } : {}),
    ...(options.store ? { store: options.store } : {}),
    name: "gateway",
  });
}

export type CompiledGateway = ReturnType<typeof compileGateway>;
export type { GatewayContext };

/** For langgraph.json (Studio, `npm run dev`): the dev server supplies its own checkpointer. */
export const gateway = compileGateway();

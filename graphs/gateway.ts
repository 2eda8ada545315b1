import type { BaseCheckpointSaver, BaseStore } from "@langchain/langgraph-checkpoint";
import { END, START, StateGraph } from "@langchain/langgraph";
import {
  acceptRequest,
  approveRequest,
  callModel,
  route,
  structure,
  validate,
  type GatewayContext,
} from "../nodes/index.ts";
import { GatewayState, type GatewayStateValue } from "../src/state/gateway-state.ts";

/** After a node that may have failed the request outright, everything else is skipped. */
const finished = (state: GatewayStateValue) =>
  state.status === "failed" || state.status === "rejected" || state.status === "succeeded";

/**
 * The gateway: accept -> (approve) -> route -> call_model -> structure -> validate, where every failure
 * loops back to route with the attempt recorded, and route ends the run when the budget is spent.
 */
export function buildGatewayGraph() {
  return new StateGraph(GatewayState)
    .addNode("accept", acceptRequest)
    .addNode("approve", approveRequest)
    .addNode("route", route)
    .addNode("call_model", callModel)
    .addNode("structure", structure)
    .addNode("validate", validate)
    .addEdge(START, "accept")
    .addConditionalEdges(
      "accept",
      (state) => (finished(state) ? END : state.status === "awaiting_approval" ? "approve" : "route"),
      ["approve", "route", END],
    )
    .addConditionalEdges("approve", (state) => (finished(state) ? END : "route"), ["route", END])
    .addConditionalEdges("route", (state) => (finished(state) ? END : "call_model"), ["call_model", END])
    .addConditionalEdges("call_model", (state) => (state.call === undefined ? "route" : "structure"), ["structure", "route"])
    .addConditionalEdges("structure", (state) => (state.call === undefined ? "route" : "validate"), ["validate", "route"])
    .addConditionalEdges("validate", (state) => (finished(state) ? END : "route"), ["route", END]);
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

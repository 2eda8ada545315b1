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

/** Verification's two nodes run when accept said so (the engine's config); skipped by edge otherwise. */
const verifying = (state: GatewayStateValue) => state.verify !== false;

/** After the request was accepted (and verified, when verification is on): approval, or on to memory. */
const afterChecks = (state: GatewayStateValue) => (finished(state) ? END : state.status === "awaiting_approval" ? "approve" : "memory_step");

/**
 * The gateway: accept -> (verify_request) -> (approve) -> memory_step -> router -> (verify_output) ->
 * guardian. The router is a subgraph of its own (call_model -> check_output, looping until success or a
 * typed give-up). A stage that is off costs nothing: verification's two nodes are skipped by edge when the
 * config turns it off, approve unless the request asks for it. Studio shows the router nested;
 * langgraph.json lists it on its own too.
 */
export function buildGatewayGraph() {
  return new StateGraph(GatewayState)
    .addNode("accept", yieldingNode(acceptRequest))
    .addNode("verify_request", yieldingNode(verifyGatewayRequest))
    .addNode("approve", yieldingNode(approveRequest))
    .addNode("memory_step", yieldingNode(memoryStep))
    // accept resets `attempts`: the subgraph hands back its attempts, appended by the reducer.
    .addNode("router", buildRouterGraph({ lean: true }).compile())
    .addNode("verify_output", yieldingNode(verifyGatewayOutput))
    .addNode("guardian", yieldingNode(guardianAfterRequest))
    .addEdge(START, "accept")
    .addConditionalEdges("accept", (state) => (finished(state) ? END : verifying(state) ? "verify_request" : afterChecks(state)), ["verify_request", "approve", "memory_step", END])
    .addConditionalEdges("verify_request", afterChecks, ["approve", "memory_step", END])
    .addConditionalEdges("approve", (state) => (finished(state) ? END : "memory_step"), ["memory_step", END])
    .addEdge("memory_step", "router")
    // Every request that reached a backend feeds the guardian, failed or not: failures are its evidence.
    .addConditionalEdges("router", (state) => (state.status === "succeeded" && verifying(state) ? "verify_output" : "guardian"), ["verify_output", "guardian"])
    .addEdge("verify_output", "guardian")
    .addEdge("guardian", END);
}

export interface CompileGatewayOptions {
  checkpointer?: BaseCheckpointSaver;
  store?: BaseStore;
}

/** Compiles the gateway with persistence; every run needs `{ context: { engine } }` (else EngineMissingError). */
export function compileGateway(options: CompileGatewayOptions = {}) {
  return buildGatewayGraph().compile({
    ...(options.checkpointer ? { checkpointer: options.checkpointer } : {}),
    ...(options.store ? { store: options.store } : {}),
    name: "gateway",
  });
}

export type CompiledGateway = ReturnType<typeof compileGateway>;
export type { GatewayContext };

/** The gateway without persistence or engine, for composition; Studio loads scripts/studio.ts, which binds an engine. */
export const gateway = compileGateway();

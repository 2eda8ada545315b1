import type { BaseCheckpointSaver, BaseStore } from "@langchain/langgraph-checkpoint";
import { END, START, StateGraph } from "@langchain/langgraph";
import { approveRequest, verifyGatewayOutput, verifyGatewayRequest, type GatewayContext } from "../nodes/index.ts";
import { guardianAfterRequest } from "../nodes/guardian-after-request.ts";
import { GatewayState, type GatewayStateValue } from "../src/state/gateway-state.ts";
import { acceptThenAttempt, afterAccept, endingWithGuardian } from "./folded-steps.ts";
import { memoryStep } from "./memory.ts";
import { routerSteps } from "./router.ts";
import { yieldingNode } from "./yielding-node.ts";

/** After a node that may have failed the request outright, everything else is skipped. */
const finished = (state: GatewayStateValue) =>
  state.status === "failed" || state.status === "rejected" || state.status === "succeeded";

/** After verify_request: approval, or on to memory. */
const afterChecks = (state: GatewayStateValue) => (finished(state) ? END : state.status === "awaiting_approval" ? "approve" : "memory_step");

/**
 * Once the router's attempt loop is over: the answer checked when it succeeded and verification is on (the
 * guardian node follows verify_output), else the end (the step that ended the loop fed the guardian).
 */
const afterRouter = (state: GatewayStateValue) => (state.status === "succeeded" && state.verify !== false ? "verify_output" : END);

/** Whether check_output's decision ends the attempt loop. */
const loopOver = (state: GatewayStateValue) => {
  const decision = routerSteps.decision(state);
  return decision === "success" || decision === "give_up";
};

/** check_output's decision in the gateway: another attempt (labelled by its reason in the picture), or the stage after the router. */
const afterCheckOutput = (state: GatewayStateValue) => (loopOver(state) ? afterRouter(state) : routerSteps.decision(state));

/** The router's two steps as the gateway runs them: the guardian fed in the step that ends the request without verify_output. */
const attemptSteps = {
  call: endingWithGuardian(routerSteps.steps.call_model, (state) => routerSteps.callFailed(state) && afterRouter(state) === END),
  check: endingWithGuardian(routerSteps.steps.check_output, (state) => loopOver(state) && afterRouter(state) === END),
};

/**
 * The gateway: accept (with the memory step and the first attempt's call in its superstep) -> check_output
 * (looping back to call_model until success or a typed give-up), the guardian fed in the step that ends the
 * loop; call_model runs as its own node after accept only when compaction removed messages. With
 * verification on: accept -> verify_request -> (approve) -> memory_step -> call_model -> check_output ->
 * verify_output -> guardian. call_model and check_output are the router's two nodes and edges (`routerSteps`,
 * graphs/router.ts), wired inline rather than nested: a nested router cost every request a second Pregel run
 * and three more checkpoints for the same two steps. The router subgraph is still its own graph
 * (`buildRouterGraph`, in langgraph.json and for graphs of your own). A stage that is off costs nothing:
 * verification's two nodes are skipped by edge when the config turns it off, approve unless the request asks
 * for it. A superstep is paid for only where its checkpoint is worth it (graphs/folded-steps.ts): memory and
 * the first call run in accept's (the checkpoint after it holds the completed call), and the guardian, which
 * writes nothing, in the step that ends the request, unless
 * verify_output runs (then the guardian node follows it).
 */
export function buildGatewayGraph() {
  return new StateGraph(GatewayState)
    .addNode("accept", yieldingNode(acceptThenAttempt(attemptSteps)))
    .addNode("verify_request", yieldingNode(verifyGatewayRequest))
    .addNode("approve", yieldingNode(approveRequest))
    .addNode("memory_step", yieldingNode(memoryStep))
    // accept resets `attempts` (and the last request's route_decision): the loop appends this request's.
    .addNode("call_model", yieldingNode(attemptSteps.call))
    .addNode("check_output", yieldingNode(attemptSteps.check))
    .addNode("verify_output", yieldingNode(verifyGatewayOutput))
    .addNode("guardian", yieldingNode(guardianAfterRequest))
    .addEdge(START, "accept")
    .addConditionalEdges("accept", afterAccept, { end: END, verify_request: "verify_request", approve: "approve", call_model: "call_model", check_output: "check_output" })
    .addConditionalEdges("verify_request", afterChecks, ["approve", "memory_step", END])
    .addConditionalEdges("approve", (state) => (finished(state) ? END : "memory_step"), ["memory_step", END])
    .addEdge("memory_step", "call_model")
    // Every request that reached a backend feeds the guardian, failed or not: failures are its evidence.
    .addConditionalEdges("call_model", (state) => (routerSteps.callFailed(state) ? afterRouter(state) : "check_output"), ["check_output", "verify_output", END])
    .addConditionalEdges("check_output", afterCheckOutput, {
      retry_same: "call_model",
      next_deployment: "call_model",
      fallback_group: "call_model",
      verify_output: "verify_output",
      [END]: END,
    })
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

import { END, START, StateGraph } from "@langchain/langgraph";
import { callModel, classifyOutcome, route, structure, validate } from "../nodes/index.ts";
import { GatewayState, type GatewayStateValue, type RouteAction } from "../src/state/gateway-state.ts";
import { yieldingNode } from "./yielding-node.ts";

/** Where each decision of classify_outcome leads. */
const afterDecision: Record<RouteAction, "select" | typeof END> = {
  success: END,
  give_up: END,
  retry_same: "select",
  next_deployment: "select",
  fallback_group: "select",
};

function decisionOf(state: GatewayStateValue): RouteAction {
  const decision = state.route_decision;
  // A decision left over from an earlier attempt must not steer this one.
  if (decision === undefined || decision.after_attempt !== state.attempts.length) return state.status === "succeeded" ? "success" : "give_up";
  return decision.action;
}

/**
 * The router as a subgraph over the gateway's own state: select -> call_model -> structure -> validate ->
 * classify_outcome, whose decision picks the edge: success or give_up end it; retry_same, next_deployment
 * and fallback_group go back to select (which applies the decision, waiting out backoff or a cooldown, but
 * never past the request's deadline). Every attempt and every decision stays in state, with its reason.
 *
 * Used as one node of the gateway: `.addNode("router", buildRouterGraph().compile())`. The subgraph hands
 * back its whole state, so the `attempts` list (an append reducer) must be empty when it is entered: the
 * accept node resets it, and nothing else may append to it before the router.
 *
 * @example
 * const graph = new StateGraph(GatewayState).addNode("accept", acceptRequest).addNode("router", buildRouterGraph().compile())
 *   .addEdge(START, "accept").addEdge("accept", "router").addEdge("router", END).compile();
 */
export function buildRouterGraph() {
  return new StateGraph(GatewayState)
    .addNode("select", yieldingNode(route))
    .addNode("call_model", yieldingNode(callModel))
    .addNode("structure", yieldingNode(structure))
    .addNode("validate", yieldingNode(validate))
    .addNode("classify_outcome", yieldingNode(classifyOutcome))
    .addEdge(START, "select")
    .addConditionalEdges("select", (state) => (state.status === "failed" || state.choice === undefined ? END : "call_model"), ["call_model", END])
    .addConditionalEdges("call_model", (state) => (state.call === undefined ? "classify_outcome" : "structure"), ["structure", "classify_outcome"])
    .addConditionalEdges("structure", (state) => (state.call === undefined ? "classify_outcome" : "validate"), ["validate", "classify_outcome"])
    .addEdge("validate", "classify_outcome")
    .addConditionalEdges("classify_outcome", decisionOf, afterDecision);
}

/** For langgraph.json (Studio): the router on its own, fed a gateway state that has a request and deadline. */
export const router = buildRouterGraph().compile({ name: "router" });

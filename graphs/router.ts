import { END, START, StateGraph } from "@langchain/langgraph";
import { checkOutput } from "../nodes/check-output.ts";
import { routeAndCall } from "../nodes/route-and-call.ts";
import { GatewayState, type GatewayStateValue, type RouteAction } from "../src/state/gateway-state.ts";
import { yieldingNode } from "./yielding-node.ts";

/** Where each decision of check_output leads. */
const afterDecision: Record<RouteAction, "call_model" | typeof END> = {
  success: END,
  give_up: END,
  retry_same: "call_model",
  next_deployment: "call_model",
  fallback_group: "call_model",
};

function decisionOf(state: GatewayStateValue): RouteAction {
  const decision = state.route_decision;
  // A decision left over from an earlier attempt must not steer this one.
  if (decision === undefined || decision.after_attempt !== state.attempts.length) return state.status === "succeeded" ? "success" : "give_up";
  return decision.action;
}

/**
 * The router as a subgraph over the gateway's own state, two supersteps per attempt: call_model (route picks
 * (deployment, mode), waiting out backoff or a cooldown but never past the deadline, then the call through the
 * real client) -> check_output (structure, the optional repair call, validate, and the decision: success,
 * retry_same, next_deployment, fallback_group or give_up, which picks the edge). Each attempt is checkpointed
 * once its call has returned, so a crash never repeats a completed call. Every attempt and every decision
 * stays in state, with its reason.
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
    .addNode("call_model", yieldingNode(routeAndCall))
    .addNode("check_output", yieldingNode(checkOutput))
    .addEdge(START, "call_model")
    // Route found nothing to call (gave up, or the deadline would pass while waiting): the request has failed.
    .addConditionalEdges("call_model", (state) => (state.status === "failed" ? END : "check_output"), ["check_output", END])
    .addConditionalEdges("check_output", decisionOf, afterDecision);
}

/** For langgraph.json (Studio): the router on its own, fed a gateway state that has a request and deadline. */
export const router = buildRouterGraph().compile({ name: "router" });

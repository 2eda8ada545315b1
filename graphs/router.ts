import { END, START, StateGraph } from "@langchain/langgraph";
import { checkOutput } from "../nodes/check-output.ts";
import { routeAndCall } from "../nodes/route-and-call.ts";
import { GatewayState, RouterInputState, RouterOutputState, type GatewayStateValue, type RouteAction } from "../src/state/gateway-state.ts";
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

/** How the router is nested (see buildRouterGraph). */
export interface RouterGraphOptions {
  /**
   * false (default): it takes in and hands back its whole state, as any subgraph over the host's state does.
   * true: it takes in only the fields it reads (RouterInputState) and hands back only those it writes
   * (RouterOutputState). Why: each field a subgraph takes in is zod-validated and written at its start, and
   * each it hands back is validated, written and checkpointed again by the host; whole, that was all 13 fields
   * in and 13 out per request, most of them values the router never reads or never changes. A previous
   * request's `route_decision` also stays out. The gateway nests it this way; its checkpoints are as before.
   */
  lean?: boolean;
}

/**
 * The router as a subgraph over the gateway's own state, two supersteps per attempt: call_model (route picks
 * (deployment, mode), waiting out backoff or a cooldown but never past the deadline, then the call through the
 * real client) -> check_output (structure, the optional repair call, validate, and the decision: success,
 * retry_same, next_deployment, fallback_group or give_up, which picks the edge). Each attempt is checkpointed
 * once its call has returned, so a crash never repeats a completed call. Every attempt and every decision
 * stays in state, with its reason.
 *
 * Used as one node of the gateway: `.addNode("router", buildRouterGraph({ lean: true }).compile())`.
 * The subgraph hands back its `attempts` list (an append reducer), so the list must be empty when it is
 * entered: the accept node resets it, and nothing else may append to it before the router.
 *
 * @example
 * const graph = new StateGraph(GatewayState).addNode("accept", acceptRequest).addNode("router", buildRouterGraph().compile())
 *   .addEdge(START, "accept").addEdge("accept", "router").addEdge("router", END).compile();
 */
export function buildRouterGraph(options: RouterGraphOptions = {}) {
  const lean = options.lean === true;
  return new StateGraph({ state: GatewayState, input: lean ? RouterInputState : GatewayState, output: lean ? RouterOutputState : GatewayState })
    .addNode("call_model", yieldingNode(routeAndCall))
    .addNode("check_output", yieldingNode(checkOutput))
    .addEdge(START, "call_model")
    // Route found nothing to call (gave up, or the deadline would pass while waiting): the request has failed.
    .addConditionalEdges("call_model", (state) => (state.status === "failed" ? END : "check_output"), ["check_output", END])
    .addConditionalEdges("check_output", decisionOf, afterDecision);
}

/** For langgraph.json (Studio): the router on its own, fed a gateway state that has a request and deadline. */
export const router = buildRouterGraph().compile({ name: "router" });

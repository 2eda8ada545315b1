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

/**
 * The router's two nodes and what picks the edges out of them, for wiring it into a host graph inline (the
 * gateway) as well as into a graph of its own (buildRouterGraph): one definition, so the two cannot drift.
 *
 * @example
 * routerSteps.decision(state); // "retry_same": back to call_model; "success" or "give_up": the loop is over
 */
export const routerSteps = {
  call_model: yieldingNode(routeAndCall),
  check_output: yieldingNode(checkOutput),
  /** The same two nodes unwrapped, for a host that runs more in their superstep (the gateway's guardian). */
  steps: { call_model: routeAndCall, check_output: checkOutput },
  /** Route found nothing to call (gave up, or the deadline would pass while waiting): the request has failed. */
  callFailed: (state: GatewayStateValue): boolean => state.status === "failed",
  /** check_output's recorded decision, which picks the edge: another attempt, or the loop is over. */
  decision: decisionOf,
};

/** How the router is nested (see buildRouterGraph). */
export interface RouterGraphOptions {
  /**
   * false (default): it takes in and hands back its whole state, as any subgraph over the host's state does.
   * true: it takes in only the fields it reads (RouterInputState) and hands back only those it writes
   * (RouterOutputState). Why: each field a subgraph takes in is zod-validated and written at its start, and
   * each it hands back is validated, written and checkpointed again by the host; whole, that was all 13 fields
   * in and 13 out per request, most of them values the router never reads or never changes. A previous
   * request's `route_decision` also stays out. Nest it this way in a graph of your own over GatewayState.
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
 * A graph of your own nests it as one node: `.addNode("router", buildRouterGraph({ lean: true }).compile())`.
 * The gateway wires the same two nodes inline (`routerSteps`): nested, each request paid a second Pregel
 * run, with its own input checkpoint, three checkpoints in the router's namespace and the state handed in
 * and out (docs/gateway.md: about 14 % of the gateway's CPU).
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
    .addNode("call_model", routerSteps.call_model)
    .addNode("check_output", routerSteps.check_output)
    .addEdge(START, "call_model")
    .addConditionalEdges("call_model", (state) => (routerSteps.callFailed(state) ? END : "check_output"), ["check_output", END])
    .addConditionalEdges("check_output", routerSteps.decision, afterDecision);
}

/** For langgraph.json (Studio): the router on its own, fed a gateway state that has a request and deadline. */
export const router = buildRouterGraph().compile({ name: "router" });

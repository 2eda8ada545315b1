/**
 * LangGraph's floor for the gateway's own shape, a baseline for bench/request-cost.ts beside the bare chain.
 *
 * Why a second baseline: the bare chain matches the gateway's superstep count on the same saver, but not
 * what LangGraph charges per superstep for the gateway's graph. Its state is one number, where the
 * gateway's is 13 fields (messages, request, attempts, memory: about 3 KB once answered) that LangGraph
 * copies, versions and reads at every step; and it is one flat run, where the gateway nests the router, a
 * second Pregel run with an input checkpoint and a state handed in and out. This graph has that shape and
 * does nothing else: the gateway's state schema, seeded with an answered request's state; the gateway's
 * nesting (two nodes, then a router-shaped subgraph of two nodes taking in and handing back what the
 * gateway's router does, then one node: as many checkpoints, every namespace, as the gateway writes); every node writes one
 * number, as the bare chain's do. Plain edges, like the chain: the gateway's conditional edges, and what its
 * nodes write, stay on the gateway's side of the ratio.
 */
import { END, START, StateGraph } from "@langchain/langgraph";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import type { GatewayRuntime } from "../nodes/context.ts";
import type { buildRouterGraph } from "../graphs/router.ts";
import { GatewayState, RouterInputState, RouterOutputState, type GatewayStateUpdate, type GatewayStateValue } from "../src/state/gateway-state.ts";

/** A no-op step: one number written, as each node of the bare chain writes its counter. */
const tick = async (state: GatewayStateValue, _runtime: GatewayRuntime): Promise<GatewayStateUpdate> => ({ deadline_at: (state.deadline_at ?? 0) + 1 });

/** Two no-op steps nested like the gateway's router (`lean`, as the gateway nests it: see buildRouterGraph). */
function routerShaped(lean: boolean) {
  return new StateGraph({ state: GatewayState, input: lean ? RouterInputState : GatewayState, output: lean ? RouterOutputState : GatewayState })
    .addNode("call_step", tick)
    .addNode("check_step", tick)
    .addEdge(START, "call_step")
    .addEdge("call_step", "check_step")
    .addEdge("check_step", END)
    .compile();
}

/**
 * The floor graph: accept, memory and guardian stand-ins around a two-node router-shaped subgraph that
 * takes in RouterInputState and hands back RouterOutputState, like the gateway's lean router.
 *
 * @example
 * const floor = gatewayShapedFloor(saver);
 * await floor.invoke(answeredState, { configurable: { thread_id: "floor-1" } });
 */
export function gatewayShapedFloor(checkpointer: BaseCheckpointSaver) {
  // Typed as the gateway's router (same schemas, other nodes): addNode's overloads refuse this one's own type.
  const router = routerShaped(true) as unknown as ReturnType<ReturnType<typeof buildRouterGraph>["compile"]>;
  return new StateGraph(GatewayState)
    .addNode("first", tick)
    .addNode("second", tick)
    .addNode("router", router)
    .addNode("last", tick)
    .addEdge(START, "first")
    .addEdge("first", "second")
    .addEdge("second", "router")
    .addEdge("router", "last")
    .addEdge("last", END)
    .compile({ checkpointer });
}

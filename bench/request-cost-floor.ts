/**
 * LangGraph's floor for the gateway's own shape, a baseline for bench/request-cost.ts beside the bare chain.
 *
 * Why a second baseline: the bare chain matches the gateway's superstep count on the same saver, but not
 * what LangGraph charges per superstep for the gateway's graph. Its state is one number, where the
 * gateway's is 13 fields (messages, request, attempts, memory: about 3 KB once answered) that LangGraph
 * copies, versions and reads at every step. This graph has that shape and does nothing else: the gateway's
 * state schema, seeded with an answered request's state; the gateway's three nodes of a successful request
 * (accept with the memory step in its superstep, call_model, check_output with the guardian: the router's two
 * inlined, as the gateway wires them, graphs/folded-steps.ts; as many checkpoints as the gateway writes);
 * every node writes one number, as the bare chain's do.
 * Plain edges, like the chain: the gateway's conditional edges, and what its nodes write, stay on the
 * gateway's side of the ratio.
 */
import { END, START, StateGraph } from "@langchain/langgraph";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import type { GatewayRuntime } from "../nodes/context.ts";
import { GatewayState, type GatewayStateUpdate, type GatewayStateValue } from "../src/state/gateway-state.ts";

/** A no-op step: one number written, as each node of the bare chain writes its counter. */
const tick = async (state: GatewayStateValue, _runtime: GatewayRuntime): Promise<GatewayStateUpdate> => ({ deadline_at: (state.deadline_at ?? 0) + 1 });

/**
 * The floor graph: accept, call and check stand-ins in a row, on the gateway's state.
 *
 * @example
 * const floor = gatewayShapedFloor(saver);
 * await floor.invoke(answeredState, { configurable: { thread_id: "floor-1" } });
 */
export function gatewayShapedFloor(checkpointer: BaseCheckpointSaver) {
  return new StateGraph(GatewayState)
    .addNode("first", tick)
    .addNode("call_step", tick)
    .addNode("check_step", tick)
    .addEdge(START, "first")
    .addEdge("first", "call_step")
    .addEdge("call_step", "check_step")
    .addEdge("check_step", END)
    .compile({ checkpointer });
}

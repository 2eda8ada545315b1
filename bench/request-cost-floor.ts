/**
 * LangGraph's floor for the gateway's own shape, a baseline for bench/request-cost.ts beside the bare chain.
 *
 * Why a second baseline: the bare chain matches the gateway's superstep count on the same saver, but not
 * what LangGraph charges per superstep for the gateway's graph. Its state is one number, where the
 * gateway's is 13 fields (messages, request, attempts, memory: about 3 KB once answered) that LangGraph
 * copies, versions and reads at every step. This graph has that shape and does nothing else: the gateway's
 * state schema, seeded with an answered request's state; the gateway's one node of a successful request
 * (accept with the memory step and the first attempt in its superstep, graphs/folded-steps.ts; as many
 * checkpoints as the gateway writes); the node writes one number, as the bare chain's do. The gateway's
 * call_model task (its saved write) stays on the gateway's side.
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
 * The floor graph: an accept stand-in, on the gateway's state.
 *
 * @example
 * const floor = gatewayShapedFloor(saver);
 * await floor.invoke(answeredState, { configurable: { thread_id: "floor-1" } });
 */
export function gatewayShapedFloor(checkpointer: BaseCheckpointSaver) {
  return new StateGraph(GatewayState)
    .addNode("first", tick)
    .addEdge(START, "first")
    .addEdge("first", END)
    .compile({ checkpointer });
}

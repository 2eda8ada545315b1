import { END, START, StateGraph, type BaseCheckpointSaver } from "@langchain/langgraph";
import { buildRouterGraph } from "../../graphs/router.ts";
import { acceptRequest, approveRequest } from "../../nodes/index.ts";
import { GatewayState, type GatewayStateValue } from "../../src/state/gateway-state.ts";

const finished = (state: GatewayStateValue) => state.status === "failed" || state.status === "rejected" || state.status === "succeeded";

/** graphs/gateway.ts as it reads once the router subgraph replaces route/call_model/structure/validate. */
export function gatewayWithRouter(checkpointer?: BaseCheckpointSaver) {
  return new StateGraph(GatewayState)
    .addNode("accept", acceptRequest)
    .addNode("approve", approveRequest)
    .addNode("router", buildRouterGraph().compile())
    .addEdge(START, "accept")
    .addConditionalEdges("accept", (state) => (finished(state) ? END : state.status === "awaiting_approval" ? "approve" : "router"), ["approve", "router", END])
    .addConditionalEdges("approve", (state) => (finished(state) ? END : "router"), ["router", END])
    .addEdge("router", END)
    .compile({ ...(checkpointer ? { checkpointer } : {}), name: "gateway" });
}

/** A clock that moves with real time and jumps forward on every sleep, so no test really waits. */
export function virtualTime(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let offset = 0;
  const slept: number[] = [];
  return {
    now: () => Date.now() + offset,
    sleep: async (ms: number) => {
      slept.push(ms);
      offset += ms;
    },
    slept,
  };
}

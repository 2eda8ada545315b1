/**
 * A graph of your own that uses only switchyard's router subgraph: switchyard's entry node checks the request,
 * the router picks a deployment and output mode, calls it and validates the answer (retries, fallbacks and
 * cooldowns inside), then a node of yours files the ticket. No memory, verification or guardian stages.
 * Run: npx tsx examples/router-only.ts   (in your project the imports read `from "switchyard"`)
 */
import { END, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import { acceptRequest, buildRouterGraph, GatewayState, startEngine, type GatewayStateValue } from "../index.ts";
import { emulatorLauncher } from "../src/emulators/index.ts";

/** Your own node: it sees the router's validated answer and its route trace in the shared state. */
function fileTicket(state: GatewayStateValue) {
  const last = state.attempts.at(-1);
  console.log(`filed: ${JSON.stringify(state.output?.structured)} (via ${last?.deployment}/${last?.mode})`);
  return {};
}

const graph = new StateGraph(GatewayState)
  .addNode("accept", acceptRequest)
  .addNode("router", buildRouterGraph().compile())
  .addNode("file_ticket", fileTicket)
  .addEdge(START, "accept")
  .addConditionalEdges("accept", (state) => (state.status === "rejected" ? END : "router"), ["router", END])
  .addConditionalEdges("router", (state) => (state.status === "succeeded" ? "file_ticket" : END), ["file_ticket", END])
  .addEdge("file_ticket", END)
  .compile({ checkpointer: new MemorySaver() });

// The engine holds the shared services (backends, routing state, policy); here the built-in config, whose
// backends are the bundled emulators (`switchyard/emulators`, started only because we pass them). Pass
// `{ configPath: "switchyard.yaml" }` and no emulators for real providers.
const engine = await startEngine({ emulators: emulatorLauncher() });
try {
  const state = await graph.invoke(
    { request: { input: "My parcel for order ORD-77120 is stuck in Lyon for a week. — Priya Nair" } },
    { configurable: { thread_id: "router-only-1" }, context: { engine } },
  );
  console.log(`status: ${state.status}, attempts: ${state.attempts.length}`);
  if (state.status !== "succeeded") process.exitCode = 1;
} finally {
  await engine.close();
}

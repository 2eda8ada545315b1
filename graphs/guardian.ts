import { END, START, StateGraph } from "@langchain/langgraph";
import { guardianObserve } from "../nodes/guardian-observe.ts";
import { guardianSummarise } from "../nodes/guardian-summarise.ts";
import { GuardianGraphState } from "../src/guardian/index.ts";

/**
 * The guardian as a subgraph: observe (a cheap incremental update after a request, or a scheduled pass
 * that lifts expired holds) -> summarise (baselines and incidents into state, saved on a schedule tick).
 * The guardian itself is shared per engine, so every thread's requests feed the same baselines.
 *
 * @example
 * const guardian = buildGuardianGraph().compile();
 * await guardian.invoke({ trigger: "request", attempts: state.attempts }, { context: { engine } });
 * await guardian.invoke({ trigger: "schedule" }, { context: { engine } });     // what `switchyard guardian --watch` runs
 */
export function buildGuardianGraph() {
  return new StateGraph(GuardianGraphState)
    .addNode("observe", guardianObserve)
    .addNode("summarise", guardianSummarise)
    .addEdge(START, "observe")
    .addEdge("observe", "summarise")
    .addEdge("summarise", END);
}

/** For langgraph.json (Studio). */
export const guardian = buildGuardianGraph().compile({ name: "guardian" });

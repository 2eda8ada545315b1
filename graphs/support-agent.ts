import { AIMessage } from "@langchain/core/messages";
import type { BaseCheckpointSaver, BaseStore } from "@langchain/langgraph-checkpoint";
import { END, START, StateGraph } from "@langchain/langgraph";
import { monitorToolCalls } from "../nodes/monitor-tool-calls.ts";
import { runSupportTools, supportAgent, supportTurnsLeft, type SupportAgentContext } from "../nodes/support-agent.ts";
import { SupportAgentState, type SupportAgentStateValue } from "../src/verification/support-state.ts";

const proposesTools = (state: SupportAgentStateValue) => {
  const last = state.messages.at(-1);
  return last !== undefined && AIMessage.isInstance(last) && (last.tool_calls ?? []).length > 0;
};

/**
 * An example tool-using support agent in which every tool call passes the runtime monitor before it runs:
 * agent -> check_tools (the monitor) -> tools -> agent. Blocked calls go back to the agent as ToolMessages saying why;
 * critical calls pause for approve / edit / reject (`Command({ resume })`, from any process sharing the
 * checkpointer).
 *
 * @example
 * const graph = compileSupportAgent({ checkpointer });
 * await graph.invoke({ messages: [new HumanMessage("lookup_order A100")] }, { configurable: { thread_id: "t1" }, context: { model } });
 */
export function buildSupportAgentGraph() {
  return new StateGraph(SupportAgentState)
    .addNode("agent", supportAgent)
    .addNode("check_tools", monitorToolCalls)
    .addNode("tools", runSupportTools)
    .addEdge(START, "agent")
    .addConditionalEdges("agent", (state) => (proposesTools(state) ? "check_tools" : END), ["check_tools", END])
    .addConditionalEdges("check_tools", (state) => (state.pending.length > 0 ? "tools" : supportTurnsLeft(state) ? "agent" : END), ["tools", "agent", END])
    .addConditionalEdges("tools", (state) => (supportTurnsLeft(state) ? "agent" : END), ["agent", END]);
}

export interface CompileSupportAgentOptions {
  checkpointer?: BaseCheckpointSaver;
  store?: BaseStore;
}

/** Compiles the support agent with persistence (a checkpointer is needed for approvals). */
export function compileSupportAgent(options: CompileSupportAgentOptions = {}) {
  return buildSupportAgentGraph().compile({
    ...(options.checkpointer ? { checkpointer: options.checkpointer } : {}),
    ...(options.store ? { store: options.store } : {}),
    name: "support-agent",
  });
}

export type { SupportAgentContext };

/** For langgraph.json (Studio): the dev server supplies its own checkpointer. */
export const supportAgentGraph = compileSupportAgent();

import { AIMessage } from "@langchain/core/messages";
import type { BaseCheckpointSaver, BaseStore } from "@langchain/langgraph-checkpoint";
import { END, START, StateGraph } from "@langchain/langgraph";
import { SqliteActionLedger, SwitchyardSqliteSaver } from "../checkpoints/index.ts";
import { monitorSupportCalls } from "../nodes/monitor-tool-calls.ts";
import { proveSupportPlan } from "../nodes/prove-support-plan.ts";
import { checkSupportAnswer, runSupportTools, supportAgent, supportPolicyPath, supportTurnsLeft, type SupportAgentContext } from "../nodes/support-agent.ts";
import type { SupportEnforcement } from "../nodes/support-enforcement.ts";
import type { ActionLedger } from "../src/verification/action-ledger.ts";
import { loadPolicyFile } from "../src/verification/load-policy.ts";
import { MdpModel } from "../src/verification/mdp-model.ts";
import { MemoryActionLedger } from "../src/verification/memory-action-ledger.ts";
import type { Policy } from "../src/verification/policy.ts";
import { ProofCache } from "../src/verification/proof-cache.ts";
import { RuntimeMonitor, type RuntimeMonitorOptions } from "../src/verification/runtime-monitor.ts";
import { SupportAgentInput, SupportAgentState, type SupportAgentStateValue } from "../src/verification/support-state.ts";

const proposesTools = (state: SupportAgentStateValue) => {
  const last = state.messages.at(-1);
  return last !== undefined && AIMessage.isInstance(last) && (last.tool_calls ?? []).length > 0;
};

/**
 * The example tool-using support agent, with enforcement outside the caller's reach:
 * agent -> prove (z3 proof of the proposed plan from the ledger's state; approvals by interrupt) ->
 * check_tools (the runtime monitor with the MDP, step by step; clears steps in the ledger) -> tools (each step
 * appended to the ledger atomically with a final check, then run) -> agent; a final answer goes through
 * check_answer (PII redaction, answer rules). Counts, approvals and facts come from the ledger, never from
 * graph input or state: the input accepts `messages` only.
 *
 * @example
 * const graph = compileSupportAgent({ checkpointer });
 * await graph.invoke({ messages: [new HumanMessage("lookup_order A100")] }, { configurable: { thread_id: "t1" }, context: { model } });
 */
export function buildSupportAgentGraph(enforcement: SupportEnforcement) {
  return new StateGraph({ state: SupportAgentState, input: SupportAgentInput })
    .addNode("agent", supportAgent)
    .addNode("prove", proveSupportPlan(enforcement))
    .addNode("check_tools", monitorSupportCalls(enforcement))
    .addNode("tools", runSupportTools(enforcement))
    .addNode("check_answer", checkSupportAnswer(enforcement))
    .addEdge(START, "agent")
    .addConditionalEdges("agent", (state) => (proposesTools(state) ? "prove" : "check_answer"), ["prove", "check_answer"])
    // `again`: a person answered; the node runs once more as a new task (one interrupt per task, see support-state.ts).
    .addConditionalEdges("prove", (state) => (state.again ? "prove" : state.pending.length > 0 ? "check_tools" : supportTurnsLeft(state) ? "agent" : END), ["prove", "check_tools", "agent", END])
    .addConditionalEdges("check_tools", (state) => (state.again ? "check_tools" : state.pending.length > 0 ? "tools" : supportTurnsLeft(state) ? "agent" : END), ["check_tools", "tools", "agent", END])
    .addConditionalEdges("tools", (state) => (supportTurnsLeft(state) ? "agent" : END), ["agent", END])
    .addEdge("check_answer", END);
}

export interface CompileSupportAgentOptions {
  checkpointer?: BaseCheckpointSaver;
  store?: BaseStore;
  /** The ledger of executed actions. Default: a table in the checkpointer's SQLite file, else in memory. */
  ledger?: ActionLedger;
  /** The policy (default policies/support.yaml). */
  policy?: Policy;
  /**
   * The MDP and its rules (default: a fresh MDP learned online; unseen pairs ask for approval), and the protected
   * corpus for `safety.no_copyrighted_content` (`copyright: new CopyrightIndex(texts)`).
   */
  monitor?: Omit<RuntimeMonitorOptions, "mdp"> & { mdp?: MdpModel | false };
}

let defaultPolicy: Policy | undefined;

/** The support agent's shipped policy (policies/support.yaml), loaded once. */
export function defaultSupportPolicy(): Policy {
  return (defaultPolicy ??= loadPolicyFile(supportPolicyPath));
}

/** Compiles the support agent with persistence (a checkpointer is needed for approvals). */
export function compileSupportAgent(options: CompileSupportAgentOptions = {}) {
  const policy = options.policy ?? defaultSupportPolicy();
  const ledger =
    options.ledger ?? (options.checkpointer instanceof SwitchyardSqliteSaver ? (new SqliteActionLedger(options.checkpointer.database) satisfies ActionLedger) : new MemoryActionLedger());
  const { mdp, ...rules } = options.monitor ?? {};
  const monitor = new RuntimeMonitor(policy, { ...rules, ...(mdp === false ? {} : { mdp: mdp ?? new MdpModel(policy) }) });
  const enforcement: SupportEnforcement = { policy, monitor, ledger, proofs: new ProofCache() };
  return buildSupportAgentGraph(enforcement).compile({
    ...(options.checkpointer ? { checkpointer: options.checkpointer } : {}),
    ...(options.store ? { store: options.store } : {}),
    name: "support-agent",
  });
}

export type { SupportAgentContext };

/** For langgraph.json (Studio): the dev server supplies its own checkpointer. */
export const supportAgentGraph = compileSupportAgent();

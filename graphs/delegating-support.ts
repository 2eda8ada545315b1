import { Annotation, END, START, StateGraph, type BaseCheckpointSaver } from "@langchain/langgraph";
import { callRemoteAgent, remoteTaskPending, type PendingRemoteTask } from "../nodes/call-remote-agent.ts";
import type { RemoteAgent } from "../src/a2a/index.ts";

/** A support request, the answer, and the remote billing task while it waits on a person. */
export const DelegatingSupportState = Annotation.Root({
  question: Annotation<string>(),
  answer: Annotation<string>(),
  remote_task: Annotation<PendingRemoteTask | null>(),
});
type DelegatingSupportValue = typeof DelegatingSupportState.State;

const billingWords = /\b(refund|invoice|billing|charge[ds]?|order)\b/i;

/** The front desk answers what it can; billing questions go on. */
function triage(state: DelegatingSupportValue): Partial<DelegatingSupportValue> {
  // A new question on the same thread starts clean: the last answer is not this one's.
  if (billingWords.test(state.question)) return { answer: "", remote_task: null };
  return { answer: `front desk: thanks, we have logged "${state.question}"` };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * An example of delegation over A2A: a front-desk graph that answers general questions itself and hands
 * billing questions to a billing agent served by another switchyard instance, verifying its signed card
 * and sending short-lived tokens. When the billing agent asks a question back (INPUT_REQUIRED), this graph
 * interrupts for a person and sends the answer on.
 *
 * @example
 * const graph = buildDelegatingSupportGraph(() => billing).compile({ checkpointer });
 * await graph.invoke({ question: "refund my order" }, { configurable: { thread_id: "t1" } });
 */
export function buildDelegatingSupportGraph(billing: RemoteAgent | (() => RemoteAgent)) {
  return new StateGraph(DelegatingSupportState)
    .addNode("triage", triage)
    .addNode(
      "billing",
      callRemoteAgent<DelegatingSupportValue, Partial<DelegatingSupportValue>>(billing, {
        message: (state) => ({ data: { question: state.question } }),
        update: ([output]) => ({ answer: isRecord(output) && typeof output.answer === "string" ? output.answer : JSON.stringify(output ?? null) }),
      }),
    )
    .addEdge(START, "triage")
    .addConditionalEdges("triage", (state) => (state.answer ? END : "billing"), ["billing", END])
    .addConditionalEdges("billing", (state) => (remoteTaskPending(state) ? "billing" : END), ["billing", END]);
}

/** The graph compiled on a checkpointer (its interrupts need one). */
export function compileDelegatingSupport(billing: RemoteAgent | (() => RemoteAgent), checkpointer: BaseCheckpointSaver) {
  return buildDelegatingSupportGraph(billing).compile({ checkpointer, name: "delegating_support" });
}

import { END, START, StateGraph } from "@langchain/langgraph";
import { verifyOutput, verifyRequest } from "../nodes/verify-request.ts";
import { VerificationState } from "../src/verification/verification-state.ts";

/**
 * The verification subgraph: `phase: "request"` runs the request checks (forbidden-action intents,
 * injection phrases, PII in input); `phase: "output"` the output checks (PII strategy, copyright). The
 * verdict says pass / redacted / blocked, with the text to use and the findings.
 *
 * @example
 * const { verdict } = await verification.invoke({ phase: "output", text: "call 4111 1111 1111 1111" }, { context: { engine } });
 */
export function buildVerificationGraph() {
  return new StateGraph(VerificationState)
    .addNode("verify_request", verifyRequest)
    .addNode("verify_output", verifyOutput)
    .addConditionalEdges(START, (state) => (state.phase === "output" ? "verify_output" : "verify_request"), ["verify_request", "verify_output"])
    .addEdge("verify_request", END)
    .addEdge("verify_output", END);
}

/** For langgraph.json (Studio) and app code. */
export const verification = buildVerificationGraph().compile({ name: "verification" });

import { interrupt } from "@langchain/langgraph";
import { z } from "zod";
import type { GatewayStateUpdate, GatewayStateValue } from "../src/state/gateway-state.ts";

/** What a human sends back through `Command({ resume })`. */
export const approvalDecisionSchema = z.union([
  z.strictObject({ approved: z.boolean(), note: z.string().optional() }),
  z.enum(["approve", "reject"]).transform((word) => ({ approved: word === "approve", note: undefined })),
]);

/**
 * Pauses the thread until a person decides. The pause is a checkpoint, so the decision may come from
 * another process (`switchyard resume T --value '{"approved":true}'`).
 */
export function approveRequest(state: GatewayStateValue): GatewayStateUpdate {
  const answer: unknown = interrupt({
    kind: "approval",
    question: "Approve this request before any model is called?",
    request: state.request,
    resume_with: '{"approved": true} or {"approved": false, "note": "why"}',
  });
  const decision = approvalDecisionSchema.safeParse(answer);
  if (!decision.success) {
    return {
      status: "failed",
      error: {
        code: "input_invalid",
        message: `resume value ${JSON.stringify(answer)} is not a decision. Fix: resume with {"approved": true} or {"approved": false, "note": "..."}.`,
      },
    };
  }
  if (!decision.data.approved) {
    return { status: "rejected", error: { code: "rejected", message: decision.data.note ?? "rejected by reviewer" } };
  }
  return { status: "pending" };
}

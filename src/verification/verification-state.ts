import { StateSchema } from "@langchain/langgraph";
import { z } from "zod";

export const textVerdictSchema = z.object({
  decision: z.enum(["pass", "redacted", "blocked"]),
  text: z.string(),
  findings: z.array(z.object({ check: z.string(), detail: z.string() })),
});

/** The verification subgraph's state: which side of a request, the text, and the verdict. */
export const VerificationState = new StateSchema({
  phase: z.enum(["request", "output"]).default("request"),
  text: z.string().default(""),
  verdict: textVerdictSchema.optional(),
});

export type VerificationStateValue = typeof VerificationState.State;
export type VerificationStateUpdate = typeof VerificationState.Update;

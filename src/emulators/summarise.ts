import { extractiveSummary } from "../memory/extractive-summary.ts";
import { summaryLevelOf } from "../memory/summary-plan.ts";
import type { ChatRequest } from "./chat-request.ts";

/**
 * The emulators' summariser: a request whose system text carries SUMMARISE_MARKER is answered with the
 * extractive summary of its user turns (decisions, preferences, numbers, specifications, pending
 * actions), the same every time, so memory's pipeline is tested rather than a model. Undefined for any
 * other request.
 */
export function summariseReply(request: ChatRequest): string | undefined {
  const level = summaryLevelOf(request.system);
  if (level === undefined) return undefined;
  const text = request.turns
    .filter((turn) => turn.role === "user")
    .map((turn) => turn.text)
    .join("\n");
  return extractiveSummary(text, level) || "- (nothing to keep)";
}

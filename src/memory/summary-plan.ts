import type { BaseMessage } from "@langchain/core/messages";
import { groupUnits, roleOf, textOf } from "./message-parts.ts";
import { pinnedUnits } from "./pinned.ts";

/** Marks a summarisation request, so the emulators answer it with their extractive summariser. */
export const SUMMARISE_MARKER = "[switchyard:summarise]";

export type SummaryLevel = "broad" | "detailed";

/** The hierarchy: system messages and the recent ones verbatim, the ~30 before in detail, the rest broadly. */
export interface SummaryPlan {
  verbatim: BaseMessage[];
  detailed: BaseMessage[];
  broad: BaseMessage[];
}

export interface SummaryPlanOptions {
  recentMessages: number;
  detailedMessages: number;
}

/** Splits a history along unit boundaries, so a tool call and its result land in the same tier. */
export function planSummary(messages: readonly BaseMessage[], options: SummaryPlanOptions): SummaryPlan {
  const units = groupUnits(messages);
  const pinned = pinnedUnits(units);
  const tiers: Array<"verbatim" | "detailed" | "broad"> = units.map(() => "broad");
  let recent = 0;
  let detailed = 0;
  for (let index = units.length - 1; index >= 0; index -= 1) {
    const unit = units[index]!;
    const size = unit.messages.length;
    if (pinned.has(index) || recent < options.recentMessages) {
      tiers[index] = "verbatim";
      if (roleOf(unit.messages[0]!) !== "system") recent += size;
    } else if (detailed < options.detailedMessages) {
      tiers[index] = "detailed";
      detailed += size;
    }
  }
  const plan: SummaryPlan = { verbatim: [], detailed: [], broad: [] };
  units.forEach((unit, index) => plan[tiers[index]!].push(...unit.messages));
  return plan;
}

/** The conversation as `role: text` lines, tool calls spelled out, which is what the summariser reads. */
export function transcriptOf(messages: readonly BaseMessage[]): string {
  return messages
    .map((message) => {
      const calls = (message as { tool_calls?: Array<{ name: string; args: unknown }> }).tool_calls ?? [];
      const called = calls.map((call) => ` [called ${call.name}(${JSON.stringify(call.args)})]`).join("");
      return `${roleOf(message) === "human" ? "user" : roleOf(message)}: ${textOf(message)}${called}`;
    })
    .join("\n");
}

/** A summarisation request for the summariser model: instructions in the system text, the transcript as the user turn. */
export interface SummaryPrompt {
  level: SummaryLevel;
  system: string;
  user: string;
}

/**
 * The prompt asks for what a later turn needs: decisions, preferences, technical specifications, numbers
 * and pending actions, verbatim where possible. A previous summary is folded in, so the broad tier
 * accumulates.
 */
export function summaryPrompt(level: SummaryLevel, transcript: string, previous = ""): SummaryPrompt {
  const scope = level === "broad" ? "a broad summary of everything below, a few lines per topic" : "a detailed summary, one line per point made";
  const system = [
    `${SUMMARISE_MARKER} level=${level}`,
    `Write ${scope}. Keep every decision, stated preference, technical specification (versions, limits, formats),`,
    "number and pending action, in the speaker's own words where possible. Drop greetings and filler.",
    "Answer with one '- ' line per point and nothing else.",
  ].join("\n");
  const user = previous.trim() === "" ? transcript : `Earlier summary:\n${previous}\n\nConversation:\n${transcript}`;
  return { level, system, user };
}

/** Reads the level back from a summarisation request's system text; undefined when it is not one. */
export function summaryLevelOf(system: string): SummaryLevel | undefined {
  const at = system.indexOf(SUMMARISE_MARKER);
  if (at < 0) return undefined;
  return /level=broad/.test(system.slice(at, at + SUMMARISE_MARKER.length + 20)) ? "broad" : "detailed";
}

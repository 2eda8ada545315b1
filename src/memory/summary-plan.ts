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
  /** With `count`: the recent messages kept verbatim stop at this many tokens (the last exchange always stays). */
  maxRecentTokens?: number;
  count?: (message: BaseMessage) => number;
}

/** Splits a history along unit boundaries, so a tool call and its result land in the same tier. */
export function planSummary(messages: readonly BaseMessage[], options: SummaryPlanOptions): SummaryPlan {
  const units = groupUnits(messages);
  const pinned = pinnedUnits(units);
  const tiers: Array<"verbatim" | "detailed" | "broad"> = units.map(() => "broad");
  let recent = 0;
  let recentTokens = 0;
  let detailed = 0;
  // Once one unit does not fit the recent part, no older one joins it: the verbatim part stays contiguous.
  let recentClosed = false;
  const { maxRecentTokens, count } = options;
  for (let index = units.length - 1; index >= 0; index -= 1) {
    const unit = units[index]!;
    const size = unit.messages.length;
    const tokens = maxRecentTokens === undefined || count === undefined ? 0 : unit.messages.reduce((total, message) => total + count(message), 0);
    if (!pinned.has(index) && (recent >= options.recentMessages || (maxRecentTokens !== undefined && recentTokens + tokens > maxRecentTokens))) recentClosed = true;
    if (pinned.has(index) || !recentClosed) {
      tiers[index] = "verbatim";
      if (roleOf(unit.messages[0]!) !== "system") {
        recent += size;
        recentTokens += tokens;
      }
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

/** The heading of the facts part of a summariser's answer, and of the summary part. */
export const FACTS_HEADING = "Facts:";
export const SUMMARY_HEADING = "Summary:";

/**
 * The prompt is built for retention: the messages leaving the context are all a later turn will know, so
 * the summariser writes a ledger of facts (names, numbers, dates, preferences, constraints, decisions,
 * open tasks; corrections as the new value, saying what they replace) beside a short prose summary. The
 * facts already kept are sent along, so they are not repeated and corrections can name what they replace.
 */
export function summaryPrompt(level: SummaryLevel, transcript: string, previous = "", knownFacts: readonly string[] = []): SummaryPrompt {
  const scope = level === "broad" ? "a few lines per topic, merging the earlier summary with the conversation" : "one line per point made";
  const system = [
    `${SUMMARISE_MARKER} level=${level}`,
    "The conversation below is leaving your context window: what you write is all a later turn will know of it.",
    `Answer in two parts. First '${FACTS_HEADING}', then one '- ' line per fact the user stated, in their own words:`,
    "names, numbers and amounts, dates and times, stated preferences, constraints, decisions, technical specifications",
    "(versions, limits, formats) and pending actions. When a message corrects an earlier fact, write only the new",
    "value and end the line with '(replaces: <old value>)'. Leave out facts listed as already kept.",
    `Then '${SUMMARY_HEADING}', ${scope}, on what was discussed and what is still open. Drop greetings and filler.`,
  ].join("\n");
  const parts: string[] = [];
  if (knownFacts.length > 0) parts.push(`Facts already kept:\n${knownFacts.map((fact) => `- ${fact}`).join("\n")}`);
  if (previous.trim() !== "") parts.push(`Earlier summary:\n${previous}`);
  const user = parts.length === 0 ? transcript : `${parts.join("\n\n")}\n\nConversation:\n${transcript}`;
  return { level, system, user };
}

/** A summariser's answer split into its fact lines and its summary lines (all summary when it has no headings). */
export function parseSummaryAnswer(text: string): { facts: string[]; summary: string[] } {
  const facts: string[] = [];
  const summary: string[] = [];
  let section: "facts" | "summary" = "summary";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.toLowerCase().startsWith(FACTS_HEADING.toLowerCase())) section = "facts";
    else if (line.toLowerCase().startsWith(SUMMARY_HEADING.toLowerCase())) section = "summary";
    else if (line !== "") (section === "facts" ? facts : summary).push(line.replace(/^[-*]\s*/, ""));
  }
  return { facts, summary: summary.map((line) => (line.startsWith("- ") ? line : `- ${line}`)) };
}

/** Reads the level back from a summarisation request's system text; undefined when it is not one. */
export function summaryLevelOf(system: string): SummaryLevel | undefined {
  const at = system.indexOf(SUMMARISE_MARKER);
  if (at < 0) return undefined;
  return /level=broad/.test(system.slice(at, at + SUMMARISE_MARKER.length + 20)) ? "broad" : "detailed";
}

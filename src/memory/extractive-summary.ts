import { hasStrongSignal, signalsOf, splitSentences } from "./signals.ts";
import type { SummaryLevel } from "./summary-plan.ts";

/**
 * A deterministic extractive summary: the sentences that carry a decision, preference, specification,
 * or pending action (and, at the detailed level, a number), each once, prefixed by who said it. The detailed level also keeps each
 * turn's first sentence, for the thread of the conversation. The emulators answer summarisation
 * requests with it, and compaction falls back to it when no summariser model answers.
 *
 * @example
 * extractiveSummary("user: Hi there. I prefer dark mode.\nai: Noted.", "broad") // "- (user) I prefer dark mode."
 */
export function extractiveSummary(text: string, level: SummaryLevel): string {
  const lines: string[] = [];
  const seen = new Set<string>();
  let speaker = "";
  for (const rawLine of text.split("\n")) {
    const turn = /^(user|ai|tool|system|other|assistant):\s?(.*)$/.exec(rawLine);
    const previous = /^- (\((\w+)\) )?(.*)$/.exec(rawLine);
    let body = rawLine;
    if (turn !== null) {
      speaker = turn[1]!;
      body = turn[2]!;
    } else if (previous !== null) {
      // A line of an earlier summary: already distilled, kept whole.
      const key = previous[3]!.toLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        lines.push(rawLine);
      }
      continue;
    }
    splitSentences(body).forEach((sentence, position) => {
      const kinds = signalsOf(sentence);
      // A bare number is kept in detail only: in the broad tier it would keep every "see step 3".
      const keepIt = hasStrongSignal(kinds) || (level === "detailed" && (kinds.includes("number") || (position === 0 && sentence.length > 8)));
      const key = sentence.toLowerCase();
      if (!keepIt || seen.has(key)) return;
      seen.add(key);
      lines.push(`- ${speaker === "" ? "" : `(${speaker}) `}${sentence}`);
    });
  }
  return lines.join("\n");
}

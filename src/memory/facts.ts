import type { BaseMessage } from "@langchain/core/messages";
import { roleOf, textOf } from "./message-parts.ts";
import { isUserStatement, slotOf } from "./fact-statements.ts";
import { hasStrongSignal, signalsOf, splitSentences, type SignalKind } from "./signals.ts";
import { stem } from "./stem.ts";

/** A sentence worth remembering across threads, with the signals that made it so. */
export interface ExtractedFact {
  text: string;
  kinds: SignalKind[];
  /** The single-valued thing it sets ("home", "my daughter"), when it sets one: a later fact of the slot supersedes it. */
  slot?: string;
}

/**
 * Facts a user stated: any statement about themselves ("My daughter is called Ilse.", "I moved to Porto
 * last spring", numbers, dates, preferences, constraints; see fact-statements.ts), and sentences with a
 * decision, specification or pending action. Not questions, requests or pleasantries. Only the user's own
 * words: what a model said about them is not a fact about them.
 */
export function extractFacts(messages: readonly BaseMessage[]): ExtractedFact[] {
  const facts: ExtractedFact[] = [];
  const seen = new Set<string>();
  for (const message of messages) {
    if (roleOf(message) !== "human") continue;
    for (const sentence of splitSentences(textOf(message))) {
      const kinds = signalsOf(sentence);
      const key = normaliseFact(sentence);
      if (!isUserStatement(sentence, hasStrongSignal(kinds)) || seen.has(key)) continue;
      seen.add(key);
      const slot = slotOf(sentence);
      facts.push({ text: sentence, kinds, ...(slot === undefined ? {} : { slot }) });
    }
  }
  return facts;
}

/** Lower case, single spaces: two wordings that differ only in case or spacing are one fact. */
export function normaliseFact(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

const stopwords = new Set(
  "i'm i’m i've i'd i'll we're we've mine myself ours the and for are but not you your with this that have has had was were will would could should can our out all any its it's i'm i'd i've into from they them their there what when where which who why how about than then too very just also please use using like prefer want more most some such only own same other each been being does did doing over under again further once here both few nor off very a an of to in on at by is it be as or if so do my me we us he she his her".split(" "),
);

/**
 * The words a fact is found by: lower-case words of three letters or more and numbers, minus stop words,
 * stemmed (see stem.ts: "moved" and "move" match), each once. Recall ranks by overlap of these, since the
 * store has no embeddings.
 *
 * @example
 * keywordsOf("I prefer PostgreSQL 16 for billing.") // ["postgr", "16", "bill"]
 */
export function keywordsOf(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}][\p{L}\p{N}_'’-]{2,}|\p{N}[\p{N}.,]*/gu) ?? [];
  return [...new Set(words.map((word) => word.replace(/[.,]+$/, "")).filter((word) => word !== "" && !stopwords.has(word)).map(stem))];
}

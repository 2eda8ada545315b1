import type { BaseMessage } from "@langchain/core/messages";
import { roleOf, textOf } from "./message-parts.ts";
import { hasStrongSignal, signalsOf, splitSentences, type SignalKind } from "./signals.ts";

/** A sentence worth remembering across threads, with the signals that made it so. */
export interface ExtractedFact {
  text: string;
  kinds: SignalKind[];
}

/**
 * Facts a user stated: their sentences that carry a preference, decision, specification or pending
 * action. Only the user's own words: what a model said about them is not a fact about them.
 */
export function extractFacts(messages: readonly BaseMessage[]): ExtractedFact[] {
  const facts: ExtractedFact[] = [];
  const seen = new Set<string>();
  for (const message of messages) {
    if (roleOf(message) !== "human") continue;
    for (const sentence of splitSentences(textOf(message))) {
      const kinds = signalsOf(sentence);
      const key = normaliseFact(sentence);
      if (!hasStrongSignal(kinds) || sentence.length > 400 || seen.has(key)) continue;
      seen.add(key);
      facts.push({ text: sentence, kinds });
    }
  }
  return facts;
}

/** Lower case, single spaces: two wordings that differ only in case or spacing are one fact. */
export function normaliseFact(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

const stopwords = new Set(
  "the and for are but not you your with this that have has had was were will would could should can our out all any its it's i'm i'd i've into from they them their there what when where which who why how about than then too very just also please use using like prefer want more most some such only own same other each been being does did doing over under again further once here both few nor off very a an of to in on at by is it be as or if so do my me we us he she his her".split(" "),
);

/**
 * The words a fact is found by: lower-case words of three letters or more and numbers, minus stop words,
 * each once. Recall ranks by overlap of these, since the store has no embeddings.
 *
 * @example
 * keywordsOf("I prefer PostgreSQL 16 for billing.") // ["postgresql", "16", "billing"]
 */
export function keywordsOf(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}][\p{L}\p{N}_-]{2,}|\p{N}[\p{N}.,]*/gu) ?? [];
  return [...new Set(words.map((word) => word.replace(/[.,]+$/, "")).filter((word) => word !== "" && !stopwords.has(word)))];
}

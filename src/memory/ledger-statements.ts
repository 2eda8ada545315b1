/**
 * What the ledger is offered from a stretch of conversation: the user's salient statements, each subjectless
 * value joined to the sentence leading into it (elliptic.ts), and what the assistant said that the user
 * confirmed ("Your reference is CLM-2027-044812." then "Yes, that's right."): a fact the user made theirs.
 */
import type { BaseMessage } from "@langchain/core/messages";
import { roleOf, textOf } from "./message-parts.ts";
import { isLedgerWorthy, salienceOf } from "./salience.ts";
import { splitSentences } from "./signals.ts";
import { joinElliptic } from "./elliptic.ts";

/** A statement offered to the ledger. */
export interface Statement {
  text: string;
  score: number;
  correction: boolean;
  /** The value it replaces, when a summariser said so ("… (replaces: 14:30)"): matched as a named old value. */
  replaces?: string;
}

/**
 * Sentences read from one message: its first and last ones. A message of thousands of sentences is a pasted
 * document or a hostile caller, not a person stating facts; reading every sentence for its slot would cost
 * seconds of CPU on the request path, and the ledger could not hold what it found.
 */
const MAX_SENTENCES_READ = 240;

function boundedSentences(sentences: string[]): string[] {
  if (sentences.length <= MAX_SENTENCES_READ) return sentences;
  const half = MAX_SENTENCES_READ / 2;
  return [...sentences.slice(0, half), ...sentences.slice(-half)];
}

/**
 * The user's salient statements in these messages, in order. Only user turns: they are where a person
 * states names, numbers, dates and decisions; an assistant's own sentences are kept by the summary.
 *
 * @example
 * statementsOf([new HumanMessage("Thanks! My daughter is called Ilse.")]) // [{ text: "My daughter is called Ilse.", score: 4, correction: false }]
 */
export function statementsOf(messages: readonly BaseMessage[], leadIn?: BaseMessage): Statement[] {
  const statements: Statement[] = [];
  // A value said without its subject joins the sentence leading into it, in this turn or the user's previous one (elliptic.ts).
  let previous = leadIn === undefined || roleOf(leadIn) !== "human" ? undefined : splitSentences(textOf(leadIn)).at(-1);
  for (const message of messages) {
    if (roleOf(message) !== "human") continue;
    const { sentences, joinedPrevious } = joinElliptic(boundedSentences(splitSentences(textOf(message))), previous);
    if (joinedPrevious && statements.at(-1)?.text === previous) statements.pop();
    for (const sentence of sentences) {
      const salience = salienceOf(sentence);
      if (isLedgerWorthy(salience)) statements.push({ text: sentence, score: salience.score, correction: salience.kinds.includes("correction") });
    }
    previous = sentences.at(-1);
  }
  return statements;
}


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

/** A reply that confirms what the assistant just said: "Yes, that's right.", "Correct.", "Exactly, thanks." ("Right, and …" is no confirmation). */
const CONFIRMS = /^\s*(?:(?:yes|yep|yeah|yup)\b|(?:that's|that is|that's all) (?:right|correct)\b|correct\b|exactly\b|confirmed\b|spot on\b|sounds (?:right|correct)\b|all correct\b|that's it\b)/i;
/** A reply that rejects it and gives the value: "No, Thursday 6 February.", "Not quite: 14:20." */
const REJECTS = /^\s*(?:(?:no|nope)\s*[,.!:;—–-]|not quite\b|not exactly\b)/i;
/** Sentences of one assistant message read for what the user confirms. */
const MAX_CONFIRMED = 6;

/**
 * The assistant's sentences stating a value, as statements, a question read as the statement it checks ("So
 * the visit is Tuesday 4 February, is that right?" is "So the visit is Tuesday 4 February.").
 */
function assistantValues(text: string): string[] {
  const sentences = boundedSentences(splitSentences(text)).map((sentence) => sentence.replace(/,?\s*(?:is that (?:right|correct)|right|correct|yes|does that sound right|can you confirm)\s*\?\s*$/i, ".").replace(/\?\s*$/, "."));
  return sentences.filter((sentence) => salienceOf(sentence).kinds.some((kind) => kind === "number" || kind === "date" || kind === "entity" || kind === "identity")).slice(-MAX_CONFIRMED);
}

/**
 * The user's salient statements in these messages, in order. User turns state names, numbers, dates and
 * decisions; an assistant's sentence stating a value joins them when the user's next turn confirms it ("Yes,
 * that's right."), and leads into the value of one that rejects it ("No, Thursday 6 February.").
 *
 * @example
 * statementsOf([new HumanMessage("Thanks! My daughter is called Ilse.")]) // [{ text: "My daughter is called Ilse.", score: 4, correction: false }]
 */
export function statementsOf(messages: readonly BaseMessage[], leadIn?: BaseMessage): Statement[] {
  const statements: Statement[] = [];
  // A value said without its subject joins the sentence leading into it, in this turn or the user's previous one (elliptic.ts).
  let previous = leadIn === undefined || roleOf(leadIn) !== "human" ? undefined : splitSentences(textOf(leadIn)).at(-1);
  let reply: string | undefined;
  for (const message of messages) {
    if (roleOf(message) === "ai") reply = textOf(message);
    if (roleOf(message) !== "human") continue;
    const said = textOf(message);
    const checked = reply === undefined ? [] : CONFIRMS.test(said) || REJECTS.test(said) ? assistantValues(reply) : [];
    reply = undefined;
    if (CONFIRMS.test(said)) for (const sentence of checked) statements.push({ text: sentence, score: salienceOf(sentence).score, correction: false });
    // "No, Thursday 6 February.": the value rejected is the assistant's, so its sentence leads into the reply.
    if (REJECTS.test(said) && checked.length > 0) previous = checked.at(-1);
    const { sentences, joinedPrevious } = joinElliptic(boundedSentences(splitSentences(said)), previous);
    if (joinedPrevious && statements.at(-1)?.text === previous) statements.pop();
    for (const sentence of sentences) {
      const salience = salienceOf(sentence);
      if (isLedgerWorthy(salience)) statements.push({ text: sentence, score: salience.score, correction: salience.kinds.includes("correction") });
    }
    previous = sentences.at(-1);
  }
  return statements;
}


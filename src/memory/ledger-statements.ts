/**
 * What the ledger is offered from a stretch of conversation: the user's salient statements, each subjectless
 * value joined to the sentence leading into it (elliptic.ts), and what the assistant said that the user
 * confirmed ("Your reference is CLM-2027-044812." then "Yes, that's right."): a fact the user made theirs.
 */
import type { BaseMessage } from "@langchain/core/messages";
import { roleOf, textOf } from "./message-parts.ts";
import { isLedgerWorthy, LEDGER_THRESHOLD, salienceOf } from "./salience.ts";
import { splitSentences } from "./signals.ts";
import { joinElliptic } from "./elliptic.ts";
import { callsOld, onlyRetires, retiredPhrases, saysPhrase } from "./retired-phrases.ts";
import { ledgerSlotOf } from "./ledger-slot.ts";
import { announcesOnly, answersTopic, introducerOf, MAX_OPENERS, OPENER_TURNS } from "./topic-openers.ts";

/** A statement offered to the ledger. */
export interface Statement {
  text: string;
  score: number;
  correction: boolean;
  /** The value it replaces, when a summariser said so ("… (replaces: 14:30)"): matched as a named old value. */
  replaces?: string;
  /** Sentences that may announce its topic, newest first: its own introducer, its turn's earlier sentences, the user's turns before (topic-openers.ts). */
  openers?: readonly string[];
  /** Which user turn of the block said it (statementsOf numbers them): a turn may quote an old value in one sentence and give the new in another (quoted-values.ts). */
  turn?: number;
  /** Its place among its turn's sentences: two statements of a turn said one after the other are one apart. */
  position?: number;
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

/** A sentence closed by a word that puts its value in place of an earlier one: "… now.", "… instead.", "… after all." */
const CLOSING_CHANGE = /\b(?:now|instead|anymore|any more|after all)\s*[.!]?\s*$/i;

/** A closing ", not <old value>" after the change it follows: "It's weekend mornings now, not quiet evenings." */
const NOT_TAIL = /\s*[,;—–]\s*not\s+[^,;]*$/i;

/** The words of a check or an offer closing a sentence: "…, is that all right?", "…; shall I hold it?". */
const TRAILING_QUESTION = /\s*[,;]\s*[^,;]*\?\s*$/;

/**
 * The assistant's closing proposal as a statement, or undefined: its last sentence, when that offers or
 * states something ("The earliest install slot is the 14th, shall I hold it?", "I'd suggest the 11:15
 * catamaran.") rather than asking the user for something. A reply that lets a proposal stand adopts it, as
 * much as one that says "yes" does: which words a person agrees with is open-ended, not rejecting is not.
 */
function closingProposal(text: string): string | undefined {
  const last = splitSentences(text).at(-1);
  if (last === undefined) return undefined;
  const offered = TRAILING_QUESTION.test(last);
  const sentence = last.replace(TRAILING_QUESTION, ".");
  // A question without an offer before it asks the user ("What time suits you?"): nothing to adopt.
  if (/\?\s*$/.test(sentence)) return undefined;
  // Without an offer, a value put to the user ("Quentin will be the technician on your car.", "I've assigned
  // Cormac to your installation."): general advice ("Prices vary by season") and hedges ("you do not need …") are not.
  const addressed = /\b(?:you|your|yours)\b|\b(?:I've|I'd|I'll|I have|we can|we could)\b/i.test(sentence) && !/\b(?:not|no|never|if)\b|n't\b/i.test(sentence);
  const valued = salienceOf(sentence).kinds.some((kind) => kind === "number" || kind === "date" || kind === "entity" || kind === "identity");
  return offered || (addressed && valued) ? sentence : undefined;
}

/**
 * A reply letting the assistant's proposal stand: no rejection, and some short sentence that states no value
 * of its own and asks nothing ("Fine by me.", "Great, thanks.", "Go for it."), wherever it sits in the turn.
 */
function letsStand(said: string, proposal: string): boolean {
  if (REJECTS.test(said) || turnsDown(said, proposal)) return false;
  return splitSentences(said).some((sentence) => {
    if (/\?\s*$/.test(sentence) || /\b(?:no|not|don't|won't|can't|never)\b/i.test(sentence) || sentence.split(/\s+/).length > 8) return false;
    return !salienceOf(sentence).kinds.some((kind) => kind === "number" || kind === "date" || kind === "entity" || kind === "identity");
  });
}

/** Words of a sentence that turn something down: a counter names the offer and one of these. */
const NEGATIVE = /\b(?:not|never|no|rather|instead|too|hate|hated|bad|worse)\b|n't\b/i;

/** Two consecutive words of the proposal with a content word among them, and the names inside it (a capital past its first word). */
function chunksOf(proposal: string): string[] {
  const words = proposal.replace(/[.,;:!?]+(?=\s|$)/g, "").split(/\s+/);
  const chunks: string[] = [];
  words.forEach((word, index) => {
    if (index > 0 && /^\p{Lu}\p{L}{2,}/u.test(word)) chunks.push(word);
    const next = words[index + 1];
    if (next !== undefined && [word, next].some((part) => part.length > 3 && /^\p{Ll}/u.test(part))) chunks.push(`${word} ${next}`);
  });
  return chunks;
}

/**
 * A reply sentence turning the proposal down: it retires words the proposal says ("Not keen on Monday at 10:20"),
 * or names a part of it in a sentence that says no ("I'm never home for a courier at noon."). Which words a person
 * refuses with is open-ended; quoting the offer back in a negative sentence is not.
 */
function counters(sentence: string, proposal: string): boolean {
  if (retiredPhrases(sentence).some((phrase) => saysPhrase(proposal, phrase))) return true;
  return NEGATIVE.test(sentence) && chunksOf(proposal).some((chunk) => saysPhrase(sentence, chunk));
}

function turnsDown(said: string, proposal: string): boolean {
  return splitSentences(said).some((sentence) => counters(sentence, proposal));
}

/** Words at most in the sentence a retiring one joins ("Forget ¥12,000 a day." + "We're going with ¥25,000 a day."). */
const MAX_REPLACEMENT_WORDS = 16;

/**
 * A sentence that only retires something ("Forget X.", "I never see X.", "Finance cancelled X.") joined to the
 * next, which says what takes its place: one line names both, so it replaces the old one and is never itself a
 * line naming the old value as current.
 */
/** Every value the sentence states is one the proposal states (read typed: "noon" is 12:00 in both). */
function namesOnlyOffered(sentence: string, proposal: string): boolean {
  const offered = new Set(ledgerSlotOf(proposal).values.map((value) => value.text));
  return ledgerSlotOf(sentence).values.every((value) => offered.has(value.text) || saysPhrase(proposal, value.text));
}

/**
 * "Neither Ngozi nor Anwen.": a sentence that only denies two values follows the one saying what holds instead
 * ("Changed again, sorry: the second contact is Oisín."), so it joins that one rather than standing as a line naming both old values.
 * A verb after "neither" ("Neither Tuesday nor Friday works for me.") makes it a statement of its own, leading into what follows.
 */
const DENIES_BOTH = /^neither\s+(?!.*\b(?:work|works|worked|suit|suits|suited|fit|fits|is|are|was|were|will|would|can|could|do|does|did|seem|seems)\b)(?:\S+\s+){0,5}?\S+\s+nor\s+(?:\S+\s+){0,7}?\S+?[.!]?$/iu;

function joinRetiring(sentences: readonly string[], proposal: string | undefined): string[] {
  const joined: string[] = [];
  for (let index = 0; index < sentences.length; index += 1) {
    const sentence = sentences[index]!;
    const next = sentences[index + 1];
    // A counter that names only the offer ("I'm never home for a courier at noon.") is followed by what the user wants.
    // "No — Teams chat. a call to my mobile was the old one.": the replacement came first.
    const previous = joined.at(-1);
    if (previous !== undefined && (callsOld(sentence) || DENIES_BOTH.test(sentence)) && !/\?\s*$/.test(previous) && previous.split(/\s+/).length <= MAX_REPLACEMENT_WORDS) {
      joined[joined.length - 1] = `${previous} ${sentence}`;
      continue;
    }
    const leadsIn = onlyRetires(sentence) || (proposal !== undefined && counters(sentence, proposal) && namesOnlyOffered(sentence, proposal));
    if (next !== undefined && leadsIn && next.split(/\s+/).length <= MAX_REPLACEMENT_WORDS) {
      joined.push(`${sentence} ${next}`);
      index += 1;
    } else joined.push(sentence);
  }
  return joined;
}

/** An answer-shaped statement's possible openers, newest first: its introducer, the sentences before it in its turn, then earlier turns'. */
function openersOf(sentence: string, sentences: readonly string[], turns: readonly (readonly string[])[]): { openers?: string[] } {
  if (!answersTopic(sentence)) return {};
  const introducer = introducerOf(sentence);
  const before = sentences.slice(0, Math.max(0, sentences.indexOf(sentence))).reverse();
  const openers = [...(introducer === undefined ? [] : [introducer]), ...before, ...[...turns].reverse().flatMap((turn) => [...turn].reverse())].slice(0, MAX_OPENERS);
  return openers.length === 0 ? {} : { openers };
}

/**
 * The user's salient statements in these messages, in order. User turns state names, numbers, dates and
 * decisions; an assistant's sentence stating a value joins them when the user's next turn confirms it ("Yes,
 * that's right."), and leads into the value of one that rejects it ("No, Thursday 6 February.").
 *
 * @example
 * statementsOf([new HumanMessage("Thanks! My daughter is called Ilse.")]) // [{ text: "My daughter is called Ilse.", score: 4, correction: false }]
 */
export function statementsOf(messages: readonly BaseMessage[], leadIn?: BaseMessage, followedBy?: BaseMessage, earlier: readonly BaseMessage[] = []): Statement[] {
  const statements: Statement[] = [];
  // The user's last turns' sentences, newest turn last: an answer's topic may be announced in them (topic-openers.ts).
  const turns: string[][] = earlier.filter((message) => roleOf(message) === "human").slice(-OPENER_TURNS).map((message) => boundedSentences(splitSentences(textOf(message))).slice(-MAX_OPENERS));
  // A value said without its subject joins the sentence leading into it, in this turn or the user's previous one (elliptic.ts).
  let previous = leadIn === undefined || roleOf(leadIn) !== "human" ? undefined : splitSentences(textOf(leadIn)).at(-1);
  let reply: string | undefined;
  let turn = 0;
  for (const message of messages) {
    if (roleOf(message) === "ai") reply = textOf(message);
    if (roleOf(message) !== "human") continue;
    const said = textOf(message);
    turn += 1;
    const checked = reply === undefined ? [] : CONFIRMS.test(said) || REJECTS.test(said) ? assistantValues(reply) : [];
    const proposal = reply === undefined ? undefined : closingProposal(reply);
    reply = undefined;
    if (CONFIRMS.test(said)) for (const sentence of checked) statements.push({ text: sentence, score: salienceOf(sentence).score, correction: false });
    if (proposal !== undefined && !checked.includes(proposal) && (CONFIRMS.test(said) || letsStand(said, proposal))) statements.push({ text: proposal, score: Math.max(LEDGER_THRESHOLD, salienceOf(proposal).score), correction: false });
    // "No, Thursday 6 February.": the value rejected is the assistant's, so its sentence leads into the reply.
    if (REJECTS.test(said) && checked.length > 0) previous = checked.at(-1);
    const elliptic = joinElliptic(boundedSentences(splitSentences(said)), previous);
    const joinedPrevious = elliptic.joinedPrevious;
    const sentences = joinRetiring(elliptic.sentences, proposal);
    if (joinedPrevious && statements.at(-1)?.text === previous) statements.pop();
    for (const [position, sentence] of sentences.entries()) {
      const salience = salienceOf(sentence);
      // Turning the assistant's proposal down for a value of one's own ("I'd rather not see Florian again, could I have Bartholomew?").
      const countered = proposal !== undefined && counters(sentence, proposal);
      // A statement that presents itself as a change ("Actually make that weekday mornings.", "It's a call to the
      // landline now.") is kept whatever it names: what it replaces is in the ledger, so leaving it out keeps the old
      // value current. "Now" closing the sentence puts its value in place of another; "and now the build complains" narrates.
      const changes = salience.kinds.includes("correction") || (!salience.question && CLOSING_CHANGE.test(sentence.replace(NOT_TAIL, ".")));
      if ((isLedgerWorthy(salience) || changes || countered) && !announcesOnly(sentence)) statements.push({ text: sentence, score: Math.max(salience.score, changes || countered ? LEDGER_THRESHOLD : 0), correction: salience.kinds.includes("correction") || countered, turn, position, ...openersOf(sentence, sentences, turns) });
    }
    turns.push(sentences.slice(-MAX_OPENERS));
    if (turns.length > OPENER_TURNS) turns.shift();
    previous = sentences.at(-1);
  }
  // The block ends on the assistant's offer and the user's answer is the next message, still kept: the
  // offer is adopted now, or never (the next block starts with the answer, its offer already folded).
  const proposal = reply === undefined || followedBy === undefined || roleOf(followedBy) !== "human" ? undefined : closingProposal(reply);
  if (proposal !== undefined && (CONFIRMS.test(textOf(followedBy!)) || letsStand(textOf(followedBy!), proposal))) statements.push({ text: proposal, score: Math.max(LEDGER_THRESHOLD, salienceOf(proposal).score), correction: false });
  return statements;
}


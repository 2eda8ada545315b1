import { signalsOf, splitSentences } from "./signals.ts";

/**
 * Why a sentence is worth keeping. One reading of a sentence serves the fact ledger (what survives every
 * compaction), the local summary (which lines a merged tier keeps) and priority truncation (a unit's
 * importance), so what is kept, summarised and truncated agree.
 */
export const salienceKinds = ["first_person", "identity", "entity", "number", "date", "preference", "decision", "constraint", "pending_action", "correction"] as const;
export type SalienceKind = (typeof salienceKinds)[number];

export interface Salience {
  score: number;
  kinds: SalienceKind[];
}

const weights: Record<SalienceKind, number> = {
  first_person: 1,
  identity: 2,
  entity: 1,
  number: 1,
  date: 1,
  preference: 2,
  decision: 2,
  constraint: 1.5,
  pending_action: 1.5,
  correction: 2,
};

/** A sentence at or above this score states something a later turn may need: it goes into the ledger. */
export const LEDGER_THRESHOLD = 3;

const months = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const weekdays = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const patterns: Partial<Record<SalienceKind, RegExp>> = {
  first_person: /\b(i|i'm|i've|i'd|i'll|my|mine|me|we|we're|we've|we'll|our|ours|us)\b/i,
  identity: /\b(my name is|call me|is called|are called|is named|goes by|(?:my|our) (?:\w+ ){0,2}(?:is|are|was) [A-Z])/,
  date: new RegExp(`\\b(${months})\\b\\.? ?\\d|\\d(?:st|nd|rd|th)? (?:of )?(${months})\\b|\\b(${weekdays})\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b\\d{1,2}[:.]\\d{2}\\b|\\b\\d{1,2} ?(am|pm)\\b|\\b(tomorrow|tonight|next (week|month|year))\\b`, "i"),
  decision: /\b(decided|decide|decision|agreed|we will|we'll go|let's go with|let's use|let's stick|go with|going with|chose|chosen|settled on|approved|confirmed|booked|picked|we're using|we are using|switch(ed)? to)\b/i,
  preference: /\b(prefer|preference|i like|i love|i hate|i don't like|i do not like|i want|i'd like|i would like|i'd rather|please always|please never|always use|never use|favou?rite|keep (the )?answers)\b/i,
  constraint: /\b(must|mustn't|can't|cannot|can not|only|at most|at least|no more than|no later than|no earlier than|not before|not after|under|within|allergic|required?|requires|budget|limit|deadline|maximum|minimum|max|min)\b/i,
  pending_action: /\b(todo|to-do|pending|follow up|follow-up|next step|remind me|will send|need to|needs to|have to|action item)\b/i,
  correction: /\b(actually|correction|scratch that|changed my mind|change of plan|i meant|make that|make it|instead of|no longer|not anymore|any more|rather than|moved to|update:|updated|is now|are now|now is|now on|now at|changed to)\b/i,
};

/** Capitalised words that say nothing by themselves, and words capitalised by grammar alone. */
const notEntities = new Set(["I", "I'm", "I've", "I'd", "I'll", "OK", "Okay", "Thanks", "Thank", "Hi", "Hello", "Yes", "No", "Sure", "The", "A", "An", "It", "It's", "That", "This", "We", "My", "Our", "And", "But", "So", "Also", "Then", "Please", "Sorry"]);

/** Words starting a capital after the first word, or mixing letters and digits (order numbers, versions, codes). */
function hasEntity(sentence: string): boolean {
  const words = sentence.split(/\s+/);
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index]!.replace(/^[^\w]+|[^\w'-]+$/g, "");
    if (word === "") continue;
    if (/[A-Za-z]/.test(word) && /\d/.test(word)) return true;
    if (index > 0 && /^[A-Z][\w'-]+/.test(word) && !notEntities.has(word) && !/[.!?:]$/.test(words[index - 1]!)) return true;
  }
  return false;
}

/**
 * The salience of one sentence: the kinds of signal it carries and their weighted sum. A question
 * scores half: asking is not stating.
 *
 * @example
 * salienceOf("My daughter is called Ilse.") // { score: 4, kinds: ["first_person", "identity", "entity"] }
 */
export function salienceOf(sentence: string): Salience {
  const kinds: SalienceKind[] = [];
  for (const kind of salienceKinds) {
    if (kind === "entity") {
      if (hasEntity(sentence)) kinds.push(kind);
    } else if (kind === "number") {
      if (/\d/.test(sentence)) kinds.push(kind);
    } else if (patterns[kind]!.test(sentence)) kinds.push(kind);
  }
  // The older signal table (decisions, specifications) still counts, so no sentence scores lower than before.
  if (!kinds.includes("constraint") && signalsOf(sentence).includes("specification")) kinds.push("constraint");
  let score = kinds.reduce((total, kind) => total + weights[kind], 0);
  if (/\?\s*$/.test(sentence)) score /= 2;
  return { score, kinds };
}

/** A statement worth a ledger line: salient enough, and not a bare question. */
export function isLedgerWorthy(salience: Salience): boolean {
  return salience.score >= LEDGER_THRESHOLD;
}

/** The highest sentence salience of a text (0 for an empty one): a message is as important as its best sentence. */
export function peakSalience(text: string): number {
  let peak = 0;
  for (const sentence of splitSentences(text)) peak = Math.max(peak, salienceOf(sentence).score);
  return peak;
}

/**
 * A value said without saying what it is of: "Not Wendeline after all. Leontyne.", "Before I forget about the
 * gate code… (next turn) It changed to 4471.", "I gave you the wrong date. (next turn) 12/04." The value is in
 * one sentence, what it corrects in the one before, sometimes in the user's previous turn. Read alone, the
 * value has no subject and no slot; read with the sentence that leads into it, it is a correction like any
 * other. So a subjectless value joins the lead-in before it, into one ledger statement.
 */
import { correctionCues } from "./salience.ts";
import { ledgerSlotOf } from "./ledger-slot.ts";

/** Words at most in a subjectless value: "So we're at 40 now." is one; a sentence of its own is longer. */
const MAX_ELLIPTIC_WORDS = 8;
/** Sentences at most in one joined statement: a lead-in, its value and a value correcting that one, and one more. */
const MAX_JOINED = 4;

/**
 * A sentence stating a value and nothing it is of: no subject word left once values, function words and cues
 * are set aside ("Leontyne.", "3.9.", "It changed to O'Mahony.", "So we're at 40 now.").
 */
export function isElliptic(sentence: string): boolean {
  if (sentence.split(/\s+/).length > MAX_ELLIPTIC_WORDS) return false;
  // No digit, capital or number word: no value, and no need to read its slot (most short filler).
  const words = sentence.split(/\s+/);
  const maybeValue = words.length === 1 || /\d|@/.test(sentence) || /\p{Lu}/u.test(words.slice(1).join(" ")) || /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty|noon|midnight)\b/i.test(sentence);
  if (!maybeValue) return false;
  const slot = ledgerSlotOf(sentence);
  // A value's own unit is no subject: "It's really 4 threads." says threads of what only with what came before.
  const units = new Set(slot.values.map((value) => value.unit));
  return slot.values.length > 0 && [...slot.subject].every((word) => units.has(word));
}

/**
 * A sentence that announces a correction or a value to come: a correction cue, words presenting a value in
 * place of another ("after all", "instead"), or an open end ("…", ":") the next sentence completes.
 */
function cuedSentence(sentence: string): boolean {
  correctionCues.lastIndex = 0;
  const cued = correctionCues.test(sentence);
  correctionCues.lastIndex = 0;
  return cued;
}

export function isLeadIn(sentence: string, next?: string): boolean {
  const cued = cuedSentence(sentence);
  // "… and now the feature flag complains" narrates what happened next; it does not put a value in place of another.
  if (cued || (ledgerSlotOf(sentence).refersBack && !/\band now\s+\S+\s+\S/i.test(sentence)) || /(?:…|\.\.\.|:|—|-)\s*$/.test(sentence) || asksTopic(sentence)) return true;
  // Or it states a value of the type the next gives without a subject: "I told you 16 threads before. It's really 4 threads."
  if (next === undefined) return false;
  const types = new Set(ledgerSlotOf(next).values.map((value) => `${value.type}:${value.unit ?? ""}`));
  return ledgerSlotOf(sentence).values.some((value) => types.has(`${value.type}:${value.unit ?? ""}`));
}

/** A short question naming a topic, answered by the next sentence: "The line speed? A gigabit.", "You know what I said about the backup window?" */
function asksTopic(sentence: string): boolean {
  if (!/\?\s*$/.test(sentence)) return false;
  const words = sentence.split(/\s+/).length;
  return (words <= 4 && /^(?:the|our|my|your|that|this)\b/i.test(sentence)) || (words <= 14 && /\b(?:what|something) (?:i|we) (?:said|told you|mentioned|gave you) (?:about|for|on|regarding)\b/i.test(sentence));
}

/** Every value the sentence states it retires ("eighteen months fell through", "not Marisol either"): it says what is no longer, and needs its neighbour for what is. */
export function retiresOnly(sentence: string): boolean {
  if (sentence.split(/\s+/).length > 2 * MAX_ELLIPTIC_WORDS) return false;
  const slot = ledgerSlotOf(sentence);
  return slot.retired.size > 0 && slot.values.every((value) => slot.retired.has(value.text));
}

/** Two sentences state values of one family (numbers, times and dates, names): a retired one and its replacement. */
function sameFamily(left: string, right: string): boolean {
  const family = (type: string) => (type === "count" || type === "quantity" || type === "money" ? "number" : type === "date" || type === "time" ? "when" : "name");
  const families = new Set(ledgerSlotOf(left).values.map((value) => family(value.type)));
  return ledgerSlotOf(right).values.some((value) => families.has(family(value.type)));
}

/** Two sentences state a value of one type (a date and a date; a time is not a date). */
function sameType(left: string, right: string): boolean {
  const types = new Set(ledgerSlotOf(left).values.map((value) => value.type));
  return ledgerSlotOf(right).values.some((value) => types.has(value.type));
}

/**
 * A correction announced in a sentence of its own ("Let me correct something.", "One thing I said was wrong.")
 * and given in the next, subject and all: the two are one correction. Not for a new identifier alone ("error E7322").
 */
function announces(before: string, sentence: string): boolean {
  correctionCues.lastIndex = 0;
  const cued = correctionCues.test(before);
  correctionCues.lastIndex = 0;
  if (!cued) return false;
  const values = ledgerSlotOf(sentence).values;
  // A lead-in is short and states nothing itself; what it announces is a statement, not a question.
  const short = before.split(/\s+/).length <= MAX_ELLIPTIC_WORDS;
  return cued && short && ledgerSlotOf(before).values.length === 0 && !/\?\s*$/.test(sentence) && values.length > 0 && !values.every((value) => value.type === "code");
}

const QUESTION_LINE = /^Q:\s.*\?\s*$/i;
const ANSWER_LINE = /^A:\s/i;
const SUBJECT_AFTER = /^\((?:(?:the|my|our) [^()]{1,40}, i mean|i mean (?:the|my|our) [^()]{1,40})\.?\)\.?$/i;

/**
 * Whether `sentence` completes `before` into one statement: a subjectless value after its lead-in, an announced
 * correction, or a retired value beside the value replacing it, in either order ("Quick one: 400 days now.
 * eighteen months fell through.", "… so the last weekend of March is off. Back to Saturday 15 February.").
 */
function joins(before: string, sentence: string): boolean {
  // "Q: has the guest count changed? A: yes, 140." — the question names the subject its answer's value is of.
  if (QUESTION_LINE.test(before) && ANSWER_LINE.test(sentence)) return true;
  // "That one's changed — the blue folder. (The filing colour, I mean.)" — the subject said after the value.
  if (SUBJECT_AFTER.test(sentence) && !/\?\s*$/.test(before)) return true;
  // A lead-in that already states a value of another kind ("Forget it. It's after 22:00.") is complete: the next
  // subjectless value ("2027-04-05 now.") corrects something else.
  if (isElliptic(sentence)) return isLeadIn(before, sentence) && (ledgerSlotOf(before).values.length === 0 || sameType(before, sentence));
  if (announces(before, sentence)) return true;
  // "You know what I said about the backup window? Forget it." then the value: the topic, the cue and the value are one.
  if (asksTopic(before) && sentence.split(/\s+/).length <= MAX_ELLIPTIC_WORDS && ledgerSlotOf(sentence).values.length === 0 && cuedSentence(sentence)) return true;
  if (/\?\s*$/.test(sentence) || /\?\s*$/.test(before)) return false;
  return (retiresOnly(sentence) && !retiresOnly(before) && sameFamily(sentence, before)) || (retiresOnly(before) && !retiresOnly(sentence) && sameFamily(before, sentence));
}

/**
 * The sentences of one message with each subjectless value joined to the lead-in before it; `previous` is
 * the last sentence of the user's previous turn, which may lead into this turn's first. `joinedPrevious`
 * says the first sentence returned includes `previous` (its own statement is then replaced).
 *
 * @example
 * joinElliptic(["Not Wendeline after all.", "Leontyne."]) // { sentences: ["Not Wendeline after all. Leontyne."], joinedPrevious: false }
 */
export function joinElliptic(sentences: readonly string[], previous?: string): { sentences: string[]; joinedPrevious: boolean } {
  const joined: string[] = [];
  // Sentences in each joined statement: a chain stops at MAX_JOINED, so the lead-in read for the next sentence
  // stays short (a caller's thousands of "Leontyne." would otherwise re-read an ever longer statement each time).
  const parts: number[] = [];
  let joinedPrevious = false;
  sentences.forEach((sentence, index) => {
    const before = index === 0 ? previous : joined.at(-1);
    const full = index > 0 && (parts.at(-1) ?? 0) >= MAX_JOINED;
    if (before === undefined || full || !joins(before, sentence)) {
      joined.push(sentence);
      parts.push(1);
      return;
    }
    if (index === 0) {
      joinedPrevious = true;
      joined.push(`${before} ${sentence}`);
      parts.push(2);
    } else {
      joined[joined.length - 1] = `${before} ${sentence}`;
      parts[parts.length - 1] = (parts.at(-1) ?? 1) + 1;
    }
  });
  return { sentences: joined, joinedPrevious };
}

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
export function isLeadIn(sentence: string, next?: string): boolean {
  correctionCues.lastIndex = 0;
  const cued = correctionCues.test(sentence);
  correctionCues.lastIndex = 0;
  if (cued || ledgerSlotOf(sentence).refersBack || /(?:…|\.\.\.|:|—|-)\s*$/.test(sentence)) return true;
  // Or it states a value of the type the next gives without a subject: "I told you 16 threads before. It's really 4 threads."
  if (next === undefined) return false;
  const types = new Set(ledgerSlotOf(next).values.map((value) => `${value.type}:${value.unit ?? ""}`));
  return ledgerSlotOf(sentence).values.some((value) => types.has(`${value.type}:${value.unit ?? ""}`));
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
    if (before === undefined || full || !(isElliptic(sentence) ? isLeadIn(before, sentence) : announces(before, sentence))) {
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

/**
 * Other ledger lines still stating a value a correction replaced. A value is often said twice before it changes:
 * the assistant offers it ("For your usage I'd fit a Sigenergy 8 kWh; shall I add it?") and the user takes it, or
 * the user asks about it and then decides ("What about Santander instead of Halifax?" … "yes — Santander"). A
 * correction replaces one line (the latest); the other would go on presenting the old value as current. Such a
 * line goes with it when every value it states as current is one the correction retires in so many words
 * ("~~Sigenergy 8 kWh~~", "(v2 was Santander)", "…, not 37"), as the line it replaced did.
 */
import { keyOf } from "./statement-key.ts";
import { ledgerSlotOf } from "./ledger-slot.ts";
import { retiredPhrases } from "./retired-phrases.ts";

/** A question's own words ("What about Santander …?") say nothing of what it is about. */
const QUESTION_WORDS = new Set(["what", "which", "who", "how", "where", "when", "why"]);

/** Values of a line, typed, lower case, without those it retires itself ("instead of Halifax"). */
function currentValues(line: string): string[] {
  const slot = ledgerSlotOf(line);
  return slot.values.filter((value) => !slot.retired.has(value.text)).map((value) => value.text.toLowerCase());
}

/**
 * Indexes of `lines` (other than `replacedAt`) that state only values `statement` retires, when the line it
 * replaced, `lines[replacedAt]`, stated one of them. A line keyed to another thing ("Main contact: Radovan" when the release captain changes
 * from Radovan) is another fact, and so is a line naming a lone person with a subject of its own: the same name
 * may fill two roles.
 *
 * @example
 * staleCompanions(["What about Santander instead of Halifax?", "We're going with Santander."], 1, "v3 of the lender: Skipton (v2 was Santander)") // [0]
 */
export function staleCompanions(lines: readonly string[], replacedAt: number, statement: string): number[] {
  const replaced = lines[replacedAt];
  if (replaced === undefined) return [];
  // Only values the statement retires in so many words: a value merely left out may be another fact's.
  // A retired phrase and the typed values in it ("Wednesday at 11:40": "wednesday", "11:40"; never the "11" of another line).
  // A name at a phrase's start reads as a common noun, so a value without digits may also be whole words of the phrase.
  const phrases = retiredPhrases(statement).map((phrase) => phrase.toLowerCase());
  const retired = new Set(phrases.flatMap((phrase) => [phrase, ...currentValues(phrase)]));
  const isStale = (value: string) => retired.has(value) || (!/\d/.test(value) && phrases.some((phrase) => ` ${phrase} `.includes(` ${value} `)));
  if (!currentValues(replaced).some(isStale)) return [];
  const subjects = new Set([...ledgerSlotOf(replaced).subject, ...ledgerSlotOf(statement).subject]);
  return lines.flatMap((line, index) => {
    if (index === replacedAt || line === statement) return [];
    const values = currentValues(line);
    if (values.length === 0 || !values.every(isStale)) return [];
    if (keyOf(line) !== undefined) return [];
    const slot = ledgerSlotOf(line);
    const lonePerson = slot.values.some((value) => value.type === "name" && !value.text.includes(" "));
    const own = [...slot.subject].filter((word) => !QUESTION_WORDS.has(word));
    if (lonePerson && own.length > 0 && !own.some((word) => subjects.has(word))) return [];
    return [index];
  });
}

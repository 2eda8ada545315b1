/**
 * What the context scorer (pii-score.ts) reads around a candidate: the words of its clause with their roles, and
 * where the clause begins and ends. Every read is bounded (60 characters each way), so weighing a number costs the
 * same wherever it stands in a long text.
 */
import { numberWord, possessives, wordRole, type WordRole } from "./pii-cues.ts";
import { matchesOf } from "./pii-matches.ts";

/** One word of a clause, in lower case, with its role. */
export interface Token {
  word: string;
  start: number;
  end: number;
  role: WordRole;
}

/** A word: letters and marks, with inner apostrophes and hyphens. */
export const wordPattern = /[\p{L}\p{M}](?:[\p{L}\p{M}'’-]*[\p{L}\p{M}])?/gu;

/** The parts of a hyphenated word ("ID-Nummer": "ID", "Nummer"). */
const hyphenParts = /[^-]+/gu;

/** The parts of a camel-case word ("customerPhone": "customer", "Phone"). */
const camelParts = /(?:^|(?<=\p{Ll}))(?:[^\p{Ll}]|\p{Ll}(?!\p{Lu}))*\p{Ll}?/gu;

/** The words of an address or a URL, blanked (same length): they label nothing. Most text has neither. */
export function blankAddresses(text: string): string {
  return text.includes("@") || text.includes("://") ? text.replace(/\S*(?:@|:\/\/)\S*/gu, (chunk) => " ".repeat(chunk.length)) : text;
}

/**
 * The scripts of India from Bengali to Malayalam share Devanagari's layout (ISCII): a letter's place in its block is
 * the same letter's place in Devanagari. A word no list knows in its own script is read in Devanagari, so the labels
 * listed there ("आधार", "नंबर", "मेरा") label numbers in Gujarati, Bengali, Gurmukhi, Odia and the rest too.
 */
const brahmic = /[\u0980-\u0D7F]/u;
const asDevanagari = (word: string) =>
  // Gurmukhi writes the nasal with a tippi and doubles a consonant with an addak, where Devanagari has the anusvara and nothing.
  word.replace(/\u0A70/gu, "\u0902").replace(/\u0A71/gu, "").replace(/[\u0980-\u0D7F]/gu, (char) => String.fromCharCode(0x900 + (char.charCodeAt(0) & 0x7f)));

/** Words of `text` with their roles. */
export function tokens(text: string, offset: number): Token[] {
  // The words of an address or a URL ("maria_garcia@ejemplo.es or +1 …") label nothing: blanked, same length.
  const prose = blankAddresses(text);
  // A key in code or JSON is words written together: "customerPhone" reads "customer Phone", as "customer_phone" does;
  // a brand written in camel case that is a label as a whole ("WhatsApp", "PayPal") stays one word.
  const camel = (word: string) => /\p{Ll}\p{Lu}/u.test(word) && wordRole(word.toLowerCase()).role === "content";
  // A hyphenated label no list knows as a whole ("ID-Nummer", "ID-nommer", "e-mail-adres") reads as its parts.
  const hyphenated = (word: string) => word.includes("-") && !camel(word) && wordRole(word.toLowerCase()).role === "content";
  const words = matchesOf(wordPattern, prose).flatMap((match) =>
    (camel(match[0]) ? matchesOf(camelParts, match[0]) : hyphenated(match[0]) ? matchesOf(hyphenParts, match[0]) : [match]).filter((part) => part[0] !== "").map((part) => {
      const partIndex = part === match ? 0 : part.index;
      const start = offset + match.index + partIndex;
      // NFC: a voiced kana mark read on its own ("ｶｰﾄﾞ" → "カード") joins its letter again.
      const written = part[0].normalize("NFC").toLowerCase();
      // A word listed in its own script ("നമ്പർ", "ನಂಬರ್": the Dravidian scripts' spellings are not Devanagari's) stays.
      const word = brahmic.test(written) && wordRole(written).role === "content" && !possessives.has(written) && !numberWord.test(written) ? asDevanagari(written) : written;
      return { word, start, end: start + part[0].length, role: wordRole(word) };
    }),
  );
  return prose.includes(".") && initials.test(prose) ? joinInitials(words, prose, offset) : words;
}

const initials = /\p{Lu}\.\p{Lu}\./u;

/**
 * Capitals each followed by a dot ("T.C.", "S.S.N.", "N.I.") are one abbreviation, read as its letters together
 * ("tc", "ssn"), as the label lists spell it.
 */
function joinInitials(words: Token[], prose: string, offset: number): Token[] {
  const joined: Token[] = [];
  for (let index = 0; index < words.length; index += 1) {
    let last = index;
    const initial = (token: Token | undefined) => token !== undefined && token.end - token.start === 1 && /\p{Lu}/u.test(prose[token.start - offset] ?? "") && prose[token.end - offset] === ".";
    while (initial(words[last]) && initial(words[last + 1]) && (words[last + 1] as Token).start === (words[last] as Token).end + 1) last += 1;
    if (last === index) {
      joined.push(words[index] as Token);
      continue;
    }
    const word = words.slice(index, last + 1).map((token) => token.word).join("");
    joined.push({ word, start: (words[index] as Token).start, end: (words[last] as Token).end, role: wordRole(word) });
    index = last;
  }
  return joined;
}

/**
 * A clause ends at a line break, "!", "?", ";", or a full stop after a long word or before a capital, but never
 * right before a number: a dot there ends an abbreviation ("Tel. 0176", "Kundennr. 0151"). The clause is read
 * at most 60 characters back: a stream keeps 64 characters of released text as context, so a verdict must not
 * depend on anything further back.
 */
const clauseEnd = /\n|[!?;。！？]|(?<=\p{L}{4}|\d)\.\s+(?=\p{L})|\.\s+(?=\p{Lu})|(?<=['"])\s*,\s*(?=['"])/gu;

/**
 * Every clause end holds one of these: most stretches between numbers hold none, and the full pattern is slow. A
 * quoted value, a comma and another quote ("'monthly', '5110-…'", a SQL tuple, a JSON array, a quoted CSV row) end one
 * field and start the next: the value before is another field, not the label of the one after.
 */
const mayEndClause = /[\n!?;.。！？]|['"]\s*,/u;

export function clauseBefore(text: string, start: number): { from: number; text: string } {
  const from = Math.max(0, start - 60);
  const slice = text.slice(from, start);
  let cut = 0;
  if (mayEndClause.test(slice)) for (const match of matchesOf(clauseEnd, slice)) cut = match.index + match[0].length;
  return { from: from + cut, text: slice.slice(cut) };
}

export function clauseAfter(text: string, end: number): string {
  const slice = text.slice(end, end + 60);
  const stop = mayEndClause.test(slice) ? slice.search(clauseEnd) : -1;
  return stop === -1 ? slice : slice.slice(0, stop);
}

/** A turn that names only its speaker ("caller: ", "A: ", "> "), or nothing at all. */
const speakerOnly = /^[\s>*_\-–—]*(?:[\p{L}\p{N}][\p{L}\p{N} ._'’-]{0,23}:)?[\s*_]*$/u;

/**
 * The words of the question a value answers: when the clause before the value is empty or only its speaker's name,
 * and the clause before that ends with "?" ("receptionist: NHS number? caller: 7555…", "Votre IBAN ? FR76 …"), the
 * question labels the value as a label in its own clause would. Read within the 60 characters before the value, as
 * the clause is: a stream keeps 64 characters of released text as context.
 *
 * @example
 * questionBefore("agent: NHS number? caller: 755 570 8620", 27).map((word) => word.word) // ["nhs", "number"]
 */
export function questionBefore(text: string, start: number): Token[] {
  const clause = clauseBefore(text, start);
  if (!speakerOnly.test(clause.text)) return previousMessage(text, start, clause);
  const mark = /\?\s*$/.exec(text.slice(Math.max(0, start - 60), clause.from));
  if (mark === null) return [];
  const end = clause.from - mark[0].length;
  const from = Math.max(start - 60, clauseBefore(text, end).from);
  return end > from ? tokens(text.slice(from, end), from) : [];
}

/** A chat line's frame: a time, counter or name, ending in a colon or a closing bracket ("[14:30] Kev: ", "<ana> "). */
const chatFrame = /^[[(<]?[\p{L}\p{N}][\p{L}\p{N} ._:'’/\]-]{0,30}[:\]>)][ \t]*$/u;

/**
 * The words of the same speaker's message before, when the value's own message is only its frame: a chat sends the
 * label and the value apart ("[14:30] Kev: ssn for the background check" then "[14:30] Kev: 5172 …"). Both lines open
 * with the same frame (digits masked: the time moves on), which names the speaker. Read within the 60 characters
 * before the value, as the clause is.
 *
 * @example
 * previousMessage("[14:30] Kev: ssn please\n[14:31] Kev: 5172 96 043", 37, { from: 24, text: "[14:31] Kev: " }).map((word) => word.word) // ["ssn", "please"]
 */
export function previousMessage(text: string, start: number, clause: { from: number; text: string }): Token[] {
  if (clause.from === 0 || text[clause.from - 1] !== "\n" || !chatFrame.test(clause.text) || !/\p{L}/u.test(clause.text)) return [];
  const from = Math.max(start - 60, text.lastIndexOf("\n", clause.from - 2) + 1);
  const line = text.slice(from, clause.from - 1);
  const frame = clause.text.replace(/\d/g, "0");
  if (from !== text.lastIndexOf("\n", clause.from - 2) + 1 || !line.replace(/\d/g, "0").startsWith(frame)) return [];
  return tokens(line.slice(frame.length), from + frame.length);
}

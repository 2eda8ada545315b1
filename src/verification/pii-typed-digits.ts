/**
 * A normaliser stage for numbers typed with letters for digits ("kt=|6Ø767-3329", "Handy +49 1bØ 511392Øb", "IBAN FO41
 * 3333 1358 Ø439 88"): a typewriter without a 1 or 0, a phone keyboard, a form copied by hand. Letters drawn like
 * digits that no id or account writes as letters (Ø for 0, | for 1, Z for 2, b for 6, q for 9; the O, l, B and S an OCR
 * pass leaves are read by `readHomoglyphDigits`, pii-separators.ts) are read as those digits only
 * where a label right before names the value (a phone, a card, an account, an id): a word like "Zb1" in prose has
 * none. The run must be mostly digits (six or more, at least twice its letters), so a code or a word stays itself.
 * One character for one: the map back is unchanged.
 */
import { clauseBefore, tokens } from "./pii-clause.ts";
import { labelBefore } from "./pii-context.ts";
import { lookAlikeDigits } from "./pii-separators.ts";
import type { NormalisedText } from "./pii-normalised-text.ts";

/** A group of digits and such letters; a bar alone is a table's column, not a 1 ("| card | 4058 …"). */
const group = String.raw`\|?(?:[\dØøZbq]\|?){1,12}`;
/** Up to seven groups, one separator between them, an optional "+" first (bounded: linear). */
const run = new RegExp(String.raw`(?<![\p{L}\d|])\+?${group}(?:[ .\/-]${group}){0,6}(?![\p{L}\d|])`, "gu");
const lookAlike = /[Øø|Zbq]/gu;

/** Whether the words right before `start` name a phone, a card, an account or an id. */
function labelled(text: string, start: number): boolean {
  const label = labelBefore(text, start);
  if (label === "phone" || label === "card" || label === "iban" || label === "national_id") return true;
  const clause = clauseBefore(text, start);
  const before = tokens(clause.text, clause.from).slice(-3);
  return before.some((word) => word.role.role === "cue" && word.role.kinds.some((kind) => kind !== "email" && kind !== "ip"));
}

/**
 * Reads letters typed for digits in a labelled number.
 *
 * @example
 * readTypedDigits(text("Handy +49 1bØ 511392Øb")).text // "Handy +49 160 51139206"
 */
export function readTypedDigits(input: NormalisedText): NormalisedText {
  if (!/[Øø|]|\d[Zbq]|[Zbq]\d/u.test(input.text)) return input;
  // Built from pieces, not by re-slicing the whole text per number: a long text of many typed numbers stays linear.
  const pieces: string[] = [];
  let copied = 0;
  // Where bars touch letters or each other ("PID|1||^PH^^+44 …|", HL7's fields), a bar is the format's separator.
  const barsSeparate = /\p{L}\||\|\p{L}|\|\|/u.test(input.text);
  for (const match of input.text.matchAll(run)) {
    if (barsSeparate && match[0].includes("|")) continue;
    const letters = match[0].match(lookAlike)?.length ?? 0;
    const digits = match[0].replace(/\D/g, "").length;
    if (letters === 0 || digits < 6 || digits < 2 * letters || !labelled(input.text, match.index)) continue;
    // A capital before six digits is an id's letter (an HKID's or a Taiwan id's "Z589668"), not a typed 2.
    if (/^Z\d{6}/.test(match[0])) continue;
    const read = match[0].replace(lookAlike, (char) => lookAlikeDigits[char] ?? char);
    pieces.push(input.text.slice(copied, match.index), read);
    copied = match.index + read.length;
  }
  if (pieces.length === 0) return input;
  pieces.push(input.text.slice(copied));
  return { ...input, text: pieces.join("") };
}

/**
 * A normaliser stage for digits written as Roman numerals inside a number read one digit at a time, as a speech-to-text
 * app or a keyboard macro leaves them ("5 III 2 I 2 III 4 V 6 VII"), with "nulla", the Roman word for nothing, as 0.
 * Only in a run of single digits and numerals I–IX, seven or more, with at least three Arabic digits and two numerals:
 * "Part II 3 4", "World War II", a list "I, II, III" and a regnal "Louis XIV" have no such run.
 */
import { rewrite, type Edit } from "./pii-separators.ts";
import type { NormalisedText } from "./pii-normalised-text.ts";

const numerals: Record<string, string> = { nulla: "0", I: "1", II: "2", III: "3", IV: "4", V: "5", VI: "6", VII: "7", VIII: "8", IX: "9" };
const token = String.raw`(?:\d|VIII|VII|VI|IV|IX|III|II|I|V|nulla)`;
const run = new RegExp(String.raw`(?<![\p{L}\d])${token}(?: ${token}){6,}(?![\p{L}\d])`, "gu");

/**
 * Reads the numerals of a run of single digits and Roman numerals as digits.
 *
 * @example
 * readRomanDigits(text("it's 5 III 2 I 2 III 4 V")).text // "it's 5 3 2 1 2 3 4 5"
 */
export function readRomanDigits(input: NormalisedText): NormalisedText {
  // A numeral beside a digit, a space apart: English text is full of "I", rarely beside a digit.
  if (!/\d (?:[IVX]+|nulla)\b|\b(?:[IVX]+|nulla) \d/.test(input.text)) return input;
  const edits: Edit[] = [];
  for (const match of input.text.matchAll(run)) {
    const parts = match[0].split(" ");
    const arabic = parts.filter((part) => /^\d$/.test(part)).length;
    if (arabic < 3 || parts.length - arabic < 2) continue;
    let offset = match.index;
    for (const part of parts) {
      if (!/^\d$/.test(part)) edits.push({ start: offset, end: offset + part.length, by: numerals[part] ?? part });
      offset += part.length + 1;
    }
  }
  return rewrite(input, edits);
}

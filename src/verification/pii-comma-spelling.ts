/**
 * A normaliser stage for text read out one character at a time with a comma after each, as a screen reader or a
 * dictation log writes it ("5, 8, 0, 7, …", "n, a, d, i, a, dot, h, …"). The commas of such a run go, so the
 * spaced-out characters are closed up by the next stage as any spaced-out value is. A list of words ("red, green, blue")
 * or of a few numbers ("pages 1, 2, 3") is no such run: six single characters or more, at least half its items.
 * Each edit removes one comma, so the map back to the original stays exact.
 */
import { rewrite, type Edit } from "./pii-separators.ts";
import type { NormalisedText } from "./pii-normalised-text.ts";

const commaRun = /(?<![\p{L}\d])[\p{L}\d]{1,12}(?:, [\p{L}\d]{1,12}){5,}(?![\p{L}\d])/gu;

/**
 * Drops the commas of a run of characters read out one at a time.
 *
 * @example
 * readCommaSpelling(text("card 4, 1, 1, 1, 1, 1")).text // "card 4 1 1 1 1 1"
 */
export function readCommaSpelling(input: NormalisedText): NormalisedText {
  if (!input.text.includes(", ") || !/(?<![\p{L}\d])[\p{L}\d], [\p{L}\d], /u.test(input.text)) return input;
  const edits: Edit[] = [];
  for (const match of input.text.matchAll(commaRun)) {
    const items = match[0].split(", ");
    const single = items.filter((item) => item.length === 1).length;
    if (single < 6 || single * 2 < items.length) continue;
    for (let index = match[0].indexOf(","); index !== -1; index = match[0].indexOf(",", index + 1)) edits.push({ start: match.index + index, end: match.index + index + 1, by: "" });
  }
  return rewrite(input, edits);
}

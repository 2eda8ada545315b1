/**
 * A normaliser stage for separators as a class: whatever mark a writer puts between a value's groups ("^", "→",
 * "::", " ¤ ", "=>", "✱", "..") or between every character ("y.3.2.9…", "4/1/7/9…"), rather than a list of them.
 * What makes such a mark a separator is that it repeats: the same mark between three groups or more, or between
 * every character of a run. Each edit replaces only the mark, so the map back to the original stays exact.
 * In the examples, `text(s)` is `s` as a NormalisedText whose characters map to themselves.
 */
import { rewrite, type Edit } from "./pii-separators.ts";
import type { NormalisedText } from "./pii-normalised-text.ts";

/**
 * Three groups of digits or more, joined by the same mark each time (up to five characters, spaces around it
 * included). The mark holds no letter, digit or line break.
 */
const repeatedMark = /(?<![\p{L}\d])\d{1,6}([^\p{L}\p{N}\n]{1,5})\d{1,6}(?:\1\d{1,6}){1,6}(?![\p{L}\d])/gu;

/**
 * Marks that mean something of their own between digits: a decimal or thousands mark (".", ",", "'"), a time or
 * an IPv6 address (":"), a date or a range ("-", "/"), an addition, brackets (a phone's "(0)", a defanged "[.]"), a table's
 * cell ("|"), a percentage.
 * The stages after this one read them (a dash, a slash, a dot keep their meaning in a phone or an id).
 */
const meaningful = /^[.,:'’\-\/+]$|[()[\]{}|%]/u;

/**
 * One mark between every character of a run of eight or more letters and digits ("y.3.2.9.5.8.3.0.j",
 * "4/1/7/9/…", "+4·9·3·0…"): the run is closed up. Nobody writes a word or an order number that way to be read;
 * versions and acronyms are shorter ("1.2.3", "U.S.A.") and need no closing.
 */
const everyCharacter = /(?<![\p{L}\p{N}][^\s\p{L}\p{N}]?)[\p{L}\d]([^\s\p{L}\p{N}])[\p{L}\d](?:\1[\p{L}\d]){6,30}(?![^\s\p{L}\p{N}]?[\p{L}\p{N}])/gu;

/**
 * Reads a repeated mark between a value's groups as a space, and closes up a run written one character at a time
 * with one mark between each; a run needs seven digits or more to be touched, so a version, a time or a short list
 * is left as written.
 *
 * @example
 * readRepeatedMarks(text("0812^3456^7890")).text // "0812 3456 7890"
 * readRepeatedMarks(text("NIE y.3.2.9.5.8.3.0.j")).text // "NIE y3295830j"
 */
export function readRepeatedMarks(input: NormalisedText): NormalisedText {
  const { text } = input;
  // Most texts have fewer than seven digits, or no mark after a digit.
  if (!/\d(?:\D*\d){6}/.test(text) || !/\d\s{0,2}[^\s\p{L}\p{N}]/u.test(text)) return input;
  const edits: Edit[] = [];
  // Such a run has three digits in a row, one mark apart ("3.2.9"): the full pattern runs only where they stand.
  for (const match of /\d([^\s\dA-Za-z])\d\1\d/.test(text) ? text.matchAll(everyCharacter) : []) {
    if (match[0].replace(/\D/g, "").length < 7) continue;
    for (let at = 1; at < match[0].length; at += 2) edits.push({ start: match.index + at, end: match.index + at + 1, by: "" });
  }
  const closed = edits.length;
  for (const match of text.matchAll(repeatedMark)) {
    const mark = match[1] ?? "";
    if (mark.trim() === "" || meaningful.test(mark.trim()) || match[0].replace(/\D/g, "").length < 7) continue;
    if (edits.slice(0, closed).some((edit) => edit.start >= match.index && edit.start < match.index + match[0].length)) continue;
    for (let at = match[0].indexOf(mark); at !== -1; at = match[0].indexOf(mark, at + mark.length)) edits.push({ start: match.index + at, end: match.index + at + mark.length, by: " " });
  }
  edits.sort((left, right) => left.start - right.start);
  return { ...rewrite(input, edits), spelled: input.spelled };
}

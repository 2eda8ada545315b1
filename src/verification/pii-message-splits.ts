/**
 * A normaliser stage for values split over two messages or chat lines: "[SMS 1/2] card 5453 0579" then "[SMS 2/2]
 * 2847 1987", "[16:40] ana: +34 612" then "[16:40] ana: 34 56 78", "> IBAN FR76 3000" then "> 6000 0112 …". What marks
 * such a split is not a word but the framing: both lines open with the same prefix (equal once digits are masked:
 * a counter, a time, a speaker, a quote mark), the first ends in a group of digits too short to be a whole value,
 * and the second goes on with digits, or with the value's separator and digits (".38.27" after "my IP is 88.19"), or
 * an address goes on with its "@" ("write to marco53" then "@gmail.com"; "(at) proton (dot) me"). The line break and the second prefix then read as one space; the map back to
 * the original stays exact (only they are replaced).
 * In the examples, `text(s)` is `s` as a NormalisedText whose characters map to themselves.
 */
import { rewrite, type Edit } from "./pii-separators.ts";
import type { NormalisedText } from "./pii-normalised-text.ts";

/**
 * How the second part of a value opens: a digit (after a "+", a bracket or the value's own separator), or the "@" of an
 * address, bare or in brackets ("[14:03] Dan: @gmail.com", "… (at) proton (dot) me").
 */
const valueOpening = String.raw`[ \t]*(?:[+(.\/-]?\d|@|[(\[](?:at|@)[)\]])`;
/**
 * A line ending in a digit, a letter, a bracket or an "@", then a line with a space inside its first 40 characters (a
 * frame's end): whether the second goes on with the value, `sharedPrefix` reads. The look-ahead keeps a column of bare
 * numbers, one a line, from costing a prefix comparison per line.
 */
const continued = /[\p{L}\d)\]@][ \t]*\n(?=[^\n]{1,40}?[ \t]\S)/gu;
/** A first part ending in an address's "@", bare or in brackets: the second goes on with the domain. */
const endsAtSign = /(?:@|[(\[](?:at|@)[)\]])[ \t]*$/i;
const opening = new RegExp(`^${valueOpening}`, "iu");
/** The digits at the end of a line, with their separators: the first half of the value (read in the line's last 60 characters). */
const trailingGroups = /[\d .\/()+-]*$/;
/** An IBAN's country and check digits, then groups to the end of the line: no one line holds its whole length. */
const ibanStart = /(?<![\p{L}\d])[A-Z]{2}\d{2}(?:[ .-]?[A-Z\d])*$/u;
/**
 * A prefix frames a message when it holds a counter or a time, a bracket or a quote mark. A label alone ("Tel:" on
 * two lines) does not: two short numbers under one label each are two values.
 */
const framing = /\d|[[\]()<>{}|#]|^>/;

/** A message of one short group of digits alone: a piece of a value sent in parts, never a value by itself. */
const fragment = /^[+(]?\d{1,5}[ \t]*$/;

/** Digits masked: "[SMS 1/2] " and "[SMS 2/2] " are one prefix, as are two lines stamped "[09:12]" and "[09:13]". */
const masked = (text: string) => text.replace(/\d/g, "0");

/**
 * The prefix the second line shares with the first (digits masked): the lines agree up to a space in the second,
 * after which the second goes on with a digit and the first with anything else (a label: "card", "mi número es").
 *
 * @example
 * sharedPrefix("[SMS 1/2] card 5453", "[SMS 2/2] 2847 1987") // "[SMS 2/2] "
 */
export function sharedPrefix(first: string, second: string): string | undefined {
  const left = masked(first.slice(0, 41));
  const right = masked(second.slice(0, 41));
  let length = 0;
  while (length < 40 && left[length] !== undefined && left[length] === right[length]) length += 1;
  // Masked, the digits of two fragments agree too ("[14:02] Dan: 0792" and "[14:04] Dan: 9335"): the prefix then ends
  // where a frame ends (a colon or a closing bracket, then a space) and the second line's digits begin.
  const domainNext = endsAtSign.test(first);
  const opensValue = (at: number) => /[ \t]/.test(second[at - 1] ?? "") && (opening.test(second.slice(at)) || (domainNext && /^[\p{L}\d]/u.test(second.slice(at))));
  if (!opensValue(length)) while (length > 0 && !(opensValue(length) && /[:\]>)][ \t]+$/.test(second.slice(0, length)))) length -= 1;
  const prefix = second.slice(0, length);
  if (length === 0) return undefined;
  // The first line going on with digits where the second does is a list of values framed alike ("[09:12] code 4471"),
  // unless what follows its prefix is a bare fragment: a message of one short group of digits and nothing else.
  if (/^[+(]?\d/.test(first.slice(length)) && !fragment.test(first.slice(length))) return undefined;
  return framing.test(prefix.trim()) ? prefix : undefined;
}

/**
 * Joins a value split over two framed lines: the line break and the second line's prefix read as one space, when
 * the digits ending the first line are fewer than ten (a whole phone or card number is not split) or begin an IBAN.
 *
 * @example
 * joinMessageSplits(text("(1/2) card 5453 0579\n(2/2) 2847 1987")).text // "(1/2) card 5453 0579 2847 1987"
 */
export function joinMessageSplits(input: NormalisedText): NormalisedText {
  const { text } = input;
  if (!text.includes("\n")) return input;
  const edits: Edit[] = [];
  for (const match of text.matchAll(continued)) {
    const breakAt = match.index + match[0].indexOf("\n");
    const lineStart = text.lastIndexOf("\n", match.index) + 1;
    const first = text.slice(lineStart, breakAt);
    const lineEnd = text.indexOf("\n", breakAt + 1);
    const second = text.slice(breakAt + 1, lineEnd === -1 ? text.length : lineEnd);
    const tail = trailingGroups.exec(first.trimEnd().slice(-60))?.[0] ?? "";
    if (tail.replace(/\D/g, "").length >= 10 && !ibanStart.test(first.trimEnd().slice(-60))) continue;
    const prefix = sharedPrefix(first, second);
    // A second part opening with the value's own separator (".38.27" after "88.19") joins it directly: a space would cut an address's dotted run.
    const by = /^[ \t]*(?:[./-]\d|@)/.test(second.slice(prefix?.length ?? 0)) || /@[ \t]*$/.test(first) ? "" : " ";
    if (prefix !== undefined) edits.push({ start: breakAt - (first.length - first.trimEnd().length), end: breakAt + 1 + prefix.length, by });
  }
  return { ...rewrite(input, edits), spelled: input.spelled };
}

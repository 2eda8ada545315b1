/**
 * A normaliser stage for values their carrier split: a query string's "+" for a space, an address wrapped by a
 * log or a mail client after its "@" or a dot or by quoted-printable anywhere, an address whose "@domain" stands in the next cell of a table,
 * a value built from string literals in code, escapes or comments written inside a value, and a chat's inline tokens.
 * Each edit removes or replaces only the separator, so the map back to the original stays exact.
 */
import { rewrite, type Edit } from "./pii-separators.ts";
import type { NormalisedText } from "./pii-normalised-text.ts";

/** In a query string's value, "+" encodes a space: "?iban=DE02+3588+7233…", "?tel=%2B44+7700+925452". */
const queryPlus = /(?<=[?&;][\p{L}\d_.\-[\]]{1,40}=[^\s&#=]{0,80}[\p{L}\d])\+(?=[\p{L}\d])/gu;

/**
 * A line break (with the next line's indentation) right after an address's "@", or after a dot inside its domain:
 * "user=fatima.b@\n    outlook.fr", "reply-to: sam@bluewin.\n ch". A sentence never ends in "@"; after a domain's dot, a break and a short lower-case
 * word alone (a top-level domain's shape) is a wrap.
 */
const wrapAfterAt = /(?<=[\p{L}\d_%+-]@)[ \t]*\r?\n[ \t]*(?=[\p{L}\d])/gu;
const wrapInDomain = /(?<=[\p{L}\d_%+-]@[\p{L}\d-]{1,63}(?:\.[\p{L}\d-]{1,63}){0,4}\.)[ \t]*\r?\n[ \t]*(?=\p{Ll}{2,6}(?![\p{L}\d-]))/gu;

/**
 * Quoted-printable's soft line break ("=" at the end of a line a mail was wrapped at): the two lines are one
 * ("…@inte=\nria.pl"). Only between letters, digits or an address's marks, so "x =\n  5" in code stays.
 */
const softBreak = /(?<=[\p{L}\d._@-])=\r?\n(?=[\p{L}\d._@-])/gu;

/** A table cell ending in a user name, then a cell starting with "@domain": "| ana.pop | @yahoo.ro |", "ana.pop\t@yahoo.ro". */
const cellBeforeAt = /(?<=[\p{L}\d_%+-])[ \t]*[|\t][ \t]*(?=@[\p{L}\d-]+\.\p{L})/gu;

/**
 * Code that builds a value from string literals, as anti-spam pages do ("'ann' + '.lee@' + 'web.de'", "'DE89' + '3704'"):
 * and spreadsheet formulas that do it with "&" ('="+65 "&"8145 4555"'): a closing quote, "+" or "&" and an opening quote
 * between two characters of a value are nothing.
 */
const literalJoin = /(?<=[\p{L}\d@._%+ -])['"`]\s*[+&]\s*['"`](?=[\p{L}\d@._%+-])/gu;

/**
 * Escapes and comments a value's carrier writes inside it and never shows: LaTeX's and Perl's "\\@" ("a.b\\@uni.ac.jp"),
 * and an empty or short markup comment ("KZ05<!-- -->8840…").
 */
const hiddenInside = /(?<=[\p{L}\d._%+-])\\(?=@[\p{L}\d])|(?<=[\p{L}\d])<!--[^<>]{0,40}-->(?=[\p{L}\d])/gu;

/**
 * A chat client's inline token between two digit groups (an item link, a sticker or an emote the client draws as a
 * picture: "4289 3408 [skin] 0025", "0176 :kappa: 5544") is no character of the value; read as the space it stands in.
 */
const inlineToken = /(?<=\d) (?:\[[\p{L}_ -]{1,16}\]|:[\p{L}_]{1,16}:) (?=\d)/gu;

/**
 * Joins what a carrier split: "+" in a query value reads as a space, a wrapped address or an address over two
 * table cells is closed up.
 *
 * @example
 * joinCarrierSplits(text("| ana.pop | @yahoo.ro |")).text // "| ana.pop@yahoo.ro |"
 */
export function joinCarrierSplits(input: NormalisedText): NormalisedText {
  const { text } = input;
  const edits: Edit[] = [];
  if (text.includes("=") && text.includes("+")) for (const match of text.matchAll(queryPlus)) edits.push({ start: match.index, end: match.index + 1, by: " " });
  if (text.includes("=\n") || text.includes("=\r\n")) for (const match of text.matchAll(softBreak)) edits.push({ start: match.index, end: match.index + match[0].length, by: "" });
  if (text.includes("] ") || text.includes(": ")) for (const match of text.matchAll(inlineToken)) edits.push({ start: match.index, end: match.index + match[0].length, by: " " });
  if (text.includes("+") || text.includes("&")) for (const match of text.matchAll(literalJoin)) edits.push({ start: match.index, end: match.index + match[0].length, by: "" });
  if (text.includes("\\@") || text.includes("<!--")) for (const match of text.matchAll(hiddenInside)) edits.push({ start: match.index, end: match.index + match[0].length, by: "" });
  if (text.includes("@")) {
    for (const pattern of [wrapAfterAt, wrapInDomain, cellBeforeAt]) for (const match of text.matchAll(pattern)) edits.push({ start: match.index, end: match.index + match[0].length, by: "" });
  }
  if (edits.length === 0) return input;
  edits.sort((left, right) => left.start - right.start);
  const apart = edits.filter((edit, index) => index === 0 || edit.start >= (edits[index - 1] as Edit).end);
  return { ...rewrite(input, apart), spelled: input.spelled };
}

/**
 * A normaliser stage for the escapes of the formats a value is printed from: C and shell octal escapes ("r\056ann\100…"),
 * CSS escapes ("ann\40 gmail\2e com", hex and an optional space that ends the escape), ZPL's `^FH` hex escapes in a
 * label field ("_40", "_2B"), EDIFACT's release character ("?+" is a literal "+" in a segment), and an HL7 v2 XTN
 * telecom field, whose country code, area code and local number are components ("^PRN^PH^^44^113^4960732"). Only
 * escapes that stand for a letter, digit or a sign of an address or a number are read: "\101\102" and "C:\2024" mean
 * what they say either way. X12 contact qualifiers, a modem's dial command and a card's track 2 are read as the labels they are. Each decoded character maps to its whole escape.
 * In the examples, `text(s)` is `s` as a NormalisedText whose characters map to themselves.
 */
import { rewrite, type Edit } from "./pii-separators.ts";
import type { NormalisedText } from "./pii-normalised-text.ts";

const valueCharacter = /^[A-Za-z0-9@.+_ -]$/;
/** Octal (exactly three digits, not followed by a hex digit or a space) first, then CSS (one to six hex digits, one space). */
const backslashEscape = /\\(?:([0-3][0-7]{2})(?![0-9a-f\s])|([0-9a-f]{1,6})[ \t]?)/gi;
/** ZPL: `_` and two hex digits inside a field data command that `^FH` opened (bounded look-behind: one label field). */
const zplEscape = /_([0-9a-f]{2})(?<=\^FH[^^]{0,4}\^FD[^^]{0,303})/gi;
/** EDIFACT: a segment tag at the start or after the segment terminator, then "+" or ":". */
const edifact = /(?:^|')(?:UNA|UNB|UNH|NAD|COM|CTA|FTX)[+:]/;
const released = /\?([+:'?*])/g;
/** A COM segment's value ends at the component separator before its qualifier (EM email, TE phone, FX fax, AL mobile). */
const qualifierSeparator = /:(?=(?:EM|TE|FX|AL|AH)(?:'|$))/gm;
/**
 * X12's PER segment names each contact number by a qualifier (TE telephone, CP cellular, HP home, WP work, FX fax), and a
 * Hayes modem dials with ATD: both are labels glued to the number, read as one.
 */
const x12Contact = /(?<=\*)(?:TE|CP|HP|WP|FX)\*(?=\+?\d)/g;
const modemDial = /\bATD(?=\+?\d)/g;
/** A magnetic stripe's track 2 (";PAN=YYMM…?"): its sentinels and separator make the number a card number, whatever is around. */
const track2 = /;(\d{12,19})=\d{4}\d{0,36}\?/g;
/** HL7 v2 XTN: use code, equipment type, (email), country code, area code, local number. */
const telecom = /\^(?:PRN|ORN|WPN|VHN|ASN|EMR|BPN)\^(?:PH|CP|FX|MD|BP|SAT|TDD|TTY)\^[^^|~]{0,80}\^(\d{1,4})?\^(\d{1,6})\^(\d{4,12})/g;

/**
 * Decodes the escapes above.
 *
 * @example
 * decodeCodeEscapes(text('"ann\\100example\\056org"')).text // '"ann@example.org"'
 * decodeCodeEscapes(text("XTN ^PRN^PH^^44^113^4960732")).text // "XTN ^PRN^PH^+44 113 4960732"
 */
export function decodeCodeEscapes(input: NormalisedText): NormalisedText {
  const { text } = input;
  const edits: Edit[] = [];
  const decode = (match: RegExpMatchArray, code: string | undefined, radix: number) => {
    const char = String.fromCodePoint(Number.parseInt(code ?? "", radix));
    if (valueCharacter.test(char)) edits.push({ start: match.index ?? 0, end: (match.index ?? 0) + match[0].length, by: char });
  };
  if (text.includes("\\")) for (const match of text.matchAll(backslashEscape)) decode(match, match[1] ?? match[2], match[1] === undefined ? 16 : 8);
  if (text.includes("^FH")) for (const match of text.matchAll(zplEscape)) decode(match, match[1], 16);
  if (edifact.test(text)) {
    for (const match of text.matchAll(released)) edits.push({ start: match.index, end: match.index + 2, by: match[1] ?? "" });
    for (const match of text.matchAll(qualifierSeparator)) edits.push({ start: match.index, end: match.index + 1, by: " " });
  }
  if (/(?:^|~|\n)PER\*/.test(text)) for (const match of text.matchAll(x12Contact)) edits.push({ start: match.index, end: match.index + match[0].length, by: "tel " });
  if (text.includes("ATD")) for (const match of text.matchAll(modemDial)) edits.push({ start: match.index, end: match.index + match[0].length, by: "dial " });
  if (text.includes("=")) for (const match of text.matchAll(track2)) edits.push({ start: match.index, end: match.index + match[0].length, by: `card ${match[1] ?? ""} track 2 ` });
  if (text.includes("^")) {
    for (const match of text.matchAll(telecom)) {
      const [, country, area, local] = match;
      const start = match.index + match[0].length - (local ?? "").length - (area ?? "").length - (country ?? "").length - 2;
      edits.push({ start, end: match.index + match[0].length, by: `${country === undefined ? "" : `+${country} `}${area ?? ""} ${local ?? ""}` });
    }
  }
  edits.sort((left, right) => left.start - right.start);
  const kept: Edit[] = [];
  for (const edit of edits) if (edit.start >= (kept.at(-1)?.end ?? 0)) kept.push(edit);
  return kept.length === 0 ? input : { ...rewrite(input, kept), spelled: input.spelled };
}

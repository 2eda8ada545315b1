/**
 * Identifiers a machine writes with their own check characters in letters and digits: the Mexican CURP and the
 * machine-readable zone (MRZ) of passports and ID cards. Their structure and checks are strong enough to stand
 * without a label (a CURP: 18 characters in a fixed letter/digit pattern, a date, a state code and a check digit;
 * an MRZ line: three check digits over the document number, the birth date and the expiry date).
 */
import { plausibleDate } from "./pii-id-checksums.ts";
import type { IdSpan } from "./pii-ids.ts";

/** A CURP; its check digit may be typed as a Greek or Latin "O" (a copy that swapped the digit), read as 0 below. */
const curpPattern = /(?<![\p{L}\d])[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[A-Z\dΟ][\dOΟ](?![\p{L}\d])/gu;
const curpStates = new Set("AS BC BS CC CL CM CS CH DF CX DG GT GR HG JC MC MN MS NT NL OC PL QT QR SP SL SR TC TS TL VZ YN ZS NE".split(" "));
const curpAlphabet = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ";

/** Whether an 18-character CURP holds a date, a state and its check digit (weights 18 down to 2, mod 10). */
export function curpValid(code: string): boolean {
  if (!plausibleDate(Number(code.slice(8, 10)), Number(code.slice(6, 8))) || !curpStates.has(code.slice(11, 13))) return false;
  const sum = [...code.slice(0, 17)].reduce((total, char, index) => total + curpAlphabet.indexOf(char) * (18 - index), 0);
  return (10 - (sum % 10)) % 10 === Number(code[17]);
}

/** The second line of a passport's (TD3) or an ID card's (TD2) MRZ, up to the expiry date's check digit. */
const mrzPattern = /(?<![A-Z\d<])[A-Z\d<]{9}\d[A-Z<]{3}\d{6}\d[MFX<]\d{6}\d(?=[A-Z\d<]{8,16}(?![A-Z\d<]))/g;
const mrzWeights = [7, 3, 1];

/** The ICAO 9303 check digit of an MRZ field: digits, letters 10–35, "<" 0, weights 7, 3, 1. */
function mrzCheck(field: string): number {
  return [...field].reduce((sum, char, index) => sum + (char === "<" ? 0 : Number.parseInt(char, 36)) * (mrzWeights[index % 3] as number), 0) % 10;
}

/**
 * CURPs and MRZ lines in normalised text.
 *
 * @example
 * documentCodeSpans("curp=PEMJ880315HJCRRN01") // [{ kind: "national_id", start: 5, end: 23 }]
 * documentCodeSpans("CURP: GOMC850101HDFRRR09") // [] (its check digit does not hold)
 */
export function documentCodeSpans(text: string): IdSpan[] {
  const spans: IdSpan[] = [];
  if (/\d{6}[HMX][A-Z]{2}/.test(text)) {
    for (const match of text.matchAll(curpPattern)) {
      // The check digit is a digit; the character before it is a letter or a digit, so an "O" there is read both ways.
      const code = `${match[0].slice(0, 17).replace("Ο", "O")}${match[0].slice(17).replace(/[OΟ]/, "0")}`;
      const readings = [code, `${code.slice(0, 16)}${code.slice(16, 17).replace("O", "0")}${code.slice(17)}`];
      if (readings.some(curpValid)) spans.push({ kind: "national_id", start: match.index, end: match.index + match[0].length });
    }
  }
  if (text.includes("<")) {
    for (const match of text.matchAll(mrzPattern)) {
      const line = match[0];
      const fields: Array<[string, string]> = [[line.slice(0, 9), line[9] ?? ""], [line.slice(13, 19), line[19] ?? ""], [line.slice(21, 27), line[27] ?? ""]];
      if (fields.every(([field, check]) => mrzCheck(field) === Number(check))) spans.push({ kind: "national_id", start: match.index, end: match.index + line.length });
    }
  }
  return spans;
}

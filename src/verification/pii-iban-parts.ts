/**
 * An IBAN typed as its labelled parts, as older transfer forms ask for them: "Land DE, Prüfziffer 96, BLZ 41542693,
 * Konto 4571214800". Put together in the IBAN's order, the parts must pass mod 97 at the country's length: every label
 * must be there, and a random set of numbers under them passes one time in 97. The account number is the finding (the
 * bank code and the check digits name no one); the parts before it are read within 64 characters, as far back as a
 * stream keeps the text it released (stream-text-checker.ts), so a stream and the whole text agree.
 */
import { ibanValid } from "./pii-checksums.ts";

/** Countries whose BBAN is a bank code and an account number, both digits: the bank code's length, the account's. */
const layouts: Readonly<Record<string, readonly [bank: number, account: number]>> = { DE: [8, 10], AT: [5, 11] };

const accountPattern = /(?<![\p{L}\d])(?:kontonummer|kontonr\.?|konto|account(?:\s+(?:number|no\.?))?)\s*:?\s*(\d{1,11})(?![\d\p{L}])/giu;
const bankPattern = /(?<![\p{L}\d])(?:blz|bankleitzahl|bank\s+code)\s*:?\s*(\d{3} ?\d{3} ?\d{2}|\d{5})(?!\d)/giu;
const checkPattern = /(?<![\p{L}\d])(?:prüfziffer|prüfziffern|prüfzahl|check\s+digits?)\s*:?\s*(\d{2})(?!\d)/giu;
const countryPattern = /(?<![\p{L}\d])(?:land|country(?:\s+code)?|ländercode|länderkennzeichen)\s*:?\s*([A-Za-z]{2})(?![\p{L}\d])/giu;

/** How far before the account number its other parts are looked for. */
const reach = 64;

/** The captured value of the last match of a pattern in a short text. */
function last(pattern: RegExp, text: string): string | undefined {
  let value: string | undefined;
  for (const match of text.matchAll(pattern)) value = match[1];
  return value;
}

/**
 * The account numbers of IBANs typed as their labelled parts, as spans of the text.
 *
 * @example
 * ibanPartSpans("Land DE, Prüfziffer 96, BLZ 41542693, Konto 4571214800") // [{ start: 44, end: 54 }]
 */
export function ibanPartSpans(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  if (!/blz|bankleitzahl|bank\s+code/iu.test(text)) return spans;
  for (const match of text.matchAll(accountPattern)) {
    const account = match[1] ?? "";
    const before = text.slice(Math.max(0, match.index - reach), match.index);
    const country = last(countryPattern, before);
    const layout = country !== undefined && country === country.toUpperCase() ? layouts[country] : undefined;
    const bank = last(bankPattern, before)?.replace(/ /g, "");
    const check = last(checkPattern, before);
    if (layout === undefined || bank?.length !== layout[0] || check === undefined || account.length > layout[1]) continue;
    if (!ibanValid(`${country}${check}${bank}${account.padStart(layout[1], "0")}`)) continue;
    const end = match.index + match[0].length;
    spans.push({ start: end - account.length, end });
  }
  return spans;
}

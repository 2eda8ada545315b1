/**
 * Recognisers of identifiers written with letters: IBANs (mod 97 and each country's length), Spanish DNI/NIE
 * (mod-23 letter), UK National Insurance numbers, Irish PPS numbers (mod-23 letter), Italian codice fiscale (check letter).
 */
import { ibanValid, irishPpsValid, italianFiscalCodeValid, spanishIdValid } from "./pii-checksums.ts";
import { clauseBefore, tokens } from "./pii-clause.ts";
import { labelBefore } from "./pii-context.ts";
import { labelAllows } from "./pii-digits.ts";
import { numericAccounts } from "./pii-iban-accounts.ts";
import { weakIdAccepts } from "./pii-score.ts";
import { specimenIban } from "./pii-specimens.ts";
import { ibanPartSpans } from "./pii-iban-parts.ts";

/**
 * Groups may be split by the separators of any digit run (one or two, or one spaced: " - "), a line break included
 * (an IBAN wrapped in a narrow field); the country code is a group too ("PT.44.…", "BE - 89 - …", "FR/30/…"), and
 * its two letters may be read out one by one ("F R 7630 …", "D E" before spelled digits: `spacedCountry`), and a
 * group read aloud may end in a comma ("GB 31, NWBK, 2128 …": "golf bravo thirty-one, november whiskey …"), the
 * country code's too ("I T, 51X0, 7900, …": dictated group by group). Mod 97 and the country's length decide.
 */
const ibanPattern = /(?<![\p{L}\d])(?:[A-Z]{2}|[A-Z] [A-Z](?=,? ?\d))(?:\s{0,2}|[./_:,-]\s?|\s[./_:-]\s)\d{2}(?:(?:[ .,/_-]{1,2}|\s[./_-]\s|\n)?[A-Z0-9]){11,32}/giu;
const spanishIdPattern = /(?<![\p{L}\d])[XYZ]?[ .-]?\d{1,2}[ .]?\d{3}[ .]?\d{3}[ -]?[A-Z](?![\p{L}\d])/giu;
/** Its two letters may be read out one by one ("N R"), its pairs read with commas ("N R, 48, 31, 72, D"). */
const ninoPattern = /(?<![\p{L}\d])[A-CEGHJ-PR-TW-Z] ?[A-CEGHJ-NPR-TW-Z](?:,? ?|[.-])\d{2}(?:,? ?|[.-])\d{2}(?:,? ?|[.-])\d{2}(?:,? ?|[.-])[A-D](?![\p{L}\d])/giu;
/** Irish PPS number: seven digits, a check letter, maybe a second letter; the letters may stand a space apart. */
const ppsPattern = /(?<![\p{L}\d])\d{7}[ .-]?[A-W](?: ?[ABHW])?(?![\p{L}\d])/giu;
/** Upper or lower case (a code typed in lower case is still one); the digits keep a word of prose from matching. */
const fiscalCodePattern = /(?<![\p{L}\d])[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z](?![\p{L}\d])/giu;

/**
 * IBAN lengths by country: the SWIFT registry and the countries that use IBANs outside it (West and Central
 * Africa, Algeria, Iran, the French overseas territories). A run that starts with any other two letters ("SF" of a
 * courier's waybill, "RF" of a creditor reference) is no IBAN, however its check digits come out.
 */
const ibanLengths: Record<string, number> = Object.fromEntries(
  (
    "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30 " +
    "AO25 BF28 BJ28 CF27 CG27 CI28 CM27 CV25 DZ26 GA27 GQ27 GW25 HN28 IR26 KM27 MA28 MG27 ML28 MZ25 NE28 SN28 TD27 TG28 GF27 GP27 MQ27 RE27 PF27 TF27 YT27 NC27 BL27 MF27 PM27 WF27"
  )
    .split(" ")
    .map((entry) => [entry.slice(0, 2), Number(entry.slice(2))]),
);


/**
 * The prefix of an IBAN-like run that ends at a group boundary, has its country's length, one letter
 * case throughout, and passes mod 97 (the run may have swallowed the words after it).
 */
function ibanLength(run: string): number | undefined {
  const country = run.replace(/[^A-Za-z0-9]/g, "").slice(0, 2).toUpperCase();
  const expected = ibanLengths[country];
  if (expected === undefined) return undefined;
  // Only one prefix holds the country's length in letters and digits: the one ending at its last character.
  let end = 0;
  for (let count = 0; end < run.length && count < expected; end += 1) if (/[A-Z0-9]/i.test(run[end] ?? "")) count += 1;
  if (/[\p{L}\d]/u.test(run[end] ?? "") || !/[A-Z0-9]/i.test(run[end - 1] ?? "")) return undefined;
  const candidate = run.slice(0, end);
  const compact = candidate.replace(/[^A-Za-z0-9]/g, "");
  const letters = compact.replace(/[^A-Za-z]/g, "");
  if (letters !== letters.toUpperCase() && letters !== letters.toLowerCase()) return undefined;
  // Where the account part is digits only, an "O" or an "l" in it is a look-alike digit ("… 0130 OO").
  const read = numericAccounts.has(country) ? `${compact.slice(0, 2)}${compact.slice(2).replace(/[Oo]/g, "0").replace(/[Il]/g, "1")}` : compact;
  return compact.length === expected && ibanValid(read) ? end : undefined;
}

/** Whether a word of the clause before `start` is a cue for a national id ("PPS no.", "my personal public service number"). */
function idCueInClause(text: string, start: number): boolean {
  const clause = clauseBefore(text, start);
  return tokens(clause.text, clause.from).some((word) => word.role.role === "cue" && word.role.kinds.includes("national_id"));
}

/** One identifier found, by kind and span of the normalised text. */
export interface IdSpan {
  kind: "iban" | "national_id";
  start: number;
  end: number;
}

/**
 * IBANs and lettered national ids in normalised text.
 *
 * @example
 * letteredIdSpans("IBAN DE89 3704 0044 0532 0130 00") // [{ kind: "iban", start: 5, end: 32 }]
 */
export function letteredIdSpans(text: string): IdSpan[] {
  const spans: IdSpan[] = [];
  for (const match of text.matchAll(ibanPattern)) {
    // Letters read out one by one are capitals ("F R"); in lower case they are words ("a b 12 …").
    if (match[0][1] === " " && !/^\p{Lu} \p{Lu}/u.test(match[0])) continue;
    const length = ibanLength(match[0]);
    if (length !== undefined && !specimenIban(match[0].slice(0, length), text)) spans.push({ kind: "iban", start: match.index, end: match.index + length });
  }
  const id = (match: RegExpMatchArray) => spans.push({ kind: "national_id", start: match.index ?? 0, end: (match.index ?? 0) + match[0].length });
  for (const match of text.matchAll(spanishIdPattern)) if (spanishIdValid(match[0]) && labelAllows(labelBefore(text, match.index)) && weakIdAccepts(text, match.index)) id(match);
  for (const match of text.matchAll(ninoPattern)) {
    // Letters read out one by one are capitals ("N R"); in lower case they are words.
    if (/^\p{L} /u.test(match[0]) && !/^\p{Lu} \p{Lu}/u.test(match[0])) continue;
    if (/[\s.-]|^[A-Z]{2}\d{6}[A-D]$/i.test(match[0]) && labelBefore(text, match.index) !== "identifier") id(match);
  }
  // Its check passes for one number in 23: a PPS number needs a cue, as the other weak ids do.
  for (const match of text.matchAll(ppsPattern)) if (irishPpsValid(match[0]) && /\p{Lu}/u.test(match[0]) && idCueInClause(text, match.index) && weakIdAccepts(text, match.index)) id(match);
  // Sixteen characters with letters and digits in the code's fixed places (a month letter, a day, a town code) and a
  // check letter: no order or ticket system prints that layout, so no label before it ("ordine", "ref") excuses it.
  for (const match of text.matchAll(fiscalCodePattern)) {
    const oneCase = match[0] === match[0].toUpperCase() || (match[0] === match[0].toLowerCase() && /\d.*\d/.test(match[0]));
    if (oneCase && italianFiscalCodeValid(match[0])) id(match);
  }
  for (const span of ibanPartSpans(text)) spans.push({ kind: "iban", ...span });
  return spans;
}

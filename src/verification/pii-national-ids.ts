/**
 * National identity numbers by layout and check digit, one table. A layout proposes a candidate; the check digits
 * (and a birth date, where the id holds one) say how much its form alone is worth to the context scorer:
 * a valid checksum with a date or a layout of its own is strong evidence, a checksum alone medium, and a layout
 * whose checksum fails (or that has none) is weak: only a label naming an id makes it one.
 * Lettered ids (UK NINO, Spanish DNI/NIE, Italian codice fiscale) and IBANs are in pii-ids.ts.
 */
import {
  aadhaarValid,
  belgianNationalNumberValid,
  chineseResidentIdValid,
  danishCprValid,
  ean13Valid,
  finnishHetuValid,
  greekAmkaValid,
  koreanRrnValid,
  norwegianBirthNumberValid,
  portugueseNifValid,
  romanianCnpValid,
  swedishPersonnummerValid,
  usItinValid,
} from "./pii-id-checksums.ts";
import { brazilianCpfValid, dutchBsnValid, frenchNirValid, germanTaxIdValid, polishPeselValid } from "./pii-checksums.ts";

/** What a valid check says: 2 strong (date or own layout), 1 medium (a checksum alone), 0 weak (a label must say it). */
type Evidence = 0 | 1 | 2;

/** One layout and the ids written that way, each with its check and the evidence a valid check gives. */
interface IdLayout {
  layout: string;
  ids: Array<[name: string, valid: (compact: string) => boolean, evidence: Evidence]>;
}

const cprChecksum = (id: string) => danishCprValid(id).checksum;
const ahv = (id: string) => id.startsWith("756") && ean13Valid(id);

/**
 * The table. Layouts are written over the normalised text (ASCII digits, "-" for every dash); a compact layout
 * (digits only) is shared by every id of that length, so one candidate is tried against all their checks.
 */
export const idLayouts: readonly IdLayout[] = [
  { layout: String.raw`\d{6}\s?(?:18|19|20)\d{6}\s?\d{3}[\dXx]`, ids: [["Chinese resident id (ISO 7064 mod 11-2)", chineseResidentIdValid, 2]] },
  { layout: String.raw`[12]\s?\d{2}\s?\d{2}\s?\d{2}\s?\d{3}\s?\d{3}\s?\d{2}`, ids: [["French NIR (mod 97)", frenchNirValid, 2]] },
  { layout: String.raw`\d{13}`, ids: [["Romanian CNP", romanianCnpValid, 2], ["Korean RRN", koreanRrnValid, 2], ["Swiss AHV (EAN-13)", ahv, 2]] },
  { layout: String.raw`\d{6}-[1-8]\d{6}`, ids: [["Korean RRN", koreanRrnValid, 2]] },
  { layout: String.raw`756\.\d{4}\.\d{4}\.\d{2}`, ids: [["Swiss AHV (EAN-13)", ahv, 2]] },
  { layout: String.raw`\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}`, ids: [["Belgian national number (mod 97)", belgianNationalNumberValid, 2]] },
  {
    layout: String.raw`\d{6}(?:\s?\d{5}|\s\d{4}\s\d|\s\d{3}\s\d{2})`,
    ids: [
      ["Norwegian fødselsnummer (two mod 11)", norwegianBirthNumberValid, 2],
      ["Greek AMKA (date, Luhn)", greekAmkaValid, 2],
      ["Polish PESEL", polishPeselValid, 1],
      ["Belgian national number (mod 97)", belgianNationalNumberValid, 1],
      ["Brazilian CPF (two mod 11)", brazilianCpfValid, 0],
      ["German tax id (ISO 7064 mod 11,10)", germanTaxIdValid, 0],
    ],
  },
  { layout: String.raw`[2-9]\d{3}\s\d{4}\s\d{4}`, ids: [["Aadhaar (Verhoeff)", aadhaarValid, 1]] },
  { layout: String.raw`[2-9]\d{11}`, ids: [["Aadhaar (Verhoeff)", aadhaarValid, 0]] },
  { layout: String.raw`(?:19|20)\d{6}-?\d{4}`, ids: [["Swedish personnummer (date, Luhn)", swedishPersonnummerValid, 2]] },
  {
    layout: String.raw`\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]`,
    ids: [
      ["Finnish henkilötunnus (mod 31)", finnishHetuValid, 2],
      ["Swedish personnummer (date, Luhn)", swedishPersonnummerValid, 2],
      ["Danish CPR (mod 11)", cprChecksum, 1],
    ],
  },
  { layout: String.raw`\d{10}`, ids: [["Swedish personnummer (date, Luhn)", swedishPersonnummerValid, 0], ["Danish CPR", cprChecksum, 0]] },
  { layout: String.raw`\d{4}\.\d{2}\.\d{3}`, ids: [["Dutch BSN (elfproef)", dutchBsnValid, 1]] },
  { layout: String.raw`9\d{2}[-\s]\d{2}[-\s]\d{4}`, ids: [["US ITIN", usItinValid, 1]] },
  { layout: String.raw`\d{9}|\d{3}\s\d{3}\s\d{3}`, ids: [["Dutch BSN (elfproef)", dutchBsnValid, 0], ["Portuguese NIF (mod 11)", portugueseNifValid, 0], ["US ITIN", usItinValid, 0]] },
];

/** Letters of scripts written with spaces: touching one, a run of digits is part of a word. CJK and kana may touch. */
const wordLetter = String.raw`\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}`;
/** A layout matches whole: not inside a longer run of digits, not after a dialling "+". */
const scanners = idLayouts.map(({ layout }) => new RegExp(String.raw`(?<![${wordLetter}\d+]|\d[ .\/_-])(?:${layout})(?![${wordLetter}\d]|[ .\/_-]\d)`, "gu"));

/** One national id candidate: its span of the normalised text, what its form is worth, and which id it reads as. */
export interface NationalIdCandidate {
  start: number;
  end: number;
  evidence: Evidence;
  name: string;
}

/**
 * National id candidates of the normalised text, best evidence first (a later overlapping one is meant to be dropped).
 *
 * @example
 * nationalIdCandidates("henkilötunnus 131052-308T") // [{ start: 14, end: 25, evidence: 2, name: "Finnish henkilötunnus (mod 31)" }]
 */
export function nationalIdCandidates(text: string): NationalIdCandidate[] {
  if (!/\d{3}/.test(text)) return [];
  const found: NationalIdCandidate[] = [];
  idLayouts.forEach(({ ids }, index) => {
    const scanner = scanners[index] as RegExp;
    for (const match of text.matchAll(scanner)) {
      const compact = match[0].replace(/[\s.-]/g, "").toUpperCase();
      let best: { evidence: Evidence; name: string } = { evidence: 0, name: ids[0]?.[0] ?? "" };
      for (const [name, valid, evidence] of ids) if (evidence > best.evidence && valid(compact)) best = { evidence, name };
      found.push({ start: match.index, end: match.index + match[0].length, ...best });
    }
  });
  return found.sort((left, right) => right.evidence - left.evidence || right.end - right.start - (left.end - left.start));
}

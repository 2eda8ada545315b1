/**
 * National identity numbers by layout and check digit, one table. A layout proposes a candidate; each id states the
 * share of random digit strings of its length that pass its checks (date included), measured in
 * test/src/verification/pii-national-ids.test.ts. That share decides what the form alone is worth to the context
 * scorer: at most 1 in 10,000 (`strongRate`) may stand bare; up to 1 in 100 needs context (a label anywhere in the
 * clause, the word after it, or the field or column it stands in); anything looser (one mod-10 or mod-11 digit,
 * no check at all, a failed check) needs a label naming an id right before or after it.
 * Lettered ids (UK NINO, Spanish DNI/NIE, Italian codice fiscale) and IBANs are in pii-ids.ts.
 */
import {
  aadhaarValid,
  argentineCuilValid,
  belgianNationalNumberValid,
  chineseResidentIdValid,
  czechBirthNumberValid,
  danishCprValid,
  ean13Valid,
  finnishHetuValid,
  greekAmkaValid,
  koreanRrnValid,
  nhsNumberValid,
  norwegianBirthNumberValid,
  portugueseNifValid,
  romanianCnpValid,
  southAfricanIdValid,
  swedishPersonnummerValid,
  turkishIdValid,
  usItinValid,
} from "./pii-id-checksums.ts";
import { brazilianCpfValid, dutchBsnValid, frenchNirValid, germanTaxIdValid, polishPeselValid } from "./pii-checksums.ts";

/** What a valid check says: 2 strong (may stand bare), 1 medium (context in the clause or field), 0 weak (a direct label). */
export type Evidence = 0 | 1 | 2;

/** A check passed by at most this share of random digit strings may fire on a bare number. */
export const strongRate = 1e-4;
/** Up to this share, context anywhere in the clause or the field name is enough; beyond it, only a direct label. */
export const mediumRate = 1e-2;

/** The evidence of a check from its random pass rate. */
export function evidenceOf(passRate: number): Evidence {
  if (passRate <= strongRate) return 2;
  return passRate <= mediumRate ? 1 : 0;
}

/** One layout and the ids written that way, each with its check and the share of random digit strings that pass it. */
interface IdLayout {
  layout: string;
  ids: Array<[name: string, valid: (compact: string) => boolean, passRate: number]>;
}

/** A dash between groups, spaced or not ("430521 - 2655105"). */
const dash = String.raw`\s?-\s?`;
/** `count` digits, grouped any way by single spaces or dots, or by dashes and slashes spaced or not ("200392 - 94499", "940717/8660"). */
const groupSeparator = String.raw`(?:\s?[-/]\s?|[ .])?`;
const anyGrouping = (count: number) => String.raw`\d(?:${groupSeparator}\d){${count - 1}}`;

const cprChecksum = (id: string) => danishCprValid(id).checksum;
const ahv = (id: string) => id.startsWith("756") && ean13Valid(id);

/**
 * The table. Layouts are written over the normalised text (ASCII digits, "-" for every dash); a compact layout
 * (digits only) is shared by every id of that length, so one candidate is tried against all their checks.
 */
export const idLayouts: readonly IdLayout[] = [
  { layout: String.raw`\d{6}\s?(?:18|19|20)\d{6}\s?\d{3}[\dXx]`, ids: [["Chinese resident id (ISO 7064 mod 11-2)", chineseResidentIdValid, 9e-5]] },
  // The key may be read out after its name ("… 437 666 clé 71").
  { layout: String.raw`[12]\s?\d{2}\s?\d{2}\s?\d{2}\s?\d{3}\s?\d{3}(?:\s?|\s(?:cl[ée]f?|key)\s?:?\s)\d{2}`, ids: [["French NIR (mod 97)", frenchNirValid, 2e-3]] },
  { layout: String.raw`\d{6}${dash}[1-8]\d{6}`, ids: [["Korean RRN", koreanRrnValid, 3e-3]] },
  { layout: String.raw`756\.\d{4}\.\d{4}\.\d{2}`, ids: [["Swiss AHV (EAN-13)", ahv, 1e-4]] },
  // Its date written with dots or slashes, the serial after a dash or a space ("75.07.16-855.95", "75/07/16 855/95").
  { layout: String.raw`\d{2}([.\/])\d{2}\1\d{2}(?:${dash}|\s)\d{3}[.\/]\d{2}`, ids: [["Belgian national number (mod 97)", belgianNationalNumberValid, 9e-4]] },
  // One random number in ten passes Verhoeff, and 4-4-4 is a common grouping of codes: an Aadhaar needs its label.
  { layout: String.raw`[2-9]\d{3}\s\d{4}\s\d{4}`, ids: [["Aadhaar (Verhoeff)", aadhaarValid, 8e-2]] },
  { layout: String.raw`(?:19|20)\d{6}${dash}\d{4}`, ids: [["Swedish personnummer (date, Luhn)", swedishPersonnummerValid, 2e-4]] },
  {
    layout: String.raw`\d{6}(?:\s?[-+A-FU-Y]\s?)\d{3}[0-9A-Y]`,
    ids: [
      ["Finnish henkilötunnus (mod 31)", finnishHetuValid, 1.2e-3],
      // A timestamp "YYMMDD-HHMM" has this layout and a date: Luhn alone (one in ten) or mod 11 is not enough.
      ["Swedish personnummer (date, Luhn)", swedishPersonnummerValid, 7e-3],
      ["Danish CPR (mod 11)", cprChecksum, 3.3e-3],
    ],
  },
  // A form with no field for the century sign drops it ("021192526V"); only a letter check character tells it from a ten-digit number.
  { layout: String.raw`\d{9}[A-FHJ-NPR-Y]`, ids: [["Finnish henkilötunnus without its century sign (mod 31)", (id) => finnishHetuValid(`${id.slice(0, 6)}-${id.slice(6)}`), 1.2e-3]] },
  // Of random eleven-digit strings, one in 25 has a person's type prefix, and one in 11 of those its check digit.
  { layout: String.raw`(?:20|23|24|27)${dash}\d{8}${dash}\d`, ids: [["Argentine CUIL (mod 11)", argentineCuilValid, 3.6e-3]] },
  { layout: String.raw`\d{6}\s\d{5}`, ids: [["Norwegian fødselsnummer (two mod 11)", norwegianBirthNumberValid, 2.4e-3], ["Greek AMKA (date, Luhn)", greekAmkaValid, 4e-3]] },
  { layout: String.raw`\d{4}\.\d{2}\.\d{3}`, ids: [["Dutch BSN (elfproef)", dutchBsnValid, 9e-2]] },
  { layout: String.raw`9\d{2}[-\s]\d{2}[-\s]\d{4}`, ids: [["US ITIN", usItinValid, 4.5e-2]] },
  // Digits in any grouping ("5 551213 02 4663", "756 6879 9496 71"): the length decides which checks apply; a
  // regrouped number counts one step weaker than one written compact (see `nationalIdCandidates`).
  { layout: anyGrouping(18), ids: [["Chinese resident id (ISO 7064 mod 11-2)", chineseResidentIdValid, 9e-5]] },
  { layout: anyGrouping(13), ids: [["Swiss AHV (EAN-13)", ahv, 1e-4], ["Romanian CNP", romanianCnpValid, 3.4e-3], ["Korean RRN", koreanRrnValid, 3e-3], ["South African id (date, Luhn)", southAfricanIdValid, 1.5e-4]] },
  { layout: anyGrouping(12), ids: [["Aadhaar (Verhoeff)", aadhaarValid, 8e-2], ["Swedish personnummer (date, Luhn)", swedishPersonnummerValid, 7e-3]] },
  {
    layout: anyGrouping(11),
    ids: [
      ["Norwegian fødselsnummer (two mod 11)", norwegianBirthNumberValid, 2.4e-3],
      ["Greek AMKA (date, Luhn)", greekAmkaValid, 4e-3],
      ["Belgian national number (mod 97)", belgianNationalNumberValid, 9e-4],
      ["Polish PESEL", polishPeselValid, 1.9e-2],
      ["Brazilian CPF (two mod 11)", brazilianCpfValid, 1e-2],
      ["German tax id (ISO 7064 mod 11,10)", germanTaxIdValid, 9e-2],
      ["Turkish TCKN (two check digits)", turkishIdValid, 9e-3],
    ],
  },
  {
    layout: anyGrouping(10),
    ids: [
      ["Swedish personnummer (date, Luhn)", swedishPersonnummerValid, 7e-3],
      ["Danish CPR", cprChecksum, 3.3e-3],
      // Their own layouts ("940801/3428", "738 097 9841") are groupings this one reads; their checks need a label either way.
      ["Czech birth number (date, mod 11)", czechBirthNumberValid, 2e-2],
      ["UK NHS number (mod 11)", nhsNumberValid, 9e-2],
    ],
  },
  { layout: anyGrouping(9), ids: [["Dutch BSN (elfproef)", dutchBsnValid, 9e-2], ["Portuguese NIF (mod 11)", portugueseNifValid, 7e-2], ["US ITIN", usItinValid, 4.5e-2]] },
];

const anyGroupingLayouts = new Set(idLayouts.flatMap(({ layout }, index) => (layout.startsWith(String.raw`\d(?:${groupSeparator}\d)`) ? [index] : [])));

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
  /**
   * Written in its id's own layout (separators or a check letter where the id puts them), not a run of digits
   * regrouped at will or none: with strong evidence, no label before it makes it something else (pii-detectors.ts).
   */
  ownLayout: boolean;
}

/**
 * National id candidates of the normalised text, best evidence first (a later overlapping one is meant to be dropped).
 *
 * @example
 * nationalIdCandidates("henkilötunnus 131052-308T") // [{ start: 14, end: 25, evidence: 1, name: "Finnish henkilötunnus (mod 31)", ownLayout: true }]
 */
export function nationalIdCandidates(text: string): NationalIdCandidate[] {
  // Every layout has nine digits or more, at most three characters apart ("200288 - 2797"): most text has none.
  if (!/\d(?:[^\d\n]{0,3}\d){8}/.test(text)) return [];
  const found: NationalIdCandidate[] = [];
  idLayouts.forEach(({ ids }, index) => {
    const scanner = scanners[index] as RegExp;
    for (const match of text.matchAll(scanner)) {
      // The Finnish century sign is part of the id (and of its check): only spaces and dots go, and a dash elsewhere.
      const written = match[0].replace(/[\s.:]|cl[ée]f?|key/giu, "").toUpperCase();
      const compact = written.replace(/[-/]/g, "");
      let best: { evidence: Evidence; name: string } = { evidence: 0, name: ids[0]?.[0] ?? "" };
      // Digits regrouped at will (not compact, not the id's own layout) look like a phone or a code as often as an id.
      const regrouped = anyGroupingLayouts.has(index) && /\D/.test(match[0]);
      for (const [name, valid, passRate] of ids) {
        // Ten digits in no id's own layout are a Unix timestamp or a phone as often as an id: only a label says which.
        const evidence = anyGroupingLayouts.has(index) && compact.length === 10 ? 0 : evidenceOf(passRate);
        const worth = regrouped ? Math.max(0, evidence - 1) : evidence;
        if (worth > best.evidence && valid(/^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$/.test(written) && name.startsWith("Finnish") ? written : compact)) best = { evidence: worth as Evidence, name };
      }
      found.push({ start: match.index, end: match.index + match[0].length, ...best, ownLayout: !anyGroupingLayouts.has(index) && /\D/.test(match[0]) });
    }
  });
  return found.sort((left, right) => right.evidence - left.evidence || right.end - right.start - (left.end - left.start));
}

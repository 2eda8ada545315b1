/**
 * National ids of Singapore, Hong Kong, Taiwan, Thailand, Uruguay, Iceland and Austria, by layout and check, in the
 * conventions of pii-national-ids.ts: the share of random strings of a layout that pass its check (measured in
 * test/src/verification/pii-regional-ids.test.ts) decides what the form alone is worth. None of these is strong: one
 * check character (mod 10 or 11) passes one random string in ten or so, a date and a check one in a few hundred. A
 * lettered id (NRIC, HKID, Taiwan) is read as a Spanish DNI is: bare or under an id's label it is one, under any
 * other label it is not (`weakIdAccepts`). The digit ones go to the context scorer with their evidence.
 */
import {
  austrianSocialInsuranceValid,
  hongKongIdValid,
  kennitalaValid,
  singaporeNricValid,
  taiwanIdValid,
  thaiCitizenIdValid,
  uruguayCedulaValid,
} from "./pii-regional-id-checksums.ts";
import { clauseBefore, tokens } from "./pii-clause.ts";
import { labelBefore } from "./pii-context.ts";
import { labelAllows } from "./pii-digits.ts";
import { evidenceOf, type NationalIdCandidate } from "./pii-national-ids.ts";
import { weakIdAccepts } from "./pii-score.ts";

/** One layout of digits (with its separators), the id written that way, its check and the share of random strings that pass it. */
interface DigitIdLayout {
  layout: string;
  name: string;
  valid: (compact: string) => boolean;
  passRate: number;
}

/**
 * Written over the normalised text (ASCII digits, "-" for every dash). A layout with separators where the id puts
 * them is its own layout; the compact one is tried too, and every candidate still needs its check.
 */
export const regionalIdLayouts: readonly DigitIdLayout[] = [
  // 1-2345-67890-12-3: the category digit, the province and district, the serial, the check.
  { layout: String.raw`[1-8](?:[ -]\d{4}[ -]\d{5}[ -]\d{2}[ -]|\d{12})\d`, name: "Thai citizen id (mod 11)", valid: thaiCitizenIdValid, passRate: 8e-2 },
  // 4.957.247-0, 957.247-0 (an older, shorter number), 49572470.
  { layout: String.raw`(?:\d\.?)?\d{3}\.?\d{3}-?\d`, name: "Uruguayan cédula (mod 10)", valid: uruguayCedulaValid, passRate: 1e-1 },
  { layout: String.raw`\d{6}-?\d{4}`, name: "Icelandic kennitala (date, mod 11)", valid: kennitalaValid, passRate: 2e-3 },
  // 1237 010180: serial and check, then the birth date; a form may put a slash between them ("2021 / 070365").
  { layout: String.raw`[1-9]\d{3}(?:\s?\/\s?|\s)?\d{6}`, name: "Austrian social insurance number (date, mod 11)", valid: austrianSocialInsuranceValid, passRate: 3e-3 },
];

/** Letters of scripts written with spaces: touching one, a run of digits is part of a word. */
const wordLetter = String.raw`\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}`;
const digitScanners = regionalIdLayouts.map(({ layout }) => new RegExp(String.raw`(?<![${wordLetter}\d+.,]|\d[ .\/_-])(?:${layout})(?![${wordLetter}\d]|[ .,\/_-]\d)`, "gu"));

/**
 * Candidates of the digit ids in normalised text, each with the evidence its check's pass rate gives it; only
 * those whose check holds.
 *
 * @example
 * regionalIdCandidates("Kennitala: 120174-3399") // [{ start: 11, end: 22, evidence: 1, name: "Icelandic kennitala (date, mod 11)", ownLayout: true }]
 */
export function regionalIdCandidates(text: string): NationalIdCandidate[] {
  if (!/\d(?:[^\d\n]{0,3}\d){6}/.test(text)) return [];
  const found: NationalIdCandidate[] = [];
  regionalIdLayouts.forEach(({ name, valid, passRate }, index) => {
    for (const match of text.matchAll(digitScanners[index] as RegExp)) {
      if (!valid(match[0].replace(/\D/g, ""))) continue;
      found.push({ start: match.index, end: match.index + match[0].length, evidence: evidenceOf(passRate), name, ownLayout: /\D/.test(match[0]) });
    }
  });
  return found;
}

/**
 * NRIC/FIN "S1234567D" (or read out one character at a time, "S 1 2 3 4 5 6 7 D"); HKID "A123456(3)" (the check in
 * brackets, the brackets said aloud, "A123456 括號 3", or none); Taiwan "A123456789". Upper case only: a
 * word of prose in lower case with digits in it is a code, not one of these.
 */
const letteredPattern = /(?<![\p{L}\d])(?:[STFGM] ?(?:\d{7}|(?:\d ){6}\d) ?[A-Z]|[A-Z]{1,2}\d{6} ?(?:\( ?[\dA] ?\)|(?:括號|括号|brackets?) ?[\dA]|[\dA])|[A-Z][1289]\d{8})(?![\p{L}\d])/gu;

/** One lettered id found, by span of the normalised text. */
export interface RegionalIdSpan {
  kind: "national_id";
  start: number;
  end: number;
}

/**
 * Singapore, Hong Kong and Taiwan ids in normalised text whose check holds and whose label (if any) names an id.
 *
 * @example
 * regionalLetteredIdSpans("NRIC/FIN: S1234567D") // [{ kind: "national_id", start: 10, end: 19 }]
 */
export function regionalLetteredIdSpans(text: string): RegionalIdSpan[] {
  const spans: RegionalIdSpan[] = [];
  for (const match of text.matchAll(letteredPattern)) {
    const compact = match[0].replace(/[\s()]|括號|括号|brackets?/g, "");
    if (!singaporeNricValid(compact) && !hongKongIdValid(compact) && !taiwanIdValid(compact)) continue;
    // A check letter and a series letter (NRIC), or the check in its brackets (HKID), is the id's own form; ten
    // characters of a letter and digits, or a bare letter and seven digits, are as often a code: an id's cue says which.
    const ownForm = /^[STFGM]\d{7}[A-Z]$/.test(compact) ? singaporeNricValid(compact) : /[(括]|bracket/.test(match[0]);
    if (!ownForm && !idCueBefore(text, match.index)) continue;
    if (labelAllows(labelBefore(text, match.index)) && weakIdAccepts(text, match.index)) spans.push({ kind: "national_id", start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

/** Whether an id's label stands right before `start` or a cue for an id in its clause ("我的身分證字號 …"). */
function idCueBefore(text: string, start: number): boolean {
  if (labelBefore(text, start) === "national_id") return true;
  const clause = clauseBefore(text, start);
  return tokens(clause.text, clause.from).some((word) => word.role.role === "cue" && word.role.kinds.includes("national_id"));
}

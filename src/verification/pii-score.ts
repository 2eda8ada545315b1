/**
 * The context scorer: the pattern layer finds a span shaped like a phone, a card, an id, an IPv4 address or a
 * spoken email; this decides from the span's form and its surroundings whether it is personal data. It exists
 * because shape alone does not generalise: every new set of look-alikes brought numbers with a phone's or a
 * card's shape under labels no list had ("Voucher 5408 …", "Kassenbon 0176 …", "운송장번호 010-…"). Instead of
 * listing those labels, a number needs positive evidence in proportion to how weak its form is, and any label that is not a cue for its kind counts against it.
 *
 * score = form + spelled + cues − anti-cues; a candidate is kept when score ≥ `threshold`. Weights in `weights`. How the
 * label before a value is read (cue, anti-cue, unknown word) is pii-label-phrase.ts.
 */
import { cardIssuerValid, luhnValid } from "./pii-checksums.ts";
import { labelBefore } from "./pii-context.ts";
import { blankAddresses, clauseAfter, clauseBefore, tokens, wordPattern } from "./pii-clause.ts";
import { units, wordRole, type CueKind } from "./pii-cues.ts";
import { fieldRole, isCue, labelWords, phraseBefore } from "./pii-label-phrase.ts";
import { spokenAtIn, weakSpokenAts } from "./pii-number-words.ts";

/** The kinds the scorer judges. IBANs (mod 97 and a country length), lettered ids and secrets are not scored. */
export type ScoredKind = "phone" | "payment_card" | "national_id" | "ip_address" | "email";

/** A candidate span of the normalised text. */
export interface ScoredCandidate {
  kind: ScoredKind;
  start: number;
  end: number;
  /** Written as number words: nobody spells out an order number. */
  spelled: boolean;
  /** What the form is worth when a recogniser has weighed it already (a national id's check digits, pii-national-ids.ts). */
  evidence?: number;
}

/**
 * Each feature's weight and why:
 * - `formStrong` (2): the form alone says it (a "+" dialling prefix, a checksummed id, brackets around a spoken
 *   "at", a non-English "at" word such as "arroba", an IPv4 with two octets of two digits or more);
 *   `formMedium` (1): a national ("0…", "00…", "(…)") or North-American phone layout, a Luhn-valid card with an
 *   issuer prefix, a dashed SSN, a version-like IPv4, a handle with "." "_" or digits, an upper-case "AT".
 * - `spelled` (2): digits written as words are dictated, not copied from a label.
 * - `phraseCue` (3): the label right before it is a cue for its kind ("Handy:", "my number is", "tarjeta");
 *   `tailCue` (3): the word right after it is one ("4111 … Visa", "0176 … mobil");
 *   `clauseCue` (2): a cue earlier in the clause ("my cell, in case the app fails: 415 …").
 * - `phraseAnti` (−5): the label names an identifier, a code, a document, a reading or an amount ("Gift voucher",
 *   "loyalty number", "Heart rate"); it outweighs a cue in the same label ("gift card"). `tailAnti` (−3): the
 *   word after it is one. An anti-cue earlier in the clause counts for nothing: a label of its own or a
 *   preposition stands between it and the number ("bill it to 4111 …").
 * - `unknownLabel` (−1): the label is a word that is no cue for the kind (`Abonnement n°`, `Patient MRN`): a
 *   named number is usually an identifier. `unit` (−4): a unit, currency or counted noun follows ("… bpm", "… EUR").
 * - `atClauseStart` (1, emails): a spoken address opening its clause (or right after a colon) is dictated.
 */
export const weights = { formStrong: 2, formMedium: 1, spelled: 2, phraseCue: 3, tailCue: 3, clauseCue: 2, phraseAnti: -5, tailAnti: -3, unknownLabel: -1, unit: -4, atClauseStart: 1 } as const;

/** A candidate is personal data at this score or above. */
export const threshold = 1;

/** The score and the features that made it (for tests and for explaining a decision). */
export interface ContextScore {
  score: number;
  features: Record<string, number>;
}

const cueKind: Record<ScoredKind, CueKind> = { phone: "phone", payment_card: "card", national_id: "national_id", ip_address: "ip", email: "email" };
const labelKind: Record<ScoredKind, string> = { phone: "phone", payment_card: "card", national_id: "national_id", ip_address: "ip", email: "email" };
/** Cue kinds of personal data that a card-valid number can be labelled as by mistake or on purpose. */
const otherPersonalKinds: readonly CueKind[] = ["national_id", "phone"];

/** How much the span's own form says it is personal data. */
function form(candidate: ScoredCandidate, span: string): number {
  const { formStrong, formMedium } = weights;
  if (candidate.evidence !== undefined) return candidate.evidence;
  const digits = span.replace(/\D/g, "");
  switch (candidate.kind) {
    case "phone":
      if (span.startsWith("+")) return formStrong;
      return /^(?:\(\d|00[1-9])/.test(span) || /^0[1-9]/.test(span) || /^(?:1[ .-]?)?\(?[2-9]\d{2}\)?[ .-]?[2-9]\d{2}[ .-]\d{4}$/.test(span) ? formMedium : 0;
    case "payment_card":
      return luhnValid(digits) && cardIssuerValid(digits) ? formMedium : 0;
    case "national_id":
      if (/^\d{3}\.\d{3}\.\d{3}-\d{2}$/.test(span) || digits.length === 15 || digits.length === 11) return formStrong;
      return /^\d{3}[ .\/-]\d{2}[ .\/-]\d{4}$/.test(span) ? formMedium : 0;
    case "ip_address":
      // Version numbers have small parts ("4.19.0.2"); an address has at least two of two digits or more.
      return /\[|\(|dot/i.test(span) || (span.match(/\d{2,}/g) ?? []).length >= 2 ? formStrong : formMedium;
    case "email": {
      if (/[\p{Ps}\p{Pi}<]\s*(?:@|\p{L}+)\s*[\p{Pe}\p{Pf}>]/u.test(span)) return formStrong;
      const words = span.split(/[\s-]+/);
      const { index: at, length } = spokenAtIn(words);
      const connector = words.slice(at, at + length).join(" ");
      let value = weakSpokenAts.has(connector.toLowerCase()) ? 0 : formStrong;
      if (connector === "AT") value += formMedium;
      if (at > 1 || /[._\d]/.test(words[0] ?? "")) value += formMedium;
      return value;
    }
  }
}

/**
 * Scores one candidate of the normalised text.
 *
 * @example
 * contextScore("Wartenummer 0176 5544 3322", { kind: "phone", start: 12, end: 26, spelled: false }).score // 0: kept out
 * contextScore("Handy: 0176 5544 3322", { kind: "phone", start: 7, end: 21, spelled: false }).score // 4: personal data
 */
export function contextScore(text: string, candidate: ScoredCandidate): ContextScore {
  const kind = cueKind[candidate.kind];
  const features: ContextScore["features"] = {};
  const span = text.slice(candidate.start, candidate.end);
  const formValue = form(candidate, span);
  if (formValue > 0) features.form = formValue;
  if (candidate.spelled) features.spelled = weights.spelled;
  const clause = clauseBefore(text, candidate.start);
  const before = tokens(clause.text, clause.from);
  // The label lists of pii-context.ts count as cues too, unless the label names something else ("gift card").
  // A reply's value is labelled by the question it answers ("NHS number? caller: …", pii-clause.ts).
  const words = labelWords(text, candidate.start, before);
  const read = phraseBefore(text, words, kind);
  const phrase = read !== "anti" && read !== "cue" && labelBefore(text, candidate.start) === labelKind[candidate.kind] ? "cue" : read;
  if (phrase === "cue") features.phraseCue = weights.phraseCue;
  // "SSN 4539148803436467", "Tel. 4539…": a label naming personal data of another kind over a number that passes a
  // card's checks. No SSN, id or phone has sixteen Luhn-valid digits in an issuer's range; whichever it is, it is
  // someone's, and a label that says so cannot excuse it as an order label does. It counts as a direct label.
  if (candidate.kind === "payment_card" && phrase !== "cue" && phrase !== "anti" && formValue > 0 && otherPersonalKinds.some((other) => phraseBefore(text, words, other) === "cue")) features.otherPersonalCue = weights.clauseCue;
  if (phrase === "anti") features.phraseAnti = weights.phraseAnti;
  // In a table row the column's header is the label; the cells before it on the line label nothing.
  const field = phrase === "cue" || phrase === "anti" ? undefined : fieldRole(text, candidate.start, kind);
  if (field === "cue") features.fieldCue = weights.phraseCue;
  if (field === "anti") features.fieldAnti = weights.phraseAnti;
  // A named number is usually an identifier; an address whose handle has a handle's form is not named that way.
  if (field === undefined && (phrase === "unknown" || phrase === "other") && features.otherPersonalCue === undefined && !(candidate.kind === "email" && formValue > 0)) features.unknownLabel = weights.unknownLabel;
  // An earlier cue in the clause still says what the number is ("my cell, in case the app fails: 415 …"). An
  // earlier anti-cue does not: a label of its own or a preposition stands between ("bill it to 4111 …").
  if (phrase !== "cue" && phrase !== "anti" && before.some((word) => isCue(word.role, kind))) features.clauseCue = weights.clauseCue;
  // An address opening its clause, or right after a colon ("hit me up: kev_99 at …"), is dictated.
  const opening = before.filter((word) => word.start >= clause.from + clause.text.lastIndexOf(":") + 1);
  if (candidate.kind === "email" && opening.every((word) => word.role.role !== "content" && word.role.role !== "anti")) features.atClauseStart = weights.atClauseStart;
  // Only the first word after it counts: a stream releases a number once the word after it is complete, so a
  // verdict that waited for more (the "my cell" of "… – that's my cell") would differ between stream and whole text.
  const afterText = clauseAfter(text, candidate.end);
  const first = wordPattern.exec(blankAddresses(afterText));
  wordPattern.lastIndex = 0;
  const next = first === null ? undefined : wordRole(first[0].normalize("NFC").toLowerCase());
  if (next !== undefined && isCue(next, kind)) features.tailCue = weights.tailCue;
  // The word after may say what the value is for ("TC no 509 … fatura için": for the invoice), while a cue right
  // before names the value itself: after a direct label, a following anti-cue counts for nothing.
  else if (next?.role === "anti" && features.phraseCue === undefined) features.tailAnti = weights.tailAnti;
  // A unit is followed by no further digits ("12 150485 M 007" is a code with a letter in it, not metres).
  const unit = /^\s*([\p{L}\p{Sc}%°][\p{L}°]*)(?!\s*\d)/u.exec(afterText)?.[1]?.toLowerCase();
  if (candidate.kind !== "email" && unit !== undefined && units.test(unit)) features.unit = weights.unit;
  let score = Object.values(features).reduce((sum, value) => sum + value, 0);
  // Eight digits are a phone in Denmark or Norway, and a date, a count or a code anywhere; a run with no phone
  // layout at all is a phone only when dictated or labelled as one. Only a direct label (or the word after) says so.
  const direct = features.phraseCue !== undefined || features.tailCue !== undefined || features.fieldCue !== undefined || features.otherPersonalCue !== undefined;
  const formless = formValue === 0 && !candidate.spelled;
  if (candidate.kind === "phone" && !direct && (formless || span.replace(/\D/g, "").length < 9)) score = Math.min(score, threshold - 1);
  // An id layout whose check fails (or that has none) is an id only when a label says so. One whose check random
  // digits pass more often than one in 10,000 (pii-national-ids.ts) needs context at least: a cue in its clause.
  if (candidate.evidence === 0 && !direct) score = Math.min(score, threshold - 1);
  if (candidate.kind === "national_id" && candidate.evidence !== 2 && !direct && features.clauseCue === undefined) score = Math.min(score, threshold - 1);
  // A compact run passing Luhn with an issuer's prefix is one random number in thirty: with no cue at all it is
  // an order, build or tracking id as often as a card. Grouped as cards are printed, its layout says card; read
  // aloud, sixteen digits have no layout to show, and an id said aloud has its label (an anti-cue) before it.
  if (candidate.kind === "payment_card" && !direct && features.clauseCue === undefined && !/\D/.test(span) && !candidate.spelled) score = Math.min(score, threshold - 1);
  return { score, features };
}

/** Whether the scorer keeps a candidate as personal data. */
export function contextAccepts(text: string, candidate: ScoredCandidate): boolean {
  return contextScore(text, candidate).score >= threshold;
}

/**
 * Whether a national id candidate (pii-national-ids.ts) is one: never when its label names a phone or a card, unless
 * the label names an id too and the check digits hold (the digit-run reading decides the rest), otherwise by its score.
 *
 * @example
 * nationalIdAccepts("henkilötunnus 131052-308T", { kind: "national_id", start: 14, end: 25, spelled: false, evidence: 2 }) // true
 */
export function nationalIdAccepts(text: string, candidate: ScoredCandidate): boolean {
  const before = labelWords(text, candidate.start);
  // "Nambari yangu ni 0712 …": a phone cue and a short id cue ("ni") side by side; only a checksum says id then.
  const other = phraseBefore(text, before, "phone") === "cue" || phraseBefore(text, before, "card") === "cue";
  if (other && (candidate.evidence === 0 || phraseBefore(text, before, "national_id") !== "cue")) return false;
  return contextAccepts(text, candidate);
}

/**
 * Whether a lettered id whose check is weak (a Spanish DNI's letter: one random number in 23 gets it right) is one:
 * not when the label before it names something else, a lot, a batch, a part ("Número de lote 75315315K"), or is a
 * word that is no cue for an id. Bare, or under an id's label, it is.
 *
 * @example
 * weakIdAccepts("Número de lote 75315315K", 15) // false
 */
export function weakIdAccepts(text: string, start: number): boolean {
  const read = phraseBefore(text, labelWords(text, start), "national_id");
  if (read === "cue" || labelBefore(text, start) === "national_id") return true;
  // In a table the column's header names the value; the cells before it on the row (a name) label nothing.
  const field = fieldRole(text, start, "national_id");
  if (field === "cue" && read !== "anti") return true;
  return read !== "anti" && read !== "unknown" && read !== "other" && field !== "anti";
}

/**
 * Whether the clause before a card-shaped run names a card and its own label names nothing else: "Amex from the call
 * transcript: 3 4 8 9 …". A run read one digit at a time needs that (pii-detectors.ts); a look-alike sequence ("Gleis
 * 0 1 2 …") has no card word before it, and "gift card 5 1 …" has an anti-cue as its label.
 *
 * @example
 * cardNamedInClause("Amex from the transcript: 3 4 8 9", 26) // true
 */
export function cardNamedInClause(text: string, start: number): boolean {
  const clause = clauseBefore(text, start);
  const before = tokens(clause.text, clause.from);
  return phraseBefore(text, labelWords(text, start, before), "card") !== "anti" && before.some((word) => isCue(word.role, "card"));
}

/**
 * Nine digits read as a phone but labelled as an id ("my social is six one two, four eight, …") are the id: the
 * label decides between two kinds the digits allow.
 *
 * @example
 * kindInContext("my social is 612 48 3971", { kind: "phone", start: 13, end: 25, spelled: false }) // "national_id"
 */
export function kindInContext(text: string, candidate: ScoredCandidate): ScoredKind {
  if (candidate.kind !== "phone" || text.slice(candidate.start, candidate.end).replace(/\D/g, "").length !== 9) return candidate.kind;
  const before = labelWords(text, candidate.start);
  return phraseBefore(text, before, "national_id") === "cue" && phraseBefore(text, before, "phone") !== "cue" ? "national_id" : candidate.kind;
}

/**
 * The context scorer: the pattern layer finds a span shaped like a phone, a card, an id, an IPv4 address or a
 * spoken email; this decides from the span's form and its surroundings whether it is personal data. It exists
 * because shape alone does not generalise: every new set of look-alikes brought numbers with a phone's or a
 * card's shape under labels no list had ("Voucher 5408 …", "Kassenbon 0176 …", "운송장번호 010-…"). Instead of
 * listing those labels, a number needs positive evidence in proportion to how weak its form is, and any label that is not a cue for its kind counts against it.
 *
 * score = form + spelled + cues − anti-cues; a candidate is kept when score ≥ `threshold`. Weights in `weights`.
 */
import { cardIssuerValid, luhnValid } from "./pii-checksums.ts";
import { fieldName } from "./pii-columns.ts";
import { labelBefore } from "./pii-context.ts";
import { blankAddresses, clauseAfter, clauseBefore, questionBefore, tokens, wordPattern, type Token } from "./pii-clause.ts";
import { matchesOf } from "./pii-matches.ts";
import { headCue, numberWord, objectPronouns, ownNumber, possessives, prepositions, purposes, units, wordRole, type CueKind, type WordRole } from "./pii-cues.ts";
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

const isCue = (role: WordRole, kind: CueKind) => role.role === "cue" && role.kinds.includes(kind);

/**
 * The label directly before the candidate: markers, glue words and prepositions next to it are skipped, then up
 * to three adjacent words (only spaces between them) are read. A bare "number" after a possessive is a phone cue.
 */
function phraseBefore(text: string, words: Token[], kind: CueKind): "cue" | "anti" | "unknown" | "other" | "none" | "beyond" {
  let index = words.length - 1;
  let preposition = false;
  while (index >= 0 && (words[index]?.role.role === "marker" || words[index]?.role.role === "glue" || prepositions.has(words[index]?.word ?? ""))) {
    const word = words[index] as Token;
    const owner = words[index - 1]?.word ?? "";
    if (word.role.role === "marker" && (possessives.has(owner) || /['’]s$/.test(owner))) {
      // "my ID (number)" names the owner's identity number; "my number" alone a phone.
      if (/^ids?$/.test(word.word)) return kind === "national_id" ? "cue" : "other";
      if (kind === "phone") return "cue";
    }
    preposition ||= prepositions.has(word.word);
    index -= 1;
  }
  const phrase: Token[] = [];
  for (; index >= 0 && phrase.length < 3; index -= 1) {
    const word = words[index] as Token;
    const next = phrase.at(-1);
    // A label is words side by side: anything but spaces between two words ends it.
    if (word.role.role === "glue" || (next !== undefined && !/^\s+$/.test(text.slice(word.end, next.start)))) break;
    // A verb before "me" ("page me at", "text me on") asks to be contacted: it is no label.
    // Only a word with no label role of its own is such a verb ("OIB mi je …" is an id's label and a pronoun).
    if (phrase.length === 0 && word.role.role === "content" && objectPronouns.has(words[index + 1]?.word ?? "") && (kind === "phone" || kind === "email")) return "cue";
    phrase.push(word);
  }
  if (phrase.length === 0) return "none";
  // "address for invoices:", "Aadhaar for the rental KYC:": the words after "for" (an article may follow it) name what the value is for, a cue in the two words before it what it is.
  const purpose = words.slice(0, index + 1).findLastIndex((word) => word.role.role !== "glue" || purposes.has(word.word));
  if (purposes.has(words[purpose]?.word ?? "") && words.slice(Math.max(0, purpose - 2), purpose).some((word) => isCue(word.role, kind))) return "cue";
  // A party word right before a colon names who speaks or whose field it is ("[14:02] customer: …", "Kunde: …"),
  // not what the value is: no anti-cue, only a name no cue ("customer no: …" still names an identifier). A dialled
  // "+44 …" or a spoken address still passes; a bare national layout ("Customer: 0176 …", a customer number as
  // often as a phone) does not.
  if (phrase.length === 1 && phrase[0]?.role.role === "anti" && phrase[0].role.party === true && /^\s*:/.test(text.slice(phrase[0].end))) return "unknown";
  // Words written apart that are one cue together ("Whats app", "e mail", "Tele fon").
  const joined = phrase.length > 1 ? wordRole([...phrase].reverse().map((word) => word.word).join("")) : undefined;
  // "My number" is a phone's unless an id's name stands right before the number word ("kimlik numaram").
  const idNamed = kind === "phone" && idNamesNumber(words);
  const ownPhone = kind === "phone" && !idNamed && ownNumberBefore(words);
  const cueWord = (word: Token) => isCue(word.role, kind) && !(idNamed && (ownNumber.test(word.word) || numberWord.test(word.word)));
  // The label's last word names what the value is ("예약 확인 메일은", "ご予約の電話番号"): for a phone or an address, the
  // words before it say what it is for (pii-cues.ts `headCue`).
  const head = !idNamed && phrase.some((word) => word.role.role === "anti") && headCue((phrase[0] as Token).word, kind);
  const cue = head || phrase.some(cueWord) || (joined !== undefined && isCue(joined, kind)) || ownPhone;
  // Past a preposition the words name something else ("requests from …"): only a cue still counts ("call me at").
  // A party word yields to a cue beside it ("Customer phone"); any other anti-cue wins ("Gift card").
  const anti = !head && phrase.some((word) => word.role.role === "anti" && !(cue && word.role.party === true));
  if (preposition) return cue && !anti ? "cue" : "beyond";
  if (anti) return "anti";
  if (cue) return "cue";
  return phrase.some((word) => word.role.role === "cue") ? "other" : "unknown";
}

/**
 * "My number (is)" in any word order the languages use: a number word and a possessive among the five words
 * before the number ("Numărul meu este", "Nomor saya", "제 번호는", "मेरा नंबर"), or one word that says both.
 */
function ownNumberBefore(words: Token[]): boolean {
  const near = words.slice(-5);
  if (near.some((word) => ownNumber.test(word.word))) return true;
  return near.some((word) => numberWord.test(word.word)) && near.some((word) => possessives.has(word.word));
}

/** An id's name right before a number word among the last five words: "kimlik numaram", "TC kimlik no". */
function idNamesNumber(words: Token[]): boolean {
  const near = words.slice(-5);
  return near.some((word, index) => index > 0 && (ownNumber.test(word.word) || numberWord.test(word.word)) && isCue((near[index - 1] as Token).role, "national_id"));
}

/** What the name of the field a candidate stands in says of it: a URL query's key, or its column's header (pii-columns.ts). */
function fieldRole(text: string, start: number, kind: CueKind): "cue" | "anti" | "other" | undefined {
  const header = fieldName(text, start);
  if (header === undefined) return undefined;
  const roles = matchesOf(wordPattern, header.replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")).map((match) => wordRole(match[0].normalize("NFC").toLowerCase()));
  if (roles.some((role) => role.role === "anti")) return "anti";
  return roles.some((role) => isCue(role, kind)) ? "cue" : "other";
}

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
  const read = phraseBefore(text, labelWords(text, candidate.start, before), kind);
  const phrase = read !== "anti" && read !== "cue" && labelBefore(text, candidate.start) === labelKind[candidate.kind] ? "cue" : read;
  if (phrase === "cue") features.phraseCue = weights.phraseCue;
  if (phrase === "anti") features.phraseAnti = weights.phraseAnti;
  // In a table row the column's header is the label; the cells before it on the line label nothing.
  const field = phrase === "cue" || phrase === "anti" ? undefined : fieldRole(text, candidate.start, kind);
  if (field === "cue") features.fieldCue = weights.phraseCue;
  if (field === "anti") features.fieldAnti = weights.phraseAnti;
  // A named number is usually an identifier; an address whose handle has a handle's form is not named that way.
  if (field === undefined && (phrase === "unknown" || phrase === "other") && !(candidate.kind === "email" && formValue > 0)) features.unknownLabel = weights.unknownLabel;
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
  const direct = features.phraseCue !== undefined || features.tailCue !== undefined || features.fieldCue !== undefined;
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

/** The words that label a value: the question its reply answers (pii-clause.ts), or else its clause's. */
function labelWords(text: string, start: number, clauseWords?: Token[]): Token[] {
  const asked = questionBefore(text, start);
  if (asked.length > 0) return asked;
  if (clauseWords !== undefined) return clauseWords;
  const clause = clauseBefore(text, start);
  return tokens(clause.text, clause.from);
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

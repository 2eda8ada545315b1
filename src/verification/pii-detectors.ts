import { cardIssuerValid, frenchNirValid, germanTaxIdValid, ibanValid, luhnValid, spanishIdValid } from "./pii-checksums.ts";
import { labelBefore, type LabelKind } from "./pii-context.ts";
import { normaliseForPii, type NormalisedText } from "./pii-normalise.ts";

export { ibanValid, luhnValid } from "./pii-checksums.ts";

/** The kinds of personal or secret data the detectors find. */
export const piiKinds = ["email", "phone", "payment_card", "iban", "national_id", "ip_address", "secret"] as const;
export type PiiKind = (typeof piiKinds)[number];

/** One match, by offsets into the text given to `detectPii` (the original, not the normalised text). */
export interface PiiFinding {
  kind: PiiKind;
  start: number;
  end: number;
  text: string;
}

/**
 * The normalised text alone (NFKC, Unicode digits, dashes, zero-width characters, spelled digits). Kept for
 * callers that want to see what the detectors see; `detectPii` normalises by itself.
 */
export function normalisePiiText(text: string): string {
  return normaliseForPii(text).text;
}

/** A span of the normalised text and what it is. */
interface Candidate {
  kind: PiiKind;
  start: number;
  end: number;
}

const secretPattern =
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----|\bsk-(?:proj-|live_|test_)?[A-Za-z0-9_-]{20,}|\bAKIA[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bxox[baprs]-[A-Za-z0-9-]{10,}|\bAIza[0-9A-Za-z_-]{35}\b|\b(?:api[_-]?key|secret|token|password|passwd|passwort|mot de passe|contraseña)\s*[:=]\s*["']?[^\s"']{8,}/gi;

/** "@", "(at)", "[at]", " at " and their German, French and Spanish spellings. */
const atWord = String.raw`(?:at|ät|arobase|arroba|chez)`;
const dotWord = String.raw`(?:dot|punkt|point|punto)`;
const bracketed = (word: string) => String.raw`\s*[([{<]\s*${word}\s*[)\]}>]\s*`;
/** Starts only where a handle can start, so a long run of letters is not retried from every position (quadratic). */
const local = String.raw`(?<![\p{L}\d._%+-])[\p{L}\d._%+-]*[\p{L}\d]`;
const label = String.raw`[\p{L}\d](?:[\p{L}\d-]*[\p{L}\d])?`;
const tld = String.raw`[a-z]{2,12}(?![\p{L}\d])`;
/** Written with symbols or brackets: the form itself says it is an address. */
const strongEmail = new RegExp(
  String.raw`${local}(?:\s?@\s?|${bracketed(atWord)})${label}(?:(?:\s?\.\s?|${bracketed(dotWord)})${label})*(?:\s?\.\s?|${bracketed(dotWord)})${tld}`,
  "giu",
);
/** "ann at example dot com": needs a spelled "dot", or an email label before it ("mail: ann at example.com"). */
const spokenEmail = new RegExp(String.raw`${local}\s+${atWord}\s+${label}(?:(?:\.|\s+${dotWord}\s+)${label})*(?:\.|\s+${dotWord}\s+)${tld}`, "giu");

/** Words that stand before or after "at" in prose ("look at this dot com"), never an address's handle or domain. */
const proseWords = new Set(
  "look looked looking arrive arrived stay stayed be am is are was were meet meeting see aim laugh stare glance point work live lives me us them him her it its this that these those here there home once all least most best first last the a an our your my their night noon school hand".split(" "),
);

const ibanPattern = /(?<![\p{L}\d])[A-Z]{2}\s?\d{2}(?:[ ./_-]?[A-Z0-9]){11,32}/giu;
const spanishIdPattern = /(?<![\p{L}\d])[XYZ]?[ .-]?\d{1,2}[ .]?\d{3}[ .]?\d{3}[ -]?[A-Z](?![\p{L}\d])/giu;
const ninoPattern = /(?<![\p{L}\d])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\p{L}\d])/giu;
const ipv6Pattern = /(?<![\w:.])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?)(?![\w:])/gi;
/**
 * A run of digits joined by single separators (space, dot, slash, dash, underscore, brackets), so "0176 123 45 67",
 * "4111.1111.1111.1111" and spaced "0 1 7 6 ..." are one candidate; classified by `classifyDigits`.
 */
const digitRun = /(?<![\p{L}\d.\/_-]|\d[ .\/_-])(?:\+\s?|\(\s?)?\d(?:(?:[ .\/()_-]{1,2}|\s[-./]\s|\s?[[(](?:\.|dot)[\])]\s?|\s(?:dot|punkt|point|punto)\s)?\d)*(?!-?\p{L}|\d)/gu;

const datePattern = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:[ T]\d{1,2}(?::\d{2})?)?$/;

/** An order, invoice, ticket or part number label, or a version label, says the number is not personal data. */
function labelAllows(label: LabelKind | undefined): boolean {
  return label !== "identifier" && label !== "version";
}

/** Decides what a run of digits is: card, IPv4, national id (SSN, NIR, Steuer-ID) or phone, or nothing. */
function classifyDigits(text: string, start: number, run: string, spelled: boolean): PiiKind | undefined {
  const label = labelBefore(text, start);
  // Defanged and spelled dots ("10[.]0", "10 dot 0") are dots.
  const dotted = run.replace(/\s?[[(](?:\.|dot)[\])]\s?|\s(?:dot|punkt|point|punto)\s|\s\.\s/giu, ".");
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(dotted)) {
    const valid = dotted.split(".").every((part) => Number(part) <= 255);
    return valid && labelAllows(label) ? "ip_address" : undefined;
  }
  if (dotted !== run) return undefined;
  const digits = run.replace(/\D/g, "");
  if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits) && cardIssuerValid(digits) && labelAllows(label)) return "payment_card";
  if (label === "card" && digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) return "payment_card";
  if (digits.length === 9 && labelAllows(label)) {
    const ssn = /^(\d{3})([ .\/-]?)(\d{2})\2(\d{4})$/.exec(run);
    const plausible = ssn !== null && !/^(?:000|666|9)/.test(digits) && ssn[3] !== "00" && ssn[4] !== "0000";
    if (plausible && (ssn[2] !== "" || label === "national_id")) return "national_id";
    if (label === "national_id") return "national_id";
  }
  if (digits.length === 15 && frenchNirValid(digits) && labelAllows(label)) return "national_id";
  if (digits.length === 11 && germanTaxIdValid(digits) && label === "national_id") return "national_id";
  if (label === "national_id" && digits.length >= 8 && digits.length <= 15) return "national_id";
  if (digits.length < 9 || digits.length > 15 || !labelAllows(label)) return undefined;
  if (datePattern.test(run)) return undefined;
  // Nobody spells out an order number: 9 to 15 spelled digits with no other reading are a phone number.
  if (label === "phone" || spelled) return "phone";
  const international = /^(?:\+|00[1-9])/.test(run);
  const bracketed = /^\(\d/.test(run);
  const national = /^0[1-9]/.test(run) && digits.length >= 10 && /[ .\/()-]/.test(run);
  const northAmerican = /^(?:1[ .-]?)?\(?[2-9]\d{2}\)?[ .-]?[2-9]\d{2}[ .-]\d{4}$/.test(run);
  return international || bracketed || national || northAmerican ? "phone" : undefined;
}

/** IBAN lengths of common countries; others may have 15 to 34 characters. */
const ibanLengths: Record<string, number> = { AT: 20, BE: 16, CH: 21, DE: 22, DK: 18, ES: 24, FI: 18, FR: 27, GB: 22, IE: 22, IT: 27, LU: 20, NL: 18, NO: 15, PL: 28, PT: 25, SE: 24 };

/**
 * The longest prefix of an IBAN-like run that ends at a group boundary, has its country's length, one letter
 * case throughout, and passes mod 97 (the run may have swallowed the words after it).
 */
function ibanLength(run: string): number | undefined {
  for (let end = run.length; end >= 15; end -= 1) {
    if (/[\p{L}\d]/u.test(run[end] ?? "") || !/[A-Z0-9]/i.test(run[end - 1] ?? "")) continue;
    const candidate = run.slice(0, end);
    const compact = candidate.replace(/[\s./_-]/g, "");
    const letters = compact.replace(/[^A-Za-z]/g, "");
    const expected = ibanLengths[compact.slice(0, 2).toUpperCase()];
    if (letters !== letters.toUpperCase() && letters !== letters.toLowerCase()) continue;
    if ((expected === undefined || compact.length === expected) && ibanValid(candidate)) return end;
  }
  return undefined;
}

function candidates({ text, spelled }: NormalisedText, kinds: ReadonlySet<PiiKind>): Candidate[] {
  const found: Candidate[] = [];
  const add = (kind: PiiKind, start: number, end: number) => {
    if (kinds.has(kind) && !found.some((other) => start < other.end && end > other.start)) found.push({ kind, start, end });
  };
  for (const match of text.matchAll(secretPattern)) add("secret", match.index, match.index + match[0].length);
  for (const match of text.matchAll(strongEmail)) add("email", match.index, match.index + match[0].length);
  for (const match of text.matchAll(spokenEmail)) {
    const spelledDot = new RegExp(String.raw`\s${dotWord}\s`, "iu").test(match[0]);
    const [handle = "", domain = ""] = match[0].toLowerCase().split(/\s+/).filter((_, position) => position !== 1);
    const prose = proseWords.has(handle) || proseWords.has(domain.split(".")[0] ?? "");
    const labelled = labelBefore(text, match.index) === "email";
    if (labelled || (spelledDot && !prose)) add("email", match.index, match.index + match[0].length);
  }
  for (const match of text.matchAll(ibanPattern)) {
    const length = ibanLength(match[0]);
    if (length !== undefined) add("iban", match.index, match.index + length);
  }
  for (const match of text.matchAll(spanishIdPattern)) if (spanishIdValid(match[0]) && labelAllows(labelBefore(text, match.index))) add("national_id", match.index, match.index + match[0].length);
  for (const match of text.matchAll(ninoPattern)) if (/\s|^[A-Z]{2}\d{6}[A-D]$/i.test(match[0]) && labelBefore(text, match.index) !== "identifier") add("national_id", match.index, match.index + match[0].length);
  for (const match of text.matchAll(ipv6Pattern)) if (match[0].split(":").length >= 4 && labelAllows(labelBefore(text, match.index))) add("ip_address", match.index, match.index + match[0].length);
  for (const match of text.matchAll(digitRun)) {
    const run = match[0].trimEnd();
    const end = match.index + run.length;
    const kind = classifyDigits(text, match.index, run, spelled.some(([from, to]) => from < end && to > match.index));
    if (kind !== undefined) add(kind, match.index, match.index + run.length);
  }
  return found;
}

/**
 * Finds personal data and secrets: emails (also "ann [at] example [dot] com" and "ann at example dot com"),
 * phone numbers, payment cards (Luhn and issuer), IBANs (mod 97), national ids (US SSN, UK NINO, Spanish
 * DNI/NIE, French NIR, German tax id, with their checksums where they have one), IPv4/IPv6 addresses, API
 * keys, tokens and private keys. Obfuscations are undone first (see `normaliseForPii`); the words before a
 * number decide between an order, invoice or part number or a version and a phone, card, id or address.
 * Offsets are into `text` as given.
 *
 * @example
 * detectPii("card four one one one one one one one one one one one one one one one") // [{ kind: "payment_card", ... }]
 */
export function detectPii(text: string, kinds: ReadonlySet<PiiKind> = new Set(piiKinds)): PiiFinding[] {
  const normal = normaliseForPii(text);
  return candidates(normal, kinds)
    .map((candidate) => {
      const start = normal.starts[candidate.start] ?? 0;
      const end = normal.ends[candidate.end - 1] ?? text.length;
      return { kind: candidate.kind, start, end, text: text.slice(start, end) };
    })
    .sort((left, right) => left.start - right.start);
}

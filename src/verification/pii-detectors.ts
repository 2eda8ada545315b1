import { classifyDigits, digitRun, labelAllows } from "./pii-digits.ts";
import { emailSpans } from "./pii-email.ts";
import { labelBefore } from "./pii-context.ts";
import { letteredIdSpans } from "./pii-ids.ts";
import { issuerNamed } from "./pii-issuer.ts";
import { dnsAnswer, sharedAddress, tiedToPerson } from "./pii-ip-addresses.ts";
import { nationalIdCandidates } from "./pii-national-ids.ts";
import { regionalIdCandidates, regionalLetteredIdSpans } from "./pii-regional-ids.ts";
import { documentCodeSpans } from "./pii-document-codes.ts";
import { placeholderAddress } from "./pii-placeholder-emails.ts";
import { providerHandleSpans } from "./pii-provider-handles.ts";
import { normaliseForPii, type NormalisedText } from "./pii-normalise.ts";
import { cardNamedInClause, contextAccepts, kindInContext, nationalIdAccepts } from "./pii-score.ts";
import { readReversed, reversalCue } from "./pii-reversed.ts";
import { secretSpans } from "./pii-secrets.ts";
import { cardCompanionAfter } from "./pii-card-companions.ts";
import { printedCard } from "./pii-card-layout.ts";
import { publishedTestCard, specimenCard } from "./pii-specimens.ts";
import { lengthContradictsLabel } from "./pii-named-ids.ts";
import { checkContradictsLabel } from "./pii-named-id-checks.ts";

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
 * The normalised text alone (NFKC, Unicode digits, separators, look-alikes, spelled numbers). Kept for
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

const ipv6Pattern = /(?<![\w:.])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?)(?![\w:])/gi;

/** Sixteen-odd digits written one at a time with a space between each: a sequence, a matrix row or a code. */
const digitByDigit = /^\p{Nd}(?:[ \u00a0]\p{Nd}){12,18}$/u;

/** Recognisers in order of precedence: an earlier finding keeps its span, a later overlapping one is dropped. */
function candidates({ text, spelled, starts, ends }: NormalisedText, original: string, kinds: ReadonlySet<PiiKind>): Candidate[] {
  const found: Candidate[] = [];
  // Characters already in a finding: checking a span against them costs its length, not the number of findings
  // (a megabyte of phone numbers has tens of thousands).
  const taken = new Uint8Array(text.length);
  const add = (kind: PiiKind, start: number, end: number) => {
    if (!kinds.has(kind) || taken.subarray(start, end).includes(1)) return;
    if (kind === "national_id" && (lengthContradictsLabel(text, start, end) || checkContradictsLabel(text, start, end))) return;
    if (kind === "ip_address" && !personalAddress({ text, spelled, starts, ends }, original, start, end)) return;
    taken.fill(1, start, end);
    found.push({ kind, start, end });
  };
  for (const [start, end] of secretSpans(text)) add("secret", start, end);
  // A spoken or bracketed address is judged by its context; one written with "@" is one by its form.
  for (const [start, end] of emailSpans(text)) {
    // A placeholder at a domain reserved for documentation ("user@example.com") reaches no one.
    if (text.slice(start, end).includes("@")) {
      if (!placeholderAddress(text.slice(start, end))) add("email", start, end);
    }
    // A handle read out in pieces ("p for papa, o, double l, y": pii-spoken-handles.ts) was dictated, as spelled digits are.
    else if (contextAccepts(text, { kind: "email", start, end, spelled: readInPieces({ text, spelled, starts, ends }, original, start) })) add("email", start, end);
  }
  for (const [start, end] of providerHandleSpans(text)) add("email", start, end);
  for (const span of [...letteredIdSpans(text), ...regionalLetteredIdSpans(text), ...documentCodeSpans(text)]) add(span.kind, span.start, span.end);
  // National ids by layout and check digits; one that is not kept is still read as a digit run below. The scorer
  // alone decides: the label lists' catch-all "…nummer" would call "Rijksregisternummer" an identifier.
  if (kinds.has("national_id")) {
    for (const id of [...nationalIdCandidates(text), ...regionalIdCandidates(text)]) {
      const isSpelled = spelled.some(([from, to]) => from < id.end && to > id.start);
      // With no check digits that hold, "UCAS personal ID …" is UCAS's reference (pii-issuer.ts).
      if (id.evidence === 0 && issuerNamed(text, id.start)) continue;
      // A check that at most one random number in 10,000 passes, written in the id's own layout, stands without a
      // label, and no label a caller writes before it ("order", "ref", "sample") makes it something else.
      const ownForm = id.evidence === 2 && id.ownLayout;
      if (ownForm || nationalIdAccepts(text, { kind: "national_id", start: id.start, end: id.end, spelled: isSpelled, evidence: id.evidence })) add("national_id", id.start, id.end);
    }
  }
  for (const match of text.matchAll(ipv6Pattern)) {
    const end = match.index + match[0].length;
    // A prefix written with its length ("2001:db8:35d::/48") names a network, no host in it.
    const prefix = match[0].endsWith("::") && /^\/\d{1,3}(?!\d)/.test(text.slice(end, end + 4));
    if (match[0].split(":").length >= 4 && !prefix && labelAllows(labelBefore(text, match.index))) add("ip_address", match.index, end);
  }
  for (const match of text.matchAll(digitRun)) {
    const run = match[0].trimEnd();
    const end = match.index + run.length;
    const isSpelled = spelled.some(([from, to]) => from < end && to > match.index);
    const findings = classifyDigits(text, match.index, run);
    // Seven digits said as words are a whole number in Iceland and a local one in North America ("sex níu einn,
    // tveir fjórir átta núll"). Only a direct phone label keeps a phone this short (pii-score.ts): nobody says a
    // seven-digit code aloud under one.
    if (findings.length === 0 && isSpelled && /^\d{7}$/.test(run)) findings.push({ kind: "phone", start: match.index, end });
    for (const finding of findings) {
      // Checksums pass for one random digit row in ten: written one digit at a time, only a card label (or a card named
      // earlier in its clause, the label not an anti-cue) makes it a card.
      const written = original.slice(starts[finding.start], ends[finding.end - 1]);
      // A card number carrying its security code or expiry, or printed in its network's layout, is a card whatever
      // word a caller put before or after it. A processor's published test card has no such form: its digits are public
      // and charged to no one, so the words around it decide (and beside a word calling it a test, nothing does).
      const ownForm = finding.kind === "payment_card" && (printedCard(text.slice(finding.start, finding.end)) || cardCompanionAfter(text, finding.end));
      if (ownForm && !publishedTestCard(text.slice(finding.start, finding.end))) {
        add("payment_card", finding.start, finding.end);
        continue;
      }
      if (finding.kind === "payment_card" && digitByDigit.test(written) && labelBefore(text, finding.start) !== "card" && !cardNamedInClause(text, finding.start)) continue;
      const kind = kindInContext(text, { ...finding, spelled: isSpelled });
      if (kind === "payment_card" && specimenCard(text, finding.start, finding.end)) continue;
      if (!contextAccepts(text, { kind, start: finding.start, end: finding.end, spelled: isSpelled })) continue;
      add(kind, finding.start, finding.end);
    }
  }
  return found;
}

/** Whether the handle of a spoken address starting at `start` came from several words of the original (read out in pieces). */
function readInPieces(normal: NormalisedText, original: string, start: number): boolean {
  const handleEnd = normal.text.slice(start).search(/\s/);
  if (handleEnd <= 0) return false;
  return /[\s,]/.test(original.slice(normal.starts[start], normal.ends[start + handleEnd - 1]));
}

/** An address written as logs and configs write it: ASCII digits, hex, dots and colons, as the normalised text reads it. */
const plainAddress = /^[\da-f.:]+$/i;

/**
 * Whether an address is personal data (pii-ip-addresses.ts): any routable one but a domain's DNS answer; a private, documentation or shared
 * one only when the text ties it to a person or a hand wrote it otherwise than a log does (spelled, defanged, spaced).
 */
function personalAddress(normal: NormalisedText, original: string, start: number, end: number): boolean {
  const address = normal.text.slice(start, end);
  if (!sharedAddress(address)) return !dnsAnswer(normal.text, start) || tiedToPerson(normal.text, start, end);
  const written = original.slice(normal.starts[start], normal.ends[end - 1]);
  return written !== address || !plainAddress.test(written) || tiedToPerson(normal.text, start, end);
}

/**
 * Finds personal data and secrets: emails (also "ann [at] example [dot] com" and "ann at example dot com"),
 * phone numbers, payment cards (Luhn and issuer), IBANs (mod 97), national ids (US SSN, UK NINO, Spanish
 * DNI/NIE, French NIR, German tax id, Italian codice fiscale, Brazilian CPF, with their checksums where they
 * have one), IPv4/IPv6 addresses, API keys, tokens and private keys. Obfuscations are undone first (see
 * `normaliseForPii`); the words before a number decide between an order, invoice or part number or a version
 * and a phone, card, id or address. Offsets are into `text` as given.
 *
 * @example
 * detectPii("card four one one one one one one one one one one one one one one one") // [{ kind: "payment_card", ... }]
 */
export function detectPii(text: string, kinds: ReadonlySet<PiiKind> = new Set(piiKinds)): PiiFinding[] {
  const normal = normaliseForPii(text);
  const findings = candidates(normal, text, kinds).map((candidate) => inOriginal(normal, candidate, text));
  // A text that says something is written backwards is read a second time with its values turned round; what that
  // reading finds counts where the first found nothing.
  if (reversalCue.test(normal.text)) {
    const reversed = readReversed(normal);
    for (const candidate of candidates(reversed, text, kinds)) {
      const finding = inOriginal(reversed, candidate, text, true);
      if (!findings.some((other) => other.start < finding.end && finding.start < other.end)) findings.push(finding);
    }
  }
  return findings.sort((left, right) => left.start - right.start);
}

/**
 * A candidate's span in the original text. The plain reading maps its characters back in order: its first and last
 * character suffice. A reversed reading (`scattered`) maps them back in any order: the span runs from the first to the
 * last original character any of them came from.
 */
function inOriginal(normal: NormalisedText, candidate: Candidate, text: string, scattered = false): PiiFinding {
  let start = normal.starts[candidate.start] ?? 0;
  let end = normal.ends[candidate.end - 1] ?? text.length;
  if (scattered) {
    for (let position = candidate.start; position < candidate.end; position += 1) {
      start = Math.min(start, normal.starts[position] ?? start);
      end = Math.max(end, normal.ends[position] ?? end);
    }
  }
  // A keycap's marks after the last digit ("6️⃣"), and combining marks ("1̣"), read as nothing, so no character maps to them: they go with the character.
  while (end < text.length && keycapMarks.test(text[end] ?? "")) end += 1;
  return { kind: candidate.kind, start, end, text: text.slice(start, end) };
}

const keycapMarks = /[\uFE0E\uFE0F\u20E3\p{Mn}\p{Me}]/u;

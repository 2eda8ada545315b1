/** The regex-only PII detector before issue #16 (commit 7d5d564), kept as the bench baseline; not used by the engine. */
/** The kinds of personal or secret data the detectors find. */
export const piiKinds = ["email", "phone", "payment_card", "iban", "national_id", "ip_address", "secret"] as const;
export type PiiKind = (typeof piiKinds)[number];

/** One match, by offsets into the normalised text (see `normalisePiiText`). */
export interface PiiFinding {
  kind: PiiKind;
  start: number;
  end: number;
  text: string;
}

/** NFKC (full-width digits become ASCII) and zero-width characters removed, so obfuscation does not hide data. */
export function normalisePiiText(text: string): string {
  return text.normalize("NFKC").replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "");
}

/** The Luhn checksum of payment card numbers. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

/** The ISO 13616 mod-97 check of an IBAN. */
export function ibanValid(raw: string): boolean {
  const iban = raw.replace(/\s+/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = `${iban.slice(4)}${iban.slice(0, 4)}`.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  let remainder = 0;
  for (const char of rearranged) remainder = (remainder * 10 + Number(char)) % 97;
  return remainder === 1;
}

const digitsOf = (text: string) => text.replace(/\D/g, "");
const at = String.raw`(?:@|\s*[([{]\s*at\s*[)\]}]\s*)`;
const dot = String.raw`(?:\.|\s*[([{]\s*dot\s*[)\]}]\s*)`;

interface Detector {
  kind: PiiKind;
  pattern: RegExp;
  accept?: (match: string) => boolean;
}

/** Ordered: a span claimed by an earlier detector (a card number) is not claimed again (as a phone). */
const detectors: Detector[] = [
  {
    kind: "secret",
    pattern:
      /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----|\bsk-(?:proj-|live_|test_)?[A-Za-z0-9_-]{20,}|\bAKIA[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bxox[baprs]-[A-Za-z0-9-]{10,}|\bAIza[0-9A-Za-z_-]{35}\b|\b(?:api[_-]?key|secret|token|password|passwd)\s*[:=]\s*["']?[^\s"']{8,}/gi,
  },
  { kind: "email", pattern: new RegExp(String.raw`[A-Za-z0-9._%+-]+${at}[A-Za-z0-9-]+(?:${dot}[A-Za-z0-9-]+)*${dot}[A-Za-z]{2,}`, "gi") },
  { kind: "iban", pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g, accept: ibanValid },
  { kind: "payment_card", pattern: /\b\d(?:[ -]?\d){12,18}\b/g, accept: (match) => luhnValid(digitsOf(match)) },
  {
    kind: "national_id",
    pattern: /\b(?!000|666|9\d\d)\d{3}[- ](?!00)\d{2}[- ](?!0000)\d{4}\b|\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g,
  },
  {
    kind: "ip_address",
    pattern: /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b|\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b|\b(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?\b/gi,
  },
  {
    kind: "phone",
    pattern: /(?<![\w.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){2,4}(?![\w.]*\d)/g,
    accept: (match) => {
      const count = digitsOf(match).length;
      return count >= 9 && count <= 15;
    },
  },
];

/**
 * Finds personal data and secrets in a (normalised) text: emails (also "name [at] host [dot] com"),
 * phone numbers, payment cards (Luhn), IBANs (mod 97), national ids (US SSN, UK NINO), IPv4/IPv6
 * addresses, API keys, tokens and private keys.
 *
 * @example
 * detectPii(normalisePiiText("card 4111 1111 1111 1111")) // [{ kind: "payment_card", start: 5, ... }]
 */
export function detectPiiRegexOnly(text: string, kinds: ReadonlySet<PiiKind> = new Set(piiKinds)): PiiFinding[] {
  const findings: PiiFinding[] = [];
  const claimed = (start: number, end: number) => findings.some((finding) => start < finding.end && end > finding.start);
  for (const detector of detectors) {
    if (!kinds.has(detector.kind)) continue;
    for (const match of text.matchAll(detector.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (claimed(start, end) || (detector.accept !== undefined && !detector.accept(match[0]))) continue;
      findings.push({ kind: detector.kind, start, end, text: match[0] });
    }
  }
  return findings.sort((left, right) => left.start - right.start);
}

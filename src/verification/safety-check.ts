import { foldCase } from "./string-functions.ts";
import { detectPii, normalisePiiText, type PiiFinding } from "./pii-detectors.ts";
import { scrubPii } from "./pii-strategies.ts";
import type { Value } from "./expression.ts";

/**
 * The one place the policy's `safety: no_pii_in_output` reaches the PII detector, so a better detector
 * (behind the same `detectPii`) changes enforcement everywhere at once. Personal data equal to one of the
 * thread's facts (the customer's own address on file) is not a leak: the policy itself says it may go there.
 *
 * @example
 * piiFindings("card 4111 1111 1111 1111", { customer_email: "ann@example.com" }); // [{ kind: "payment_card", ... }]
 */
export function piiFindings(text: string, facts: Readonly<Record<string, Value>> = {}): PiiFinding[] {
  const known = new Set(Object.values(facts).map((value) => foldCase(String(value))));
  return detectPii(normalisePiiText(text)).filter((finding) => !known.has(foldCase(finding.text)));
}

/** What `safety.no_copyrighted_content` needs of a copyright check (CopyrightIndex, or part B's successor). */
export interface CopyrightChecker {
  check(text: string): { flagged: boolean; overlap: number };
}

/** The final answer with personal data (other than the thread's facts) redacted, and what was found. */
export function redactAnswer(text: string, facts: Readonly<Record<string, Value>> = {}): { text: string; findings: PiiFinding[] } {
  const findings = piiFindings(text, facts);
  if (findings.length === 0) return { text, findings };
  return { text: scrubPii(text, { strategy: "redact", kinds: [...new Set(findings.map((finding) => finding.kind))] }).text, findings };
}

/** Every string inside an argument value (nested objects and lists included), with its path. */
export function argumentStrings(value: unknown, path: string, into: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof value === "string") into.push([path, value]);
  else if (Array.isArray(value)) value.forEach((item, index) => argumentStrings(item, `${path}[${index}]`, into));
  else if (typeof value === "object" && value !== null) for (const [key, item] of Object.entries(value)) argumentStrings(item, `${path}.${key}`, into);
  return into;
}

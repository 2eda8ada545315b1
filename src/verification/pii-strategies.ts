import { createHash } from "node:crypto";
import { detectPii, piiKinds, type PiiFinding, type PiiKind } from "./pii-detectors.ts";

/** What to do with personal data found in a text. */
export const piiStrategies = ["block", "redact", "mask", "hash"] as const;
export type PiiStrategy = (typeof piiStrategies)[number];

export interface PiiScrubOptions {
  strategy: PiiStrategy;
  kinds?: readonly PiiKind[];
  /** Salt for `hash`, so hashes cannot be reversed by a dictionary of common values. */
  salt?: string;
}

export interface PiiScrubResult {
  /** `block`: true when anything was found (the text is returned unchanged). */
  blocked: boolean;
  text: string;
  findings: PiiFinding[];
}

/** Keeps the last four letters or digits, stars the rest, leaves separators: "**** **** **** 1111". */
function mask(text: string): string {
  let keep = 4;
  return [...text]
    .reverse()
    .map((char) => {
      if (!/[A-Za-z0-9]/.test(char)) return char;
      if (keep > 0) {
        keep -= 1;
        return char;
      }
      return "*";
    })
    .reverse()
    .join("");
}

/** What replaces one finding under a strategy other than `block`. */
export function replacementFor(finding: PiiFinding, options: PiiScrubOptions): string {
  if (options.strategy === "redact") return `[REDACTED:${finding.kind}]`;
  if (options.strategy === "mask") return mask(finding.text);
  return `[${finding.kind}:${createHash("sha256").update(`${options.salt ?? ""}${finding.text}`).digest("hex").slice(0, 12)}]`;
}

/**
 * Applies a PII strategy: `block` reports, `redact` replaces with `[REDACTED:kind]`, `mask` stars all but
 * the last four characters, `hash` replaces with a salted sha256 prefix (equal values stay joinable).
 *
 * @example
 * scrubPii("mail me: ann@example.com", { strategy: "redact" }).text // "mail me: [REDACTED:email]"
 */
export function scrubPii(text: string, options: PiiScrubOptions): PiiScrubResult {
  // Offsets are into the original text: what is not personal data stays exactly as written.
  const findings = detectPii(text, new Set(options.kinds ?? piiKinds));
  if (findings.length === 0) return { blocked: false, text, findings };
  if (options.strategy === "block") return { blocked: true, text, findings };
  let result = "";
  let cursor = 0;
  for (const finding of findings) {
    result += text.slice(cursor, finding.start);
    result += replacementFor(finding, options);
    cursor = finding.end;
  }
  return { blocked: false, text: result + text.slice(cursor), findings };
}

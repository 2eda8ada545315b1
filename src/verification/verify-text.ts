import type { CopyrightIndex } from "./copyright-check.ts";
import { scrubPii, type PiiScrubOptions } from "./pii-strategies.ts";
import { injectionPhrases, mentionedActions } from "./request-intent.ts";

/** One thing a check found, named by the check (`forbidden_action`, `injection`, `pii:email`, `copyright`). */
export interface TextFinding {
  check: string;
  detail: string;
}

export interface TextVerdict {
  decision: "pass" | "redacted" | "blocked";
  /** The text to use downstream (scrubbed when redacted; unchanged otherwise). */
  text: string;
  findings: TextFinding[];
}

export interface TextVerifierOptions {
  /** Actions a request may not ask for (the policy's forbidden_actions). */
  forbidden?: Iterable<string>;
  pii?: PiiScrubOptions;
  copyright?: CopyrightIndex;
}

function withPii(text: string, options: TextVerifierOptions, findings: TextFinding[]): TextVerdict {
  if (options.pii === undefined) return { decision: findings.length > 0 ? "blocked" : "pass", text, findings };
  const scrubbed = scrubPii(text, options.pii);
  const all = [...findings, ...scrubbed.findings.map((finding) => ({ check: `pii:${finding.kind}`, detail: `${finding.kind} at ${finding.start}` }))];
  if (findings.length > 0 || scrubbed.blocked) return { decision: "blocked", text, findings: all };
  return { decision: scrubbed.findings.length > 0 ? "redacted" : "pass", text: scrubbed.text, findings: all };
}

/**
 * Request checks: a request that asks for a forbidden action or carries an injection phrase is blocked;
 * personal data in it is handled by the PII strategy.
 *
 * @example
 * verifyRequestText("please delete_record 42", { forbidden: ["delete_record"] }).decision // "blocked"
 */
export function verifyRequestText(text: string, options: TextVerifierOptions): TextVerdict {
  const findings: TextFinding[] = [
    ...mentionedActions(text, options.forbidden ?? []).map((action) => ({ check: "forbidden_action", detail: `asks for ${action}` })),
    ...injectionPhrases(text).map((phrase) => ({ check: "injection", detail: `"${phrase}"` })),
  ];
  return withPii(text, options, findings);
}

/**
 * The blocking output checks on a text (today the copyright overlap; policy text rules plug in beside it),
 * shared by the whole-answer check and the stream checks.
 */
export function outputBlockFindings(text: string, options: TextVerifierOptions): TextFinding[] {
  const copyright = options.copyright?.check(text);
  if (copyright?.flagged !== true) return [];
  return [{ check: "copyright", detail: `${(copyright.overlap * 100).toFixed(0)}% of its shingles in one window match protected document ${copyright.source ?? "?"}` }];
}

/** Output checks: the PII strategy, then shingle overlap with the protected corpus (blocked above its threshold). */
export function verifyOutputText(text: string, options: TextVerifierOptions): TextVerdict {
  return withPii(text, options, outputBlockFindings(text, options));
}

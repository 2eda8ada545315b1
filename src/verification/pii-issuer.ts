import { clauseBefore, tokens } from "./pii-clause.ts";

/**
 * "UCAS personal ID", "ORCID id": an acronym no list knows right before an id's label names the body that issued the
 * id, not a state. With no check digits to say otherwise, such a number is that body's reference.
 *
 * @example
 * issuerNamed("UCAS personal ID 284-790-4521", 17) // true
 */
export function issuerNamed(text: string, start: number): boolean {
  const clause = clauseBefore(text, start);
  const before = tokens(clause.text, clause.from);
  const cue = before.findIndex((token) => token.role.role === "cue" && token.role.kinds.includes("national_id"));
  const issuer = cue > 0 ? before[cue - 1] : undefined;
  const label = before[cue];
  return issuer !== undefined && label !== undefined && issuer.role.role === "content" && /^\p{Lu}{2,6}$/u.test(text.slice(issuer.start, issuer.end)) && /^\s+$/u.test(text.slice(issuer.end, label.start));
}

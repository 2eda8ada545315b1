/**
 * A label that names one country's id says which check the value must pass. "Kennitala félagsins: 640702-8260" is a
 * company's kennitala (its day plus 40): a legal entity's number, which another country's table (a Danish CPR, whose
 * check it happens to pass) must not claim. Under an id's own name, only that id's check counts.
 */
import { kennitalaValid } from "./pii-regional-id-checksums.ts";

/** Names of one id (in the clause right before the value) and the check its value must pass. */
const namedChecks: Array<[name: RegExp, valid: (digits: string) => boolean]> = [[/(?<!\p{L})(?:kennitala|kt\.?)(?!\p{L})/iu, kennitalaValid]];

/** How far back the id's name may stand: a label and a word or two after it ("Kennitala félagsins:"). */
const reach = 32;

/**
 * Whether the clause right before `start` names an id whose check the digits of the value do not pass.
 *
 * @example
 * checkContradictsLabel("Kennitala félagsins: 640702-8260", 21, 32) // true
 * checkContradictsLabel("Kennitala: 220153-9599", 11, 22) // false
 */
export function checkContradictsLabel(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - reach), start).split(/[\n.;!?](?:\s|$)/u).at(-1) ?? "";
  const digits = text.slice(start, end).replace(/\D/g, "");
  return namedChecks.some(([name, valid]) => name.test(before) && !valid(digits));
}

/**
 * What "it" is in a change said with a pronoun: "OK, please change it to 1 % of users.", "Make that Friday 26 June."
 * The sentence names no subject; the turns before it may talk of something else entirely (people paste a reply
 * under an unrelated question). What it can only be is a fact holding a value of the same type: the antecedent is
 * the most recent ledger line stating one, as a reader resolves "it" to the last thing of its kind mentioned.
 */
import { ledgerSlotOf, type TypedValue } from "./ledger-slot.ts";

/** A change whose object is a pronoun, then the value: "change it to", "make that", "switch it to", "set it at". */
const PRONOUN_CHANGE = /\b(?:change|changing|make|making|switch|switching|set|setting|move|moving|put|update|bump|push)\s+(?:it|that|this)\s+(?:to|into|at|as|for)?\s*/i;

/** Values a pronoun change may carry: a specific type, where few lines hold one of the same type and unit. */
function specific(value: TypedValue): boolean {
  return value.type !== "count" && value.type !== "name" && value.type !== "code";
}

const sameType = (left: TypedValue, right: TypedValue) => left.type === right.type && (left.type !== "quantity" || left.unit === right.unit);

/**
 * The index in `lines` (oldest first) of the line a pronoun change replaces, or -1: the sentence changes "it"
 * to one value of a specific type (a date, a time, an amount, a quantity of one unit, an email), and the most
 * recent line holding another value of that type is "it".
 *
 * @example
 * pronounAntecedent(["Rollout starts at 50 %.", "Main contact: Leopold."], "OK, please change it to 1 % of users.") // 0
 * pronounAntecedent(["Main contact: Leopold."], "OK, please change it to Anselm.") // -1: a name could be anyone's
 */
export function pronounAntecedent(lines: readonly string[], statement: string): number {
  const match = PRONOUN_CHANGE.exec(statement);
  if (match === null) return -1;
  const values = ledgerSlotOf(statement.slice(match.index + match[0].length)).values.filter((value) => !value.label);
  if (values.length !== 1 || !specific(values[0]!)) return -1;
  const value = values[0]!;
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const line = lines[index]!;
    // A line that is itself a pronoun change was placed by a guess: one guess is not built on another.
    if (line === statement || PRONOUN_CHANGE.test(line)) continue;
    if (ledgerSlotOf(line).values.some((held) => sameType(held, value) && held.text !== value.text)) return index;
  }
  return -1;
}

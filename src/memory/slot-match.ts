import { isTypeNoun, type LedgerSlot, type LedgerValueType, type TypedValue } from "./ledger-slot.ts";

/** How a newer statement's slot relates to an older one's. */
export interface SlotMatch {
  /** A value of the newer statement replaces one of the older's (compatible type, different value). */
  changes: boolean;
  /** The newer statement names one of the older's values and states another of its type ("10:15, not 16:45"). */
  namesOld: boolean;
  /** Subject classes both share, values both name that do not change (a product name both mention) included. */
  shared: number;
  /** Kinds both are of (both decisions): weaker than a shared word. */
  sharedKinds: number;
  /** Shared subject classes other than the generic nouns that only name a type ("name", "number", "time"). */
  sharedSpecific: number;
  /** `sharedSpecific` over the larger subject without those nouns: 1 when both are about the same words. */
  overlap: number;
  /** The newer subject names, by a generic noun, the type of a value the older states ("the time" for 13:20). */
  namedType: number;
  /** A changing value is written as the one it replaces (a calendar date for a calendar date, "ord-#" for "ord-#"). */
  sameShape: boolean;
  /** The changing values are of a specific type (time, date, money, email, a quantity): few facts share one. */
  specific: boolean;
  /** A changing value is a label ("item 2"): which one, not a new value of the same thing. */
  label: boolean;
  /**
   * The share of what the newer statement says it is about (its determiner phrases' specific words and
   * names) that the older statement states: 1 when "the renewal date" meets "Auto-renew happens on …".
   * 0 when the newer one has no such phrase.
   */
  coverage: number;
  /**
   * The two say they are about different things: a determiner phrase of one shares no word with the other
   * ("the photographer arrives" and "the caterer arrives"; "my sister lives" and "I live"), or the newer
   * names an owner the older does not ("my sister's flight" after "my flight") or a modifier before a word
   * both say ("the backup server" after "the server").
   */
  conflict: boolean;
}

function familyOf(type: LedgerValueType): string {
  return type === "count" || type === "quantity" || type === "money" ? "number" : type === "date" || type === "time" ? "when" : type;
}

function compatible(next: TypedValue, old: TypedValue, nextSubject: ReadonlySet<string>, oldSubject: ReadonlySet<string>): boolean {
  if (next.type === old.type) return next.type !== "quantity" || next.unit === old.unit;
  const numeric = (value: TypedValue) => value.type === "count" || value.type === "quantity" || value.type === "money";
  if (!numeric(next) || !numeric(old)) return false;
  // A bare number may leave its unit to the subject ("the number of nights is 9" for "13 nights").
  const bare = next.type === "count" ? next : old.type === "count" ? old : undefined;
  const other = bare === next ? old : next;
  if (bare === undefined) return false;
  if (other.type === "money") return true;
  return other.unit !== undefined && (bare === next ? nextSubject : oldSubject).has(other.unit);
}

/**
 * Compares a newer statement's slot with an older one's: whether it changes one of its values, and how
 * strongly their subjects agree. The ledger decides from this whether the newer one supersedes.
 *
 * @example
 * slotMatch(ledgerSlotOf("Update on the number of seats: we moved it to 64."), ledgerSlotOf("Licence count is 52 for now.")) // changes, shared 1
 */
export function slotMatch(next: LedgerSlot, old: LedgerSlot): SlotMatch {
  const oldTexts = new Set(old.values.map((value) => value.text));
  const nextTexts = new Set(next.values.map((value) => value.text));
  let changes = false;
  let namesOld = false;
  let specific = false;
  let label = false;
  let sameShape = false;
  for (const value of next.values) {
    if (oldTexts.has(value.text)) continue;
    for (const previous of old.values) {
      // Naming the old value beside a new one of its family is a change whatever the units ("52, not 37 users").
      const named = nextTexts.has(previous.text) && familyOf(value.type) === familyOf(previous.type);
      if (!named && !compatible(value, previous, next.subject, old.subject)) continue;
      changes = true;
      if (named) namesOld = true;
      if (value.type !== "count" && value.type !== "name" && value.type !== "code") specific = true;
      if (value.label || previous.label) label = true;
      if (value.shape === previous.shape) sameShape = true;
    }
  }
  let shared = 0;
  let sharedSpecific = 0;
  for (const word of next.subject) {
    if (!old.subject.has(word)) continue;
    shared += 1;
    if (!isTypeNoun(word)) sharedSpecific += 1;
  }
  // A value both name and neither changes is what both are about ("Node" in "Node 20.11" and "Node 22.4").
  for (const value of next.values) {
    if (value.type !== "name" || !oldTexts.has(value.text)) continue;
    shared += 1;
    sharedSpecific += 1;
  }
  let sharedKinds = 0;
  for (const kind of next.kinds) if (old.kinds.has(kind)) sharedKinds += 1;
  const specificSize = (subject: ReadonlySet<string>) => [...subject].filter((word) => !isTypeNoun(word)).length;
  const larger = Math.max(specificSize(next.subject), specificSize(old.subject));
  const namedType = Math.max(0, ...old.values.map((value) => next.named.get(value.type) ?? 0));
  const attribute = [...next.attribute].filter((word) => !isTypeNoun(word));
  const covered = attribute.filter((word) => (word.startsWith("name:") ? oldTexts.has(word.slice(5)) : old.subject.has(word))).length;
  const coverage = attribute.length === 0 ? 0 : covered / attribute.length;
  const oldAttribute = [...old.attribute].filter((word) => !isTypeNoun(word));
  const oldCovered = oldAttribute.filter((word) => (word.startsWith("name:") ? nextTexts.has(word.slice(5)) : next.subject.has(word))).length;
  // Only a newly named owner: "the school start" may well mean "the kids' school" said before.
  const otherOwner = [...next.owners].some((word) => !old.subject.has(word));
  // A word the older never said, before one it did, narrows the thing: "the backup server" is not "the server".
  let seenUncovered = false;
  let narrowed = false;
  for (const word of attribute) {
    const isCovered = word.startsWith("name:") ? oldTexts.has(word.slice(5)) : old.subject.has(word);
    if (isCovered && seenUncovered) narrowed = true;
    if (!isCovered && !word.startsWith("name:")) seenUncovered = true;
  }
  const conflict = narrowed || (attribute.length > 0 && covered === 0) || (oldAttribute.length > 0 && oldCovered === 0) || otherOwner;
  return { coverage, conflict, changes, namesOld, shared, sharedKinds, sharedSpecific, overlap: larger === 0 ? 0 : sharedSpecific / larger, namedType, sameShape, specific, label };
}

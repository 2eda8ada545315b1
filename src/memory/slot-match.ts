/**
 * How a newer statement's typed slot (ledger-slot.ts) relates to an older one's: whether it states a new
 * value of one of the older's, and how strongly their subjects agree. The ledger decides supersession from it.
 */
import { classOf } from "./subject-classes.ts";
import { isGenericWord, type LedgerSlot, type LedgerValueType, type TypedValue } from "./ledger-slot.ts";

/** How a newer statement's slot relates to an older one's. */
export interface SlotMatch {
  /** A value of the newer statement replaces one of the older's (compatible type, different value). */
  changes: boolean;
  /** A person's name replaces a person's name (shape "person" in ledger-slot.ts: "Our tech lead is Tamsin", "Caspian leads the team"). */
  persons: boolean;
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
  /** As `namedType`, for a noun that names nothing but the type ("the time", "the date", "the email"), not "the budget" or "the cost". */
  namedPlainType: number;
  /** A changing value is written as the one it replaces (a calendar date for a calendar date, "ord-#" for "ord-#"). */
  sameShape: boolean;
  /** The changing values are of a specific type (time, date, money, email, a quantity): few facts share one. */
  specific: boolean;
  /** A changing value is a label ("item 2"): which one, not a new value of the same thing. */
  label: boolean;
  /** Values of a specific type that replace one written alike: "Tuesday at 09:50" for "Wednesday at 11:40" is two. */
  sameShapeCount: number;
  /** A subject word of one in the synonym class of a word inside the other's name ("the move", "Hartley Removals"). */
  nameClassLinks: number;
  /** Names both state that do not change ("Node" in "Node 20.11" and "Node 22.4"): a proper noun is a subject's strongest word. */
  sharedNames: number;
}

/** Types many facts share (counts, names, codes): a change of one says little about which fact it is. */
function generic(type: LedgerValueType): boolean {
  return type === "count" || type === "name" || type === "code";
}

function familyOf(type: LedgerValueType): string {
  // A product's name may carry a digit ("Neo4j"): a name and a code are one family when a statement names the old one.
  return type === "count" || type === "quantity" || type === "money" ? "number" : type === "date" || type === "time" ? "when" : type === "code" ? "name" : type;
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
  let sameShapeCount = 0;
  let persons = false;
  for (const value of next.values) {
    if (oldTexts.has(value.text)) continue;
    let alike = false;
    for (const previous of old.values) {
      // Naming the old value beside a new one of its family is a change whatever the units ("52, not 37 users").
      // A name is named by any of its words too: "Margit, not Bronwen" names "Bronwen Kowalczyk".
      const namedAs = nextTexts.has(previous.text) || (previous.type === "name" && previous.text.includes(" ") && [...nextTexts].some((text) => text !== value.text && previous.text.split(" ").includes(text)));
      const named = namedAs && familyOf(value.type) === familyOf(previous.type);
      if (!named && !compatible(value, previous, next.subject, old.subject)) continue;
      changes = true;
      if (named) namesOld = true;
      // A bare count beside a unit-bearing value ("it's 64" for "37 users") is as specific as the unit.
      if (!generic(value.type) || !generic(previous.type)) specific = true;
      // "extension 55" is the extension's number when the other states it as the extension's value ("my extension is 3802").
      const lifted = (labelled: TypedValue, other: TypedValue, otherSlot: LedgerSlot) => !other.label && labelled.labelOf !== undefined && otherSlot.subject.has(labelled.labelOf);
      if ((value.label && !lifted(value, previous, old)) || (previous.label && !lifted(previous, value, next))) label = true;
      // A person given a role ("my partner Lorcan") is replaced only by one the other statement gives that role, either way.
      const playsRole = (role: readonly string[] | undefined, slot: LedgerSlot) => role === undefined || role.length === 0 || role.some((word) => slot.subject.has(word) || slot.aliases.has(word));
      if (value.shape === "person" && previous.shape === "person" && playsRole(previous.role, next) && playsRole(value.role, old)) persons = true;
      if (value.shape === previous.shape) {
        sameShape = true;
        // Written alike is evidence for a specific type (a clock time for a clock time), barely for a count's digits.
        // Of one type too: a sum of money is not written like a bare count of the same digits ("€129", "0117 496 0415").
        if (!generic(value.type) && value.type === previous.type) alike = true;
      }
    }
    if (alike) sameShapeCount += 1;
  }
  // A value the newer one retires by name ("forget the 07:30 sailing") is changed, whatever replaces it.
  for (const previous of old.values) {
    if (!next.retired.has(previous.text)) continue;
    changes = true;
    namesOld = true;
    if (!generic(previous.type)) specific = true;
  }
  // A name retired by the newer one that the older says first in its sentence, where a capital reads as a common noun ("Leopold reviews …").
  for (const text of next.retired) if (!text.includes(" ") && !oldTexts.has(text) && old.subject.has(classOf(text)) && next.values.some((value) => value.type === "name" && value.text !== text)) changes = namesOld = true;
  let shared = 0;
  let sharedSpecific = 0;
  for (const word of next.subject) {
    if (!old.subject.has(word)) continue;
    shared += 1;
    // An owner both name ("the venue's curfew", "the venue opens for setup") is half a link: two facts of one thing.
    if (!isGenericWord(word)) sharedSpecific += next.owners.has(word) || old.owners.has(word) ? 0.5 : 1;
  }
  // An alias of one meets a subject word or an alias of the other ("owner" and "owns", "callback" and "call me back").
  for (const word of new Set([...next.subject, ...next.aliases])) {
    if ((next.subject.has(word) && old.subject.has(word)) || !(old.subject.has(word) || old.aliases.has(word)) || isGenericWord(word)) continue;
    shared += 1;
    sharedSpecific += 1;
  }
  // A value both name and neither changes is what both are about ("Node" in "Node 20.11" and "Node 22.4").
  let sharedNames = 0;
  for (const value of next.values) {
    if (value.type !== "name" || !oldTexts.has(value.text)) continue;
    shared += 1;
    sharedSpecific += 1;
    sharedNames += 1;
  }
  // Two full names sharing a word and differing in another are one person's name, changed ("Dana Wiśniewska", "Dana Achterberg").
  for (const value of next.values) {
    const words = value.text.split(" ");
    if (value.type !== "name" || words.length < 2 || oldTexts.has(value.text)) continue;
    if (!old.values.some((previous) => previous.type === "name" && previous.text.includes(" ") && previous.text.split(" ").some((word) => word.length > 2 && words.includes(word)))) continue;
    shared += 1;
    sharedSpecific += 1;
    sharedNames += 1;
  }
  // A word one names as its subject and the other carries inside a name ("the hotel" and "Hotel Vindrose").
  for (const [subject, names] of [[next.roots, old.nameWords], [old.roots, next.nameWords]] as const) {
    for (const word of subject) {
      if (!names.has(word) || isGenericWord(word) || (next.roots.has(word) && old.roots.has(word))) continue;
      shared += 1;
      sharedSpecific += 1;
      sharedNames += 1;
    }
  }
  // The same by synonym class ("the move" and "Hartley Removals"): enough for a correction, not for a restatement.
  let nameClassLinks = 0;
  for (const [subject, names] of [[next.subject, old.nameClasses], [old.subject, next.nameClasses]] as const) {
    for (const word of subject) if (names.has(word) && !isGenericWord(word) && !(next.subject.has(word) && old.subject.has(word))) nameClassLinks += 1;
  }
  let sharedKinds = 0;
  for (const kind of next.kinds) if (old.kinds.has(kind)) sharedKinds += 1;
  const specificSize = (subject: ReadonlySet<string>) => [...subject].filter((word) => !isGenericWord(word)).length;
  const larger = Math.max(specificSize(next.subject), specificSize(old.subject));
  const namedType = Math.max(0, ...old.values.map((value) => next.named.get(value.type) ?? 0));
  const namedPlainType = Math.max(0, ...old.values.filter((value) => value.type === "time" || value.type === "date" || value.type === "email").map((value) => next.named.get(value.type) ?? 0));
  return { changes, persons, namesOld, shared, sharedKinds, sharedSpecific, overlap: larger === 0 ? 0 : Math.min(1, sharedSpecific / larger), namedType, namedPlainType, sameShape, specific, label, sameShapeCount, sharedNames, nameClassLinks };
}

/**
 * The one entry a statement may replace when the evidence falls short of superseding (see earlier-version.ts),
 * or -1: a correction's only candidate of its value's type written alike (a name for a name), or the entry a
 * restatement changes sharing the most subject words with it, at least one. Never a label, never a tie.
 */
export function unsureIndex(matches: ReadonlyArray<SlotMatch | undefined>, cued: boolean): number {
  let best = -1;
  let bestScore = 0;
  let tied = false;
  matches.forEach((match, index) => {
    // A correction alike in shape, or a person named in another person's place with a word of their role in common.
    if (match === undefined || !match.changes || match.label || !(cued ? match.sameShape || match.sharedSpecific >= 1 : match.persons && match.sharedSpecific >= 1)) return;
    const score = 1 + match.sharedSpecific + match.nameClassLinks / 2 + match.sameShapeCount;
    if (score === bestScore) tied = true;
    else if (score > bestScore) {
      best = index;
      bestScore = score;
      tied = false;
    }
  });
  return tied ? -1 : best;
}

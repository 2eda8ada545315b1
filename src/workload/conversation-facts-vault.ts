/**
 * The `vault` set (issue #17, sixth round): written blind, without reading the memory code, its docs or its
 * figures, and committed before anything ran on it; measured once. An eighth conversation kind (a home
 * insurance claim after a burst pipe), new slots for the other three, and what a real conversation does to a
 * fact that the earlier sets lack: a correction of a correction (and one back to the first value), a fact said
 * again unchanged (sometimes naming another value it does not adopt, sometimes with "actually"), implicit
 * corrections with no subject ("actually make that …"), the subject in other words or by a pronoun, corrections
 * over two user turns, numbers as words. A harness: nothing in the request path reads this.
 */
import { vaultKindSlots, vaultPeople, type VaultKind, type VaultSlot } from "./conversation-facts-vault-slots.ts";

export type { VaultKind, VaultSlot };

/**
 * `{s}` the subject, `{v}` the new value, `{old}` the old one; `{restate}` the slot's own phrasing with the
 * new value; `{turn}` ends the first of two user turns. A slot's own corrections are drawn from as well.
 */
export const vaultCorrectionPhrasings: readonly string[] = [
  "Actually make that {v}.",
  "Make it {v} instead, if it's not too late.",
  "Hmm, no. {v}. I was looking at the wrong email.",
  "The {s}? {v}. Not what I told you before.",
  "Let's say {v} for the {s}; {old} doesn't work any more.",
  "You know what I said about the {s}?{turn}Forget it. It's {v}.",
  "Quick one: {v} now. {old} fell through.",
  "{v}, and that's final for the {s}.",
  "Update from their side: {v}.",
  "{restate}",
  "{restate}",
];

/** Second corrections of any slot that has its own: `{old}` the value being replaced, `{first}` the first one. */
const recorrections: readonly string[] = [
  "Sorry to flip-flop on the {s} again: not {old} either, it's {v}.",
  "And it changed once more.{turn}{v} now. Hopefully the last time.",
  "Forget both earlier versions of the {s}: {v}.",
  "{restate}",
];

/** Restatements of any slot that has its own: the current value again, nothing corrected (`{decoy}`: another value named, not adopted). */
const restatements: readonly string[] = [
  "Just confirming the {s} hasn't changed: still {v}.",
  "Nothing new on the {s}, it's {v} as before.",
  "Actually, no change there, {v} stands.",
  "To be clear, the {s} is {v}. Same as I said.",
  "Someone from their office said {decoy} for the {s}, but that's a mix-up; it's {v}, same as before.",
];

const shared: readonly VaultSlot[] = [
  { category: "name", subject: "surname", correctable: true, values: ["Halvorsen-Bright", "Mbeki-Rowe", "Dunleavy", "Castellanos", "Przybylski"], phrasings: ["Put it under Sam {v}, please.", "Sam {v} here again."], corrections: ["The bank has my maiden name, {v}, so use that on anything official.", "You've been spelling my surname from the old card.{turn}It's {v}, with the hyphen if there is one."] },
  { category: "preference", subject: "best time to call", correctable: true, values: ["after 6 pm", "weekday mornings", "Tuesday and Thursday lunchtimes", "any time before noon", "evenings after eight"], phrasings: ["Call me {v}, otherwise I can't pick up.", "The best time to ring is {v}."], corrections: ["New shifts at work, so phone me {v} instead."] },
  { category: "number", subject: "customer number", values: ["CU-300418", "CU-552907", "CU-118264", "CU-774031"], phrasings: ["My customer number is {v}.", "You'll find me under {v}."], restatements: ["Customer number unchanged, {v}."] },
  { category: "name", subject: "partner", values: vaultPeople, phrasings: ["My partner {v} may answer if I'm out.", "{v}, my partner, knows all about this too."] },
];

/** The vault set's slots of one kind, the shared ones first; a slot with its own second corrections or restatements also draws from the set's. */
export function vaultSlotsOf(kind: VaultKind): readonly VaultSlot[] {
  const slots: readonly VaultSlot[] = [...shared, ...vaultKindSlots[kind]];
  return slots.map((slot) => ({
    ...slot,
    ...(slot.recorrections === undefined ? {} : { recorrections: [...recorrections, ...slot.recorrections] }),
    ...(slot.restatements === undefined ? {} : { restatements: [...restatements, ...slot.restatements] }),
  }));
}

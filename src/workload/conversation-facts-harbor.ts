/**
 * The `harbor` set (issue #17, seventh round): written blind, without reading the memory code, its docs, its tests
 * or its figures, and committed before anything ran on it; measured once. A ninth conversation kind (a car in
 * for repair at a garage), new slots for support (a bakery's till system), coding and travel, and what the
 * earlier sets lack: values the assistant proposes and the user only confirms, one item of a list swapped
 * while the others stay, dates relative to another event, corrections that name the subject in other words or
 * not at all, corrections over two user turns, a correction and later a restatement. A harness: nothing in the
 * request path reads this.
 */
import { harborKindSlots, harborPeople, type HarborKind, type HarborSlot } from "./conversation-facts-harbor-slots.ts";

export type { HarborKind, HarborSlot };

/**
 * `{s}` the subject, `{v}` the new value, `{old}` the old one; `{restate}` the slot's own phrasing with the
 * new value; `{turn}` ends the first of two user turns. A slot's own corrections are drawn from as well.
 */
export const harborCorrectionPhrasings: readonly string[] = [
  "Change of plan: {v}.",
  "Strike what I said earlier, it's {v} now.",
  "{old}? No, that's out. {v}.",
  "Small update on the {s}: {v}.",
  "Did I say {old}? I meant {v}.",
  "Hang on, the {s} has moved.{turn}It's {v} now.",
  "Turns out {v} is what we're going with.",
  "{restate}",
];

/** Second corrections of any slot that has its own: `{old}` the value being replaced, `{first}` alone the first one. */
const recorrections: readonly string[] = [
  "I know I already changed the {s} once, but it's {v} now.",
  "Another change, sorry.{turn}{v}, not {old}.",
  "Ignore my last update on the {s}: back to {first}.",
  "{restate}",
];

/** Restatements of any slot that has its own: the current value again, nothing corrected (`{decoy}`: another value named, not adopted). */
const restatements: readonly string[] = [
  "The {s} stays {v}, nothing new there.",
  "Still {v}, by the way, in case you wondered about the {s}.",
  "You asked earlier: {v} is still the {s}.",
  "My sister thought it was {decoy}, but no, the {s} is still {v}.",
];

const shared: readonly HarborSlot[] = [
  { category: "preference", subject: "way to reach me", correctable: true, values: ["text message", "a call to the landline", "email only", "WhatsApp voice notes", "a call after half five"], phrasings: ["Best to reach me by {v}.", "If you need me, {v} works."], corrections: ["My mobile's been cut off for a week, so reaching me means {v}.", "Scratch the contact method I gave you.{turn}{v} is better now."] },
  { category: "number", subject: "account number", values: ["AC 40-1187", "AC 40-2290", "AC 40-7731", "AC 40-5068"], phrasings: ["I'm account {v} on your system.", "Look me up under {v}."], restatements: ["The account is {v}, as it always was."] },
  { category: "date", subject: "time I'm away", correctable: true, values: ["the week after half-term", "the fortnight before Christmas", "the 3rd to the 10th", "the whole of next week", "the day after the bank holiday"], phrasings: ["I'm away {v}, so nothing can happen then.", "Don't book anything {v}, I won't be here."], corrections: ["My holiday moved.{turn}I'm away {v} now."] },
  { category: "number", subject: "postcode", values: ["LS6 2QT", "BS3 4HY", "NE1 7RU", "CF10 1EP"], phrasings: ["Anything posted goes to {v}.", "My postcode is {v}."], restatements: ["Postcode's still {v}; the new flat fell through."] },
  { category: "decision", subject: "way to pay", values: ["bank transfer", "card over the phone", "three monthly instalments", "a direct debit", "cash on collection"], phrasings: ["I'll pay by {v}.", "Payment will be {v}."], offers: ["We can take payment by {v}, is that all right?", "Most customers in your position go for {v}; shall I set that up?"], confirmations: ["That suits me.", "Yes, please."] },
  { category: "name", subject: "second contact", correctable: true, values: harborPeople, phrasings: ["If I'm not around, talk to my brother {v}.", "{v}, my brother, can answer for me."], corrections: ["My brother's moved abroad; {v}, my neighbour, will pick up instead."] },
];

/** The harbor set's slots of one kind, the shared ones first; a slot with its own second corrections or restatements also draws from the set's. */
export function harborSlotsOf(kind: HarborKind): readonly HarborSlot[] {
  const slots: readonly HarborSlot[] = [...shared, ...harborKindSlots[kind]];
  return slots.map((slot) => ({
    ...slot,
    ...(slot.recorrections === undefined ? {} : { recorrections: [...recorrections, ...slot.recorrections] }),
    ...(slot.restatements === undefined ? {} : { restatements: [...restatements, ...slot.restatements] }),
  }));
}

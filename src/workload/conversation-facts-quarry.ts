/**
 * The `quarry` set (issue #17, ninth round): written blind, without reading the memory code, its docs, its tests
 * or its figures, and committed before anything ran on it; measured once. An eleventh conversation kind (a letting
 * agency's repairs desk, `tenancy`), new slots for support (a small office's phone system), coding (a queue
 * migration) and travel (a campervan trip with a ferry), and what the earlier sets lack: corrections whose lead-in
 * comes two or three user turns before the value (`{later}`), corrections quoted from a third party ("the
 * plumber's office told me, word for word: …"), values back to an earlier one by someone else's decision, measured
 * values whose every change is also a change of units (cm → feet, a month → a week), and values that are
 * negations ("no visits before 10 am"). A harness: nothing in the request path reads this.
 */
import { quarryKindSlots, quarryPeople, type QuarryKind, type QuarrySlot } from "./conversation-facts-quarry-slots.ts";

export type { QuarryKind, QuarrySlot };

/**
 * `{s}` the subject, `{v}` the new value, `{old}` the old one; `{restate}` the slot's own phrasing with the
 * new value; `{later}` ends a lead-in said two or three user turns before the value. A slot's own corrections are drawn from as well.
 */
export const quarryCorrectionPhrasings: readonly string[] = [
  "Just got a message that says \"{v}, not {old}\", so go with that.",
  "Someone from the office rang: it's {v} now.",
  "{old} was wrong. It's {v}.",
  "About the {s}: that's changed, I'll confirm in a bit.{later}Right, confirmed: {v}.",
  "Hold on, the {s} I gave you is wrong.{later}Sorted it out: {v}.",
  "{restate}",
];

/** Second corrections of any slot that has its own: `{old}` the value being replaced, `{first}` alone the first one. */
const recorrections: readonly string[] = [
  "They changed it once more: {v}, not {old}.",
  "My partner read the paperwork and says, quote, \"it was always {first}\". So {first}.",
  "The second change fell through, so the {s} is back to {first}.",
  "{restate}",
];

/** Restatements of any slot that has its own: the current value again, nothing corrected (`{decoy}`: another value named, not adopted). */
const restatements: readonly string[] = [
  "Still {v} for the {s}, nothing new there.",
  "Someone mentioned {decoy}; that isn't ours, the {s} is {v}.",
];

const shared: readonly QuarrySlot[] = [
  { category: "preference", subject: "best way to reach me", correctable: true, values: ["a text to my mobile", "an email after 5 pm", "a call on the landline", "a WhatsApp voice note", "a message through the portal"], phrasings: ["The best way to reach me is {v}.", "Please use {v} to reach me."], corrections: ["My son changed my phone around and told me to tell you: \"{v} from now on\"."] },
  { category: "number", subject: "case reference", values: ["QR-41872", "QR-50319", "QR-66204", "QR-73851"], phrasings: ["My case reference is {v}.", "It's all under reference {v}."], restatements: ["Your email quoted {decoy}, but that's my neighbour's case; mine is {v}."] },
  { category: "name", subject: "emergency contact", correctable: true, values: quarryPeople, phrasings: ["{v} is my emergency contact.", "If something happens, call {v}."], corrections: ["My sister rang and said, quote, \"take me off and put {v} down instead\"."] },
  { category: "constraint", subject: "times I can't do", correctable: true, values: ["no visits before 10 am", "no Wednesdays", "no weekend visits", "nothing after 4 pm", "nothing during the school run"], phrasings: ["Whatever gets booked: {v}.", "One thing, please: {v}."], corrections: ["My hours are changing, I'll tell you the new rule once I know.{later}The rule is {v} now."], recorrections: ["My shifts went back to how they were, so {first} again.", "New rota again: {v}, not {old}."] },
  { category: "preference", subject: "format for letters", values: ["large print", "a Welsh translation", "a Polish translation", "plain email with no attachments"], phrasings: ["Please send letters as {v}.", "For anything in writing, {v}."] },
  { category: "number", subject: "people in the household", values: ["three adults", "two adults and a baby", "five of us", "me and two teenagers"], phrasings: ["We're {v} here.", "Household: {v}."] },
  { category: "date", subject: "day I first reported this", values: ["back in October", "the week after Bonfire Night", "three weeks ago last Monday", "the day the clocks went back"], phrasings: ["I first reported this {v}.", "This started {v}, when I first rang you."] },
  { category: "decision", subject: "language for calls", values: ["Portuguese", "Romanian", "Urdu", "Somali"], phrasings: ["Calls in {v} would be easier for me.", "If someone speaks {v}, put them on, please."] },
];

/** The quarry set's slots of one kind, the shared ones first; a slot with its own second corrections or restatements also draws from the set's. */
export function quarrySlotsOf(kind: QuarryKind): readonly QuarrySlot[] {
  const slots: readonly QuarrySlot[] = [...shared, ...quarryKindSlots[kind]];
  return slots.map((slot) => ({
    ...slot,
    ...(slot.recorrections === undefined ? {} : { recorrections: [...recorrections, ...slot.recorrections] }),
    ...(slot.restatements === undefined ? {} : { restatements: [...restatements, ...slot.restatements] }),
  }));
}

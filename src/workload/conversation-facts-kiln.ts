/**
 * The `kiln` set (issue #17, tenth round): written blind, without reading the memory code, its docs, its tests or
 * its figures, and committed before anything ran on it; measured once. A thirteenth conversation kind (a freight
 * broker's desk moving a shipper's loads, `freight`), new slots for support (a school's parent-messaging app),
 * coding (a search index rebuild) and travel (a choir's coach tour), written the way people type at work: chat
 * shorthand and lowercase ("pu is …", "del to …", "fyi"), a leading asterisk for a typo fix, "update: … (was …)",
 * lines pasted from an email or a packing list, a value repaired in the middle of its own sentence, values marked
 * "tbc" that nothing ever confirms, corrections that name the old value only by when it was said ("what I told you
 * this morning"), and restatements that turn down a value someone else floated. A harness: nothing in the request
 * path reads this.
 */
import { kilnKindSlots, kilnPeople, type KilnKind, type KilnSlot } from "./conversation-facts-kiln-slots.ts";

export type { KilnKind, KilnSlot };

/**
 * `{s}` the subject, `{v}` the new value, `{old}` the old one; `{restate}` the slot's own phrasing with the new
 * value; `{later}` ends a lead-in said two or three user turns before the value. A slot's own corrections are drawn from as well.
 */
export const kilnCorrectionPhrasings: readonly string[] = [
  "*{v}, not {old} — typo",
  "fyi {s} is {v} now",
  "update: {v} (was {old})",
  "No — {v}. {old} was the old one.",
  "What I told you this morning about the {s} is out of date.{later}ok latest: {v}",
  "checking the {s} with them, hang on{later}right, it's {v}",
  "{restate}",
];

/** Second corrections of any slot that has its own: `{old}` the value being replaced, `{first}` alone the first one. */
const recorrections: readonly string[] = [
  "ugh, changed again: {v}. ignore {old}",
  "scratch my last message, {first} was right all along",
  "{restate}",
];

/** Restatements of any slot that has its own: the current value again, nothing corrected (`{decoy}`: another value named, not adopted). */
const restatements: readonly string[] = [
  "Confirmed: {v}, no change.",
  "They floated {decoy} this morning but it's staying {v}.",
];

const shared: readonly KilnSlot[] = [
  { category: "preference", subject: "best way to reach me", correctable: true, values: ["Teams chat", "a call to my mobile", "email, I'm on the road a lot", "WhatsApp", "the shared inbox"], phrasings: ["easiest to reach me on {v}", "Best way to reach me: {v}."], corrections: ["new phone, so {v} from now on"] },
  { category: "number", subject: "customer account", values: ["CUST-20417", "CUST-88135", "CUST-61092", "CUST-37758"], phrasings: ["Account {v}.", "we're {v} in your system"], restatements: ["your invoice had {decoy} on it, that's not us — we're {v}"] },
  { category: "name", subject: "person who signs off", correctable: true, values: kilnPeople, phrasings: ["{v} signs off anything over budget.", "Sign-off is {v}."], corrections: ["restructure — {v} approves now, not {old}"] },
  { category: "preference", subject: "time zone for times", values: ["Central European Time", "US Eastern", "India Standard Time", "Gulf Standard Time"], phrasings: ["All my times are {v}.", "fyi I'm on {v}"] },
  { category: "constraint", subject: "budget cap", correctable: true, values: ["£4,500 all in", "under €5,000", "$6,200 max", "no more than £3,800", "€7k tops"], phrasings: ["Budget: {v}.", "we can't go over {v}"], corrections: ["finance came back: {v}"] },
  { category: "date", subject: "invoice deadline", values: ["the 25th of each month", "the last working day of the month", "within 14 days of delivery", "every other Friday"], phrasings: ["Invoices have to be in by {v}.", "AP needs invoices {v}, otherwise they roll to next run"] },
  { category: "preference", subject: "format for updates", values: ["one summary email a day", "a message per change", "a spreadsheet on Fridays", "bullet points, no attachments"], phrasings: ["Updates as {v}, please.", "pref {v} for updates"] },
  { category: "constraint", subject: "times I can't do", values: ["no calls before 9", "nothing on Fridays", "no meetings over lunch", "no video calls, phone only"], phrasings: ["One thing: {v}.", "heads up, {v}"] },
];

/** The kiln set's slots of one kind, the shared ones first; a slot with its own second corrections or restatements also draws from the set's. */
export function kilnSlotsOf(kind: KilnKind): readonly KilnSlot[] {
  const slots: readonly KilnSlot[] = [...shared, ...kilnKindSlots[kind]];
  return slots.map((slot) => ({
    ...slot,
    ...(slot.recorrections === undefined ? {} : { recorrections: [...recorrections, ...slot.recorrections] }),
    ...(slot.restatements === undefined ? {} : { restatements: [...restatements, ...slot.restatements] }),
  }));
}

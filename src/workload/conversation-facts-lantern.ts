/**
 * The `lantern` set (issue #17, eighth round): written blind, without reading the memory code, its docs, its tests
 * or its figures, and committed before anything ran on it; measured once. A tenth conversation kind (a dental
 * clinic's front desk), new slots for support (a guesthouse's Wi-Fi and booking channels), coding (a mobile
 * release) and travel (a rail trip in Japan), and what the earlier sets lack: offers the user turns down at once
 * for a value of their own (and sometimes takes after all, later), values dropped with nothing in their place
 * ("no interpreter needed"), a value corrected and then dropped, beside corrections of corrections, corrections
 * naming the subject in other words, and unchanged restatements with decoys. A harness: nothing in the request
 * path reads this.
 */
import { lanternKindSlots, lanternPeople, type LanternKind, type LanternSlot } from "./conversation-facts-lantern-slots.ts";

export type { LanternKind, LanternSlot };

/**
 * `{s}` the subject, `{v}` the new value, `{old}` the old one; `{restate}` the slot's own phrasing with the
 * new value; `{turn}` ends the first of two user turns. A slot's own corrections are drawn from as well.
 */
export const lanternCorrectionPhrasings: readonly string[] = [
  "Sorry, one more change: {v}.",
  "Forget {old}. We're going with {v}.",
  "I got that wrong before. It's {v}.",
  "About the {s}, there's news: {v}.",
  "Quick one.{turn}It's {v} now, not {old}.",
  "Update: {v}, as of this morning.",
  "{restate}",
];

/** Second corrections of any slot that has its own: `{old}` the value being replaced, `{first}` alone the first one. */
const recorrections: readonly string[] = [
  "Sorry to go back and forth on the {s}: {v}.",
  "It changed again.{turn}{v}, not {old}.",
  "Undo my last change about the {s}; {first} stands.",
  "{restate}",
];

/** Restatements of any slot that has its own: the current value again, nothing corrected (`{decoy}`: another value named, not adopted). */
const restatements: readonly string[] = [
  "Just confirming the {s} is still {v}.",
  "No change: {v}.",
  "Someone asked whether it was {decoy}; I told them the {s} is {v}.",
];

const shared: readonly LanternSlot[] = [
  { category: "preference", subject: "time of day that suits me", correctable: true, values: ["early mornings", "lunchtimes", "after six in the evening", "Saturday mornings", "mid-afternoon"], phrasings: ["{v} suit me best.", "If you can, aim for {v}."], corrections: ["My shifts at the warehouse changed, so now it's {v} that suit me."] },
  { category: "number", subject: "customer number", values: ["CN-58213", "CN-61904", "CN-70338", "CN-44127"], phrasings: ["I'm customer {v}.", "My customer number is {v}."], restatements: ["Your letter had {decoy}, but that's my late father's file; mine is {v}."] },
  { category: "name", subject: "person who can speak for me", correctable: true, values: lanternPeople, phrasings: ["{v}, my daughter, can speak for me if I'm not around.", "If you can't reach me, {v} can decide for me."], corrections: ["My daughter is off to university.{turn}From now on {v}, my partner, can speak for me."], none: "nobody else on file", retirements: ["Take {old} off my file, nobody speaks for me any more: {none}.", "I'd rather handle everything myself now, so {none}; remove {old}."] },
  { category: "decision", subject: "reminder method", values: ["a text the day before", "an email a week ahead", "a phone call that morning", "a WhatsApp message", "a letter in the post"], phrasings: ["Remind me with {v}.", "For reminders, {v}."], offers: ["We can remind you with {v}; shall I set that up?", "The system defaults to {v} for reminders, is that okay?"], confirmations: ["That's fine.", "Yes, please."], counters: ["{old} drives me mad, can you do {v} instead?", "I never see {old}. {v} would be better."] },
  { category: "constraint", subject: "access need", values: ["a ground-floor room", "step-free access", "a hearing loop", "parking by the door", "a quiet waiting area"], phrasings: ["I need {v}, please note it.", "Please make sure there's {v}."], none: "no access needs now", retirements: ["My knee has healed, so you can forget {old}: {none}.", "The hospital sorted me out; {none}."] },
  { category: "date", subject: "day I move house", correctable: true, values: ["the end of next month", "the 28th", "the week after Easter", "Friday 12 February", "two weeks after my exams"], phrasings: ["I move house {v}, so post after that goes to the new place.", "Moving day is {v}."], corrections: ["The buyer pulled out and came back.{turn}We're moving {v} now."], recorrections: ["The chain collapsed again; moving day is {v}, not {old}.", "The solicitor sorted it, so {first} after all."] },
];

/** The lantern set's slots of one kind, the shared ones first; a slot with its own second corrections or restatements also draws from the set's. */
export function lanternSlotsOf(kind: LanternKind): readonly LanternSlot[] {
  const slots: readonly LanternSlot[] = [...shared, ...lanternKindSlots[kind]];
  return slots.map((slot) => ({
    ...slot,
    ...(slot.recorrections === undefined ? {} : { recorrections: [...recorrections, ...slot.recorrections] }),
    ...(slot.restatements === undefined ? {} : { restatements: [...restatements, ...slot.restatements] }),
  }));
}

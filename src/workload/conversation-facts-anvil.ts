/**
 * The `anvil_check` set (issue #17, tenth round; seeds 1401–1403): a check set written and committed before the
 * round's change to the ledger ran on it, measured at the start and at the end only, never a fact printed. A
 * thirteenth kind (a children's nursery office, `nursery`), new slots for coding (a service's settings) and travel
 * (a family trip to Portugal). What it asks: a later statement about the same subject replaces the earlier one
 * whatever words introduce it. Most changes here carry no correction word ("Friday collections are X from this
 * month.", "Headcount for the trip: X."), name the subject in other words than the first statement did ("the return
 * leg" for "our flight back"), or state the subject only ("About the {s}: X."). A harness: nothing in the request
 * path reads this.
 */
import { anvilKindSlots, anvilPeople, type AnvilKind, type AnvilSlot } from "./conversation-facts-anvil-slots.ts";

export type { AnvilKind, AnvilSlot };

/** `{s}` the subject, `{v}` the new value, `{old}` the old one; `{restate}` the slot's own phrasing with the new value. */
export const anvilCorrectionPhrasings: readonly string[] = [
  "About the {s}: {v}.",
  "For the {s}, put down {v}.",
  "The {s} is {v} now.",
  "Going forward the {s} will be {v}.",
  "{restate}",
  "{restate}",
];

/** Second corrections of any slot that has its own: `{old}` the value being replaced, `{first}` alone the first one. */
const recorrections: readonly string[] = ["New plan for the {s}: {v}.", "The {s} is {first} again.", "{restate}"];

/** Restatements: the current value again, nothing corrected (`{decoy}`: another value named, not adopted). */
const restatements: readonly string[] = ["Just confirming the {s} is still {v}.", "I saw {decoy} somewhere, ignore it; the {s} is {v}."];

const shared: readonly AnvilSlot[] = [
  { category: "preference", subject: "contact method", correctable: true, values: ["a text message", "an email", "a phone call after six", "a message on the app", "a voicemail"], phrasings: ["The easiest way to reach me is {v}.", "Please contact me by {v}."], corrections: ["I'm hardly ever at my desk these days, so {v} is better for getting hold of me."] },
  { category: "name", subject: "second contact", correctable: true, values: anvilPeople, phrasings: ["If I'm unreachable, ask for {v}.", "My backup contact is {v}."], corrections: ["When I can't answer, {v} can speak for me."] },
  { category: "number", subject: "customer number", values: ["CU-884201", "CU-390617", "CU-572048", "CU-119936"], phrasings: ["My customer number is {v}.", "You'll find me under {v}."], restatements: ["A letter came with {decoy}, but that must be someone else; my number is {v}."] },
  { category: "date", subject: "birthday", values: ["4 February", "23 June", "11 September", "30 November"], phrasings: ["My birthday is {v}.", "I was born on {v}."] },
  { category: "decision", subject: "newsletter", correctable: true, values: ["the monthly digest", "the weekly update", "product news only", "the quarterly letter"], phrasings: ["Sign me up for {v}.", "I'd like to get {v}."], corrections: ["On mailings, just {v} for me."] },
  { category: "constraint", subject: "days I'm away", values: ["the whole of August", "the first week of May", "every other Friday", "the Easter holidays"], phrasings: ["I'm away {v}.", "Nothing for me {v}, I'm away."] },
];

/** The anvil set's slots of one kind, the shared ones first; a slot with its own second corrections or restatements also draws from the set's. */
export function anvilSlotsOf(kind: AnvilKind): readonly AnvilSlot[] {
  const slots: readonly AnvilSlot[] = [...shared, ...anvilKindSlots[kind]];
  return slots.map((slot) => ({
    ...slot,
    ...(slot.recorrections === undefined ? {} : { recorrections: [...recorrections, ...slot.recorrections] }),
    ...(slot.restatements === undefined ? {} : { restatements: [...restatements, ...slot.restatements] }),
  }));
}

/** The nursery kind's filler (conversation-filler.ts reads it): talk about a toddler's days, no fact of any slot. */
export const nurseryFiller = {
  topics: ["nappy bag", "spare clothes", "sun cream", "outdoor play", "story time", "messy play", "lunch menu", "parents' evening", "learning journal", "sleep room", "water bottle", "wellies"],
  user: ["She came home talking about the {topic} all evening.", "Is the {topic} something we need to bring, or do you have it?", "My mum keeps asking about the {topic}, she worries.", "We forgot the {topic} again, sorry about that.", "How does the {topic} work on rainy days?"],
  assistant: ["The {topic} is usually sorted before the {other}, so the mornings stay calm.", "Lots of children are unsure about the {topic} at first; it settles quickly.", "We note the {topic} in her journal, so you can see how it went.", "If the {topic} is a worry, have a word with the room leader at pick-up.", "The {topic} changes with the seasons; the newsletter lists it."],
};

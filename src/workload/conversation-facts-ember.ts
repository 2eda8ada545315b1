/**
 * The `ember` set (issue #17, twelfth round; seeds 1601–1603): written blind, without reading the memory code, its
 * docs, its tests or its figures, and committed before anything ran on it; measured once. A sixteenth conversation
 * kind (a wedding planner, `wedding`), new slots for support (a meal-kit subscription), coding (a data warehouse
 * migration) and travel (a family cruise), and corrections in forms the earlier sets did not use: a row of a
 * Markdown table, one bullet of a change list, a line typed by someone else on the same account, the answer to a
 * question the assistant is said to have asked, a value first and its subject after it ("The {s}, I mean"), a
 * question-and-answer pair, and a lead-in that says the user has to check with others before the value comes turns
 * later. Second corrections go back to the first value in new words or say the value is neither of the earlier
 * two; restatements repeat the value as a table row or turn down a value from a group chat. A harness: nothing in
 * the request path reads this.
 */
import { emberKindSlots, emberPeople, type EmberKind, type EmberSlot } from "./conversation-facts-ember-slots.ts";

export type { EmberKind, EmberSlot };

/**
 * `{s}` the subject, `{v}` the new value, `{old}` the old one; `{restate}` the slot's own phrasing with the new
 * value; `{later}` ends a lead-in said two or three user turns before the value. A slot's own corrections are drawn from as well.
 */
export const emberCorrectionPhrasings: readonly string[] = [
  "Updated sheet, the rest unchanged:\n\n| item | value |\n|---|---|\n| {s} | {v} |",
  "Changes since last time:\n- {s}: {v}\n- everything else as before",
  "(my partner here, same account) the {s} is {v}, whatever you were told before.",
  "To your question earlier — no, the {s} isn't {old} any more; it's {v}.",
  "That one's changed — {v}. (The {s}, I mean.)",
  "Q: has the {s} changed? A: yes, {v}.",
  "Hang on, I need to check the {s} with the others before I confirm anything.{later}Checked with everyone: {v}.",
  "{restate}",
];

/** Second corrections of any slot that has its own: `{old}` the value being replaced, `{first}` alone the first one. */
const recorrections: readonly string[] = [
  "Back to the original {s}: {first}. Sorry for the back and forth.",
  "Another change on the {s}: {v} (so not {old}, and not the one before it either).",
  "{restate}",
];

/** Restatements of any slot that has its own: the current value again, nothing corrected (`{decoy}`: another value named, not adopted). */
const restatements: readonly string[] = [
  "For the record, the {s} is still {v}.",
  "Someone on the group chat said {decoy} for the {s} — they're wrong, it's {v}.",
  "| {s} | {v} | unchanged |",
];

const shared: readonly EmberSlot[] = [
  { category: "preference", subject: "way to reach me", correctable: true, values: ["WhatsApp", "email only", "a phone call after 5 pm", "text messages, no calls", "Signal"], phrasings: ["Best way to reach me is {v}.", "reach me on {v}"], corrections: ["New job, can't take calls at my desk — {v} from now on."] },
  { category: "number", subject: "contact number", correctable: true, values: ["020 7946 0321 ext. 14", "020 7946 0321 ext. 41", "020 7946 0312 ext. 14", "0161 496 0732", "0161 496 0723"], phrasings: ["You can call {v}.", "tel: {v}"], corrections: ["Wrong extension or wrong line, one of the two — it's {v}."], recorrections: ["Moved desks: {v}, {old} rings an empty room now."] },
  { category: "name", subject: "person paying", correctable: true, values: emberPeople, phrasings: ["{v} is paying for this.", "bills go to {v}"], corrections: ["The one footing the bill is {v} now, not {old}."] },
  { category: "number", subject: "account number", values: ["ACC-330918", "ACC-339018", "ACC-330981", "ACC-303918"], phrasings: ["My account number is {v}.", "acct {v}"], restatements: ["{decoy} is my old account, closed; the live one is {v}"] },
  { category: "constraint", subject: "dietary need", values: ["no nuts at all, it's a severe allergy", "vegetarian, but eats fish", "gluten-free (coeliac)", "no pork", "halal only"], phrasings: ["Please note: {v}.", "diet: {v}"] },
  { category: "date", subject: "time I'm unavailable", values: ["1–15 August", "the second half of October", "23 December to 3 January", "Easter week"], phrasings: ["I'm unreachable {v}.", "off grid {v}"] },
];

/** The ember set's slots of one kind, the shared ones first; a slot with its own second corrections or restatements also draws from the set's. */
export function emberSlotsOf(kind: EmberKind): readonly EmberSlot[] {
  const slots: readonly EmberSlot[] = [...shared, ...emberKindSlots[kind]];
  return slots.map((slot) => ({
    ...slot,
    ...(slot.recorrections === undefined ? {} : { recorrections: [...recorrections, ...slot.recorrections] }),
    ...(slot.restatements === undefined ? {} : { restatements: [...restatements, ...slot.restatements] }),
  }));
}

/** The wedding kind's filler (conversation-filler.ts reads it): talk about planning a wedding, no fact of any slot. */
export const weddingFiller = {
  topics: ["seating plan", "table plan", "flowers", "cake tasting", "hair trial", "order of service", "speeches", "evening buffet", "save-the-dates", "rings", "confetti rules", "rain plan"],
  user: ["My aunt has opinions about the {topic} again.", "Is it normal to still be undecided on the {topic} at this point?", "We argued about the {topic} last night, nothing settled.", "Can you remind me what we still owe on the {topic}?", "Honestly I'd skip the {topic} if I could."],
  assistant: ["Most couples sort the {topic} after the {other}, so there's time.", "The {topic} is usually the easy part once the {other} is done.", "I'll put the {topic} on the list for our next call.", "Suppliers often bundle the {topic} with the {other}.", "Plenty of couples keep the {topic} simple, and nobody notices."],
};

/**
 * The `cinder` set (issue #17, thirteenth round; seeds 1701–1703): written blind, without reading the memory code,
 * its docs, its tests or its figures, and committed before anything ran on it; measured once. A seventeenth
 * conversation kind (a home-care agency arranging visits for an elderly father, `homecare`), new slots for support
 * (a home alarm monitoring contract), coding (a mobile app store release) and travel (a family rail trip in Japan),
 * and corrections in forms the earlier sets did not use: a form resubmitted with the new box ticked and the old one
 * empty, a voicemail from someone else transcribed, the user's own message to others forwarded, a value reached by
 * crossing the old one off, an emoji status line (❌ old ✅ new), a pending condition resolved, autocorrect blamed,
 * and a lead-in saying the value is still being argued about. Second corrections reinstate the first value as
 * "the change never went through" or "both changes scrapped", or say "third time lucky". A harness: nothing in
 * the request path reads this.
 */
import { cinderKindSlots, cinderPeople, type CinderKind, type CinderSlot } from "./conversation-facts-cinder-slots.ts";

export type { CinderKind, CinderSlot };

/**
 * `{s}` the subject, `{v}` the new value, `{old}` the old one; `{restate}` the slot's own phrasing with the new
 * value; `{later}` ends a lead-in said two or three user turns before the value. A slot's own corrections are drawn from as well.
 */
export const cinderCorrectionPhrasings: readonly string[] = [
  "Resubmitted the form — {s}: [x] {v}  [ ] {old}",
  "Voicemail from the office, auto-transcribed: \"…hi, it's about the {s}, that's now {v}, ring back if it's a problem…\"",
  "Forwarding what I just sent the family group: \"Heads up all, the {s} is {v} now.\"",
  "For the {s}, cross out {old}. What's left is {v}.",
  "{s}: ❌ {old} ✅ {v}",
  "You remember the {s} was waiting on someone else? It came back: {v}.",
  "Autocorrect strikes again — the {s} should read {v}.",
  "Don't write the {s} down yet, it's still being argued about.{later}Argument over, the {s} is settled: {v}.",
  "{restate}",
];

/** Second corrections of any slot that has its own: `{old}` the value being replaced, `{first}` alone the first one. */
const recorrections: readonly string[] = [
  "Reinstated: {first} for the {s}. The change never went through.",
  "Scrap both changes to the {s}; the very first answer, {first}, stands.",
  "Third time lucky on the {s}: {v}. Neither {old} nor what I said at the start.",
  "{restate}",
];

/** Restatements of any slot that has its own: the current value again, nothing corrected (`{decoy}`: another value named, not adopted). */
const restatements: readonly string[] = [
  "Nothing's changed on the {s} — {v}, still.",
  "An old sticky note on my desk says {decoy} for the {s}. Binned it; it's {v}.",
  "✅ {s}: {v} (checked again today)",
];

const shared: readonly CinderSlot[] = [
  { category: "preference", subject: "call-back window", correctable: true, values: ["weekday mornings before 10", "any time after the school run", "lunchtimes, 12 to 1", "evenings, but not after 8"], phrasings: ["If you need me, try {v}.", "📞 best window: {v}"], corrections: ["My shifts changed, so ring me {v} from now on."] },
  { category: "name", subject: "emergency contact", correctable: true, values: cinderPeople, phrasings: ["In an emergency it's {v} — they live closest.", "emergency contact ➜ {v}"], corrections: ["{old} is abroad till spring; put {v} down as the person to ring if something happens."], recorrections: ["{old} lost their phone, so for emergencies it's {v}."] },
  { category: "date", subject: "annual leave", correctable: true, values: ["the fortnight either side of Diwali", "3rd to 21st of March", "the whole of half-term week", "Boxing Day until the 6th"], phrasings: ["Out of office: {v}.", "I'm on leave {v}."], corrections: ["HR bounced my leave request; I'm off {v} instead."] },
  { category: "number", subject: "customer reference", values: ["CR-7730-19", "CR-7703-19", "CR-7730-91", "CR-3770-19"], phrasings: ["Customer reference {v}.", "[x] customer ref: {v}"], restatements: ["the welcome pack says {decoy}, which is a sample number in the leaflet; mine is {v}"] },
  { category: "constraint", subject: "quiet hours", values: ["nothing before 9 on weekends", "no calls during Friday prayers", "no doorbell after 7 pm, the baby sleeps", "no texts on Sundays"], phrasings: ["House rule, please: {v}.", "🔕 {v}"] },
  { category: "number", subject: "spending cap", correctable: true, values: ["£180 a month", "£210 a month", "£150 a month", "£240 a month"], phrasings: ["Hard cap is {v}.", "cap ≤ {v}"], corrections: ["Had a look at the bank statement with my sister — the cap is {v}."] },
];

/** The cinder set's slots of one kind, the shared ones first; a slot with its own second corrections or restatements also draws from the set's. */
export function cinderSlotsOf(kind: CinderKind): readonly CinderSlot[] {
  const slots: readonly CinderSlot[] = [...shared, ...cinderKindSlots[kind]];
  return slots.map((slot) => ({
    ...slot,
    ...(slot.recorrections === undefined ? {} : { recorrections: [...recorrections, ...slot.recorrections] }),
    ...(slot.restatements === undefined ? {} : { restatements: [...restatements, ...slot.restatements] }),
  }));
}

/** The homecare kind's filler (conversation-filler.ts reads it): talk about arranging an elderly parent's care, no fact of any slot. */
export const homecareFiller = {
  topics: ["care diary", "blister-pack delivery", "pendant alarm", "commode", "grab rail in the bathroom", "pad order", "district nurse visit", "attendance allowance form", "fridge check", "hearing aid", "pressure cushion", "laundry"],
  user: ["He's been grumpy about the {topic} all week.", "Does anyone actually check the {topic}, or is that on me?", "My brother thinks the {topic} is a waste of money.", "I found the {topic} under a pile of post again.", "Sorry, slightly off topic, but the {topic} is driving me up the wall."],
  assistant: ["Carers usually note the {topic} in the daily log, so it's worth a look.", "The {topic} often sorts itself once the {other} is settled.", "I'll mention the {topic} to the coordinator before the next rota goes out.", "Lots of families find the {topic} the hardest part at first.", "The occupational therapist can advise on the {topic} as well as the {other}."],
};

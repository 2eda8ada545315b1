/**
 * The `basalt` set (issue #17, fifteenth round; seeds 1901–1903): written blind, without reading the memory code,
 * its docs, its tests or its figures, and committed before anything ran on it. A nineteenth conversation kind (a
 * band's tour logistics, `tour`), new slots for support (a small business moving office), coding (a mobile app
 * release) and travel (a rail trip across Europe), and corrections in forms the earlier sets did not use: "make it X
 * instead", a chat-style "*value" fix on the line after a mistyped one, a WhatsApp-style quoted reply, a
 * self-answered question ("Did I say …? I meant …"), autocorrect blamed, a bandmate on the same phone, a
 * correction that names its subject only by "it" (the subject in the previous user turn), a subject alone in one
 * turn and the bare value in the next, a correction in the middle of an unrelated to-do list, a quoted CSV line re-sent. A
 * harness: nothing in the request path reads this.
 */
import { basaltKindSlots, basaltPeople, type BasaltKind, type BasaltSlot } from "./conversation-facts-basalt-slots.ts";

export type { BasaltKind, BasaltSlot };

/**
 * `{s}` the subject, `{v}` the new value, `{old}` the old one; `{restate}` the slot's own phrasing with the new
 * value; `{turn}` splits the sentence over two adjacent user turns (the value in the second). A slot's own
 * corrections are drawn from as well.
 */
export const basaltCorrectionPhrasings: readonly string[] = [
  "For the {s}, make it {v} instead.",
  "Just so you have it, the {s} is {old}\n*{v} — fat fingers, sorry",
  "↪ Replying to: \"{s}: {old}\"\nthat's changed, {v}",
  "Did I say {old} for the {s}? I meant {v}.",
  "Autocorrect got me earlier — the {s} should read {v}.",
  "Mags here, grabbing the phone for a sec. The {s} you've got is wrong, it's {v}.",
  "Still chasing the {s} with them.{turn}They got back to me: it's {v}, not what I said.",
  "One more thing about the {s}.{turn}{v}.",
  "Quick list before I forget:\n- book the cleaner\n- {s} is {v} now\n- chase that invoice",
  "csv again with the fix: \"{s}\",\"{v}\"",
  "{restate}",
];

/** Second corrections of any slot that has its own: `{old}` the value being replaced, `{first}` alone the first one. */
const recorrections: readonly string[] = [
  "Undo my last change to the {s}: {first} stands.",
  "Ctrl-Z on the {s}, it's {first} again.",
  "And the {s} has moved again — {v}. Not {old}, not {first}.",
  "{restate}",
];

/** Restatements of any slot that has its own: the current value again, nothing corrected (`{decoy}`: another value named, not adopted). */
const restatements: readonly string[] = [
  "Confirming the {s} is still {v}, nothing's changed there.",
  "A screenshot in the group chat shows {decoy} for the {s}; it's an old one. {v} is right.",
];

const shared: readonly BasaltSlot[] = [
  { category: "preference", subject: "contact channel", correctable: true, values: ["Signal voice notes", "a text, not a call", "the group email", "Slack DMs"], phrasings: ["Reach me by {v}, please.", "contact: {v}"], corrections: ["New phone, no apps yet — {v} for now."] },
  { category: "name", subject: "second contact", correctable: true, values: basaltPeople, phrasings: ["If I'm not answering, ask {v}.", "backup contact {v}"], corrections: ["{old} is off on paternity leave; {v} covers for me."], recorrections: ["{old} can't cover after all; {v} can."] },
  { category: "preference", subject: "time zone", correctable: true, values: ["UK time", "Central European Time", "Eastern Time", "Irish time"], phrasings: ["Any times you give me, put them in {v}.", "tz: {v}"], corrections: ["I'll be abroad, so quote {v} from now on."] },
  { category: "name", subject: "company name", values: ["Hollow Pines Ltd", "Hollow Pine Ltd", "Hollowpine Ltd", "Hollow Pines LLP"], phrasings: ["Everything goes under {v}.", "entity: {v}"], restatements: ["The old letterhead says {decoy}; the registered name is {v}."] },
];

/** The basalt set's slots of one kind, the shared ones first; a slot with its own second corrections or restatements also draws from the set's. */
export function basaltSlotsOf(kind: BasaltKind): readonly BasaltSlot[] {
  const slots: readonly BasaltSlot[] = [...shared, ...basaltKindSlots[kind]];
  return slots.map((slot) => ({
    ...slot,
    ...(slot.recorrections === undefined ? {} : { recorrections: [...recorrections, ...slot.recorrections] }),
    ...(slot.restatements === undefined ? {} : { restatements: [...restatements, ...slot.restatements] }),
  }));
}

/** The tour kind's filler (conversation-filler.ts reads it): talk about a band on the road, no fact of any slot. */
export const tourFiller = {
  topics: ["setlist", "van battery", "merch table", "in-ear mixes", "guitar tech", "laminates", "soundcheck", "drum riser", "guest list", "splitter box", "day sheet", "parking permit"],
  user: ["The {topic} was a mess again last night, everyone was grumpy.", "Does the venue usually sort the {topic}, or is that on us?", "Our bassist has opinions about the {topic}, as ever.", "I keep forgetting to check the {topic} before we set off.", "Random thought, but the {topic} could do with a rethink."],
  assistant: ["Most touring bands check the {topic} at every stop, so it's a good habit.", "The {topic} tends to settle down once the {other} is sorted.", "I'll ask the promoter's rep about the {topic} before the next date.", "A lot of bands find the {topic} the fiddliest part of the first week out.", "The crew can look at the {topic} and the {other} together at soundcheck."],
};

/**
 * The `pumice` set (issue #17, sixteenth round; seeds 2001–2003): written blind, without reading the memory code,
 * its docs, its tests or its figures, and committed before anything ran on it. A twentieth conversation kind (a
 * clinical-trial site coordinator, `trialsite`), new slots for support (a shop changing its card terminals), coding
 * (a data-warehouse migration) and travel (a ski week), and corrections in forms no earlier set used: a tracked
 * change ("[deleted: …] [inserted: …]"), "let me rephrase", "ignore my earlier …", a read-back disputed ("you read it
 * back as …"), a sticky note trusted over what was typed, a "(message edited)" marker, "rather than …, …", an
 * SMS-style "upd8", a key = value line, a colleague's reply-all, the subject only in the turn before ("that's out of
 * date — …"). A harness: nothing in the request path reads this.
 */
import { pumiceKindSlots, pumicePeople, type PumiceKind, type PumiceSlot } from "./conversation-facts-pumice-slots.ts";

export type { PumiceKind, PumiceSlot };

/**
 * `{s}` the subject, `{v}` the new value, `{old}` the old one; `{restate}` the slot's own phrasing with the new
 * value; `{turn}` splits the sentence over two adjacent user turns (the value in the second). A slot's own
 * corrections are drawn from as well.
 */
export const pumiceCorrectionPhrasings: readonly string[] = [
  "Tracked changes from the shared doc — {s}: [deleted: {old}] [inserted: {v}]",
  "Let me rephrase what I said about the {s}: it's {v}.",
  "Ignore my earlier {s}. The right one is {v}.",
  "You read the {s} back to me as {old} a while ago; it's {v}.",
  "There's a sticky note on my monitor that says {s} {v}, and I trust it over what I typed.",
  "(message edited) the {s} is {v}",
  "Rather than {old} for the {s}, {v}.",
  "upd8 on {s}: {v}",
  "{s} = {v}   # was {old}",
  "Reply-all from Dorota: \"Hi both, small thing, the {s} is {v} per the latest version.\"",
  "I told you something about the {s} earlier.{turn}That's out of date — {v} is current.",
  "{restate}",
];

/** Second corrections of any slot that has its own: `{old}` the value being replaced, `{first}` alone the first one. */
const recorrections: readonly string[] = [
  "Revert the {s} to {first}, please; the change didn't go through.",
  "As you were on the {s}: {first}.",
  "Third time lucky on the {s}: {v}. Forget {old} and {first} both.",
  "{restate}",
];

/** Restatements of any slot that has its own: the current value again, nothing corrected (`{decoy}`: another value named, not adopted). */
const restatements: readonly string[] = [
  "For the avoidance of doubt, the {s} hasn't moved: {v}.",
  "Someone printed {decoy} as the {s} on the noticeboard; that's a typo, it's {v}.",
];

const shared: readonly PumiceSlot[] = [
  { category: "preference", subject: "contact channel", correctable: true, values: ["Teams chat", "a phone call after 4pm", "email to my work address", "WhatsApp messages"], phrasings: ["Best way to reach me is {v}.", "reach me: {v}"], corrections: ["IT locked down my laptop, so {v} from now on."] },
  { category: "name", subject: "second contact", correctable: true, values: pumicePeople, phrasings: ["When I'm out, {v} can answer for me.", "cover: {v}"], corrections: ["{old} has left the team; {v} is my cover now."], recorrections: ["{old} is on jury service, so {v} again."] },
  { category: "preference", subject: "time zone", correctable: true, values: ["Pacific Time", "Central European Time", "UK time", "Singapore time"], phrasings: ["Give me times in {v}, please.", "timezone {v}"], corrections: ["I'm relocating for a month; use {v}."] },
  { category: "name", subject: "organisation name", values: ["Brightwell Research", "Brightwel Research", "Brightwell Researches", "Brightwell Research Group"], phrasings: ["We're registered as {v}.", "org: {v}"], restatements: ["An old badge says {decoy}; the registered name is {v}."] },
];

/** The pumice set's slots of one kind, the shared ones first; a slot with its own second corrections or restatements also draws from the set's. */
export function pumiceSlotsOf(kind: PumiceKind): readonly PumiceSlot[] {
  const slots: readonly PumiceSlot[] = [...shared, ...pumiceKindSlots[kind]];
  return slots.map((slot) => ({
    ...slot,
    ...(slot.recorrections === undefined ? {} : { recorrections: [...recorrections, ...slot.recorrections] }),
    ...(slot.restatements === undefined ? {} : { restatements: [...restatements, ...slot.restatements] }),
  }));
}

/** The trialsite kind's filler (conversation-filler.ts reads it): talk about running a trial site, no fact of any slot. */
export const trialsiteFiller = {
  topics: ["eCRF queries", "source documents", "consent forms", "lab kits", "IRB binder", "delegation log", "temperature logger", "query backlog", "patient diaries", "pharmacy log", "monitoring visit", "adverse event form"],
  user: ["The {topic} took most of my morning again.", "Do other sites keep the {topic} on paper or electronically?", "Our PI keeps asking about the {topic}, I don't know why.", "I still haven't tidied the {topic} since the audit.", "Honestly the {topic} is the least fun part of this job."],
  assistant: ["Most sites review the {topic} weekly so nothing piles up.", "The {topic} is usually easier once the {other} is in order.", "I can draft a checklist for the {topic} if that helps.", "Monitors tend to look at the {topic} first on a visit.", "Keeping the {topic} and the {other} in one place saves a lot of searching."],
};

/**
 * The `flint` set (issue #17, fourteenth round; seeds 1801–1803): written blind, without reading the memory code,
 * its docs, its tests or its figures, and committed before anything ran on it; measured once. An eighteenth
 * conversation kind (a boat-mooring marina's office, `marina`), new slots for support (a car lease ending), coding
 * (a PostgreSQL major-version migration) and travel (a family ski week), and corrections in forms the earlier sets
 * did not use: an email reply quoting the old line with "> ", a diff pair (-old/+new), a spreadsheet cell said to be
 * overwritten, the answer to a question the assistant is said to have asked, a second person on the same account, a
 * correction spread over two sentences, a correction whose subject is only in the previous user turn (`{turn}`), a
 * call-back awaited before the value (`{later}`). Second corrections undo the change ("Revert my edit") or replace
 * both. A harness: nothing in the request path reads this.
 */
import { flintKindSlots, flintPeople, type FlintKind, type FlintSlot } from "./conversation-facts-flint-slots.ts";

export type { FlintKind, FlintSlot };

/**
 * `{s}` the subject, `{v}` the new value, `{old}` the old one; `{restate}` the slot's own phrasing with the new
 * value; `{turn}` splits the sentence over two adjacent user turns (the value in the second); `{later}` ends a
 * lead-in said two or three user turns before the value. A slot's own corrections are drawn from as well.
 */
export const flintCorrectionPhrasings: readonly string[] = [
  "> the {s} is {old}\n\nNot any more, I'm afraid — {v}.",
  "Diff against what I sent before:\n-{s}: {old}\n+{s}: {v}",
  "Strike the {s} I gave you and put {v} in its place.",
  "Cell B4 on our shared sheet (the {s}) has been overwritten with {v}.",
  "On what you asked earlier, whether the {s} was final: it wasn't. Final is {v}.",
  "This is Hal, I do the paperwork for us both. The {s} you were given is out of date; it's {v}.",
  "Change on the {s}. It's {v} now.",
  "Ugh, I gave you the wrong {s} before.{turn}The right one is {v}.",
  "Waiting on a call-back about the {s}, so don't lock it in yet.{later}Call-back came: {v}. Lock that in.",
  "{restate}",
];

/** Second corrections of any slot that has its own: `{old}` the value being replaced, `{first}` alone the first one. */
const recorrections: readonly string[] = [
  "Revert my edit to the {s}. It's {first} again, as it was.",
  "The later {s} I gave you was a mistake; the original one holds: {first}.",
  "Changed again, sorry: the {s} is {v}. Neither {first} nor {old}.",
  "{restate}",
];

/** Restatements of any slot that has its own: the current value again, nothing corrected (`{decoy}`: another value named, not adopted). */
const restatements: readonly string[] = [
  "For the record, the {s} hasn't moved: {v}.",
  "Found {decoy} on an old printout for the {s}. Ignore it; {v} is current.",
  "Rang to double-check the {s} this morning — still {v}.",
];

const shared: readonly FlintSlot[] = [
  { category: "preference", subject: "contact channel", correctable: true, values: ["WhatsApp, not calls", "a call after six in the evening", "email only, I'm out on jobs all day", "short texts"], phrasings: ["Best way to reach me: {v}.", "contact → {v}"], corrections: ["My phone keeps dropping calls, so from now on it's {v}."] },
  { category: "name", subject: "second contact", correctable: true, values: flintPeople, phrasings: ["If I don't answer, try {v}.", "2nd contact: {v}"], corrections: ["{old} has moved abroad; put {v} down as the backup."], recorrections: ["{old} changed jobs and never picks up; the backup is {v} now."] },
  { category: "date", subject: "away dates", correctable: true, values: ["12–19 April", "19–26 April", "the first week of May", "the late May bank holiday weekend"], phrasings: ["I'm away {v}.", "away: {v}"], corrections: ["Work moved my trip; I'm gone {v} instead."] },
  { category: "number", subject: "account number", values: ["AC-55012-K", "AC-55021-K", "AC-50512-K", "AC-55012-X"], phrasings: ["My account number is {v}.", "acct {v}"], restatements: ["the first letter you sent has {decoy} on it, a misprint they admitted; the account is {v}"] },
  { category: "constraint", subject: "budget ceiling", correctable: true, values: ["£2,400 all in", "£2,450 all in", "£2,040 all in", "£4,200 all in"], phrasings: ["Budget tops out at {v}.", "ceiling: {v}"], corrections: ["Went through the accounts with my partner; the ceiling is {v}."] },
  { category: "constraint", subject: "no-go times", values: ["nothing before eight on Saturdays", "no calls during the school pickup", "not on Friday evenings", "nothing on payday, it's chaos"], phrasings: ["Please: {v}.", "⛔ {v}"] },
];

/** The flint set's slots of one kind, the shared ones first; a slot with its own second corrections or restatements also draws from the set's. */
export function flintSlotsOf(kind: FlintKind): readonly FlintSlot[] {
  const slots: readonly FlintSlot[] = [...shared, ...flintKindSlots[kind]];
  return slots.map((slot) => ({
    ...slot,
    ...(slot.recorrections === undefined ? {} : { recorrections: [...recorrections, ...slot.recorrections] }),
    ...(slot.restatements === undefined ? {} : { restatements: [...restatements, ...slot.restatements] }),
  }));
}

/** The marina kind's filler (conversation-filler.ts reads it): talk about keeping a boat at a marina, no fact of any slot. */
export const marinaFiller = {
  topics: ["fender", "bilge pump", "pontoon gate", "winter cover", "shower block", "fuel berth", "anode", "chandlery", "visitor berth", "sea cock", "cockpit drain", "mooring warp"],
  user: ["The {topic} was making a strange noise again when I went down at the weekend.", "Is the {topic} something the marina looks after, or is that my job?", "My neighbour on the pontoon swears by a new {topic}.", "I keep forgetting to check the {topic} before I leave.", "Bit of a tangent, but the {topic} has seen better days."],
  assistant: ["Most berth holders check the {topic} every visit, so it's a good habit.", "The {topic} tends to be fine once the {other} is sorted.", "I'll ask the yard team to look at the {topic} on their next round.", "A lot of owners find the {topic} the fiddliest part of the first season.", "The chandlery can advise on the {topic} and the {other} together."],
};

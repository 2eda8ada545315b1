/**
 * The `slate` set (issue #17, eleventh round; seeds 1501–1503): written blind, without reading the memory code, its
 * docs, its tests or its figures, and committed before anything ran on it; measured once. A fifteenth conversation
 * kind (a mortgage broker's case desk, `mortgage`), new slots for support (a home solar and battery installer),
 * coding (a mobile app release) and travel (a long-distance walk with luggage transfer), and corrections in the
 * forms people use in chat tools and on phones: strikethrough ("~~old~~ new"), sed-style ("s/old/new/"), an
 * "EDIT:" tag, an amendment of the assistant's own recap, one item of a numbered list, a transcribed voice note
 * with its ums, a question the user answers themself, and a lead-in that asks what is on file before the new value
 * comes turns later. Second corrections are numbered ("v3 … (v2 was …)") or undo the last
 * change; restatements name a fallback value only as a hypothetical, or a value a form filled in by itself. A
 * harness: nothing in the request path reads this.
 */
import { slateKindSlots, slatePeople, type SlateKind, type SlateSlot } from "./conversation-facts-slate-slots.ts";

export type { SlateKind, SlateSlot };

/**
 * `{s}` the subject, `{v}` the new value, `{old}` the old one; `{restate}` the slot's own phrasing with the new
 * value; `{later}` ends a lead-in said two or three user turns before the value. A slot's own corrections are drawn from as well.
 */
export const slateCorrectionPhrasings: readonly string[] = [
  "~~{old}~~ {v}",
  "s/{old}/{v}/",
  "EDIT: {s} is {v}",
  "In your recap you've got {old} for the {s} — make that {v}.",
  "Three things: 1) thanks for the quick reply 2) {s} → {v} 3) I'll send the rest tonight",
  "[voice note, transcribed] yeah so um the {s} it's actually {v} now yeah",
  "Which {s} do you have on file for me at the moment?{later}OK, please change it to {v}.",
  "Would {v} work for the {s} instead? Actually, don't answer — let's go with {v}.",
  "{restate}",
];

/** Second corrections of any slot that has its own: `{old}` the value being replaced, `{first}` alone the first one. */
const recorrections: readonly string[] = [
  "v3 of the {s}: {v} (v2 was {old})",
  "Undo my last change, {first} stands.",
  "{restate}",
];

/** Restatements of any slot that has its own: the current value again, nothing corrected (`{decoy}`: another value named, not adopted). */
const restatements: readonly string[] = [
  "Just so we're on the same page: {s} = {v}.",
  "If the {s} has to change we'd fall back to {decoy}, but as of today it's {v}.",
  "The form auto-filled {decoy} — ignore that, it's {v}.",
];

const shared: readonly SlateSlot[] = [
  { category: "preference", subject: "best time to call", correctable: true, values: ["weekday evenings after 6", "Tuesday or Thursday mornings", "lunchtimes only, 12 to 1", "any time before 8 am", "Saturday mornings"], phrasings: ["Best time to call me is {v}.", "calls: {v} works"], corrections: ["I've gone part-time, so calls {v} from now on."] },
  { category: "number", subject: "callback number", correctable: true, values: ["07700 900418", "07700 900481", "07700 900148", "07700 900841", "07700 900814"], phrasings: ["Call me back on {v}.", "my mobile's {v}"], corrections: ["Two digits swapped, sorry: {v}."], recorrections: ["New SIM: {v}, {old} is dead."] },
  { category: "name", subject: "main contact", correctable: true, values: slatePeople, phrasings: ["Main contact: {v}.", "{v} is handling this on our side."], corrections: ["{old} is the contact for the other account; on this one it's {v}."] },
  { category: "number", subject: "reference number", values: ["REF 7731-A", "REF 7713-A", "REF 7731-B", "REF 1773-A"], phrasings: ["Our reference is {v}.", "quote {v} pls"], restatements: ["the letter says {decoy} but that's a misprint; it's {v}"] },
  { category: "constraint", subject: "accessibility need", values: ["large-print letters", "no phone calls, text relay only", "step-free access", "a BSL interpreter for meetings", "plain-text documents, I use a screen reader"], phrasings: ["Please note: {v}.", "Accessibility: {v}."] },
  { category: "date", subject: "time I'm away", values: ["3–17 August", "the first two weeks of July", "22 December to 2 January", "10–14 April"], phrasings: ["Diary note, I'm away {v}.", "away {v}, nothing then please"] },
  { category: "preference", subject: "language for letters", values: ["Welsh", "English and Polish", "Spanish", "plain English, no jargon"], phrasings: ["Letters in {v}, please.", "Could written stuff be in {v}?"] },
];

/** The slate set's slots of one kind, the shared ones first; a slot with its own second corrections or restatements also draws from the set's. */
export function slateSlotsOf(kind: SlateKind): readonly SlateSlot[] {
  const slots: readonly SlateSlot[] = [...shared, ...slateKindSlots[kind]];
  return slots.map((slot) => ({
    ...slot,
    ...(slot.recorrections === undefined ? {} : { recorrections: [...recorrections, ...slot.recorrections] }),
    ...(slot.restatements === undefined ? {} : { restatements: [...restatements, ...slot.restatements] }),
  }));
}

/** The mortgage kind's filler (conversation-filler.ts reads it): talk about buying a home, no fact of any slot. */
export const mortgageFiller = {
  topics: ["valuation", "survey", "affordability check", "agreement in principle", "payslips", "bank statements", "gifted deposit letter", "stamp duty", "searches", "exchange", "buildings insurance", "offer letter"],
  user: ["The estate agent keeps ringing about the {topic}, is that normal?", "I've scanned the {topic}, do you want them as one PDF?", "My parents are asking about the {topic} again.", "Honestly the {topic} is what keeps me up at night.", "Do we need to do anything for the {topic}, or is that your side?"],
  assistant: ["The {topic} usually comes through before the {other}, so don't worry yet.", "Lenders look at the {topic} closely, so it's worth getting it right first time.", "I'll chase the {topic} and let you know as soon as it lands.", "The {topic} and the {other} can run in parallel.", "Most delays at this stage come from the {topic}, not from you."],
};

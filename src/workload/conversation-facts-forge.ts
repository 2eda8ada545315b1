/**
 * The `forge` development set (issue #17, ninth round): written after lantern's misses were classed, in other
 * vocabulary, to tune the ledger against and then check on seeds never looked at (`forge` seeds 1101–1103 tuned
 * on, `forge_check` seeds 1201–1203 only in aggregate). A new kind (a vet practice's front desk), a bakery's
 * card terminals and a Scottish campervan trip. A harness: nothing in the request path reads this.
 */
import { forgeKindSlots, forgePeople, type ForgeKind } from "./conversation-facts-forge-slots.ts";
import type { LanternSlot } from "./conversation-facts-lantern-slots.ts";

export type { ForgeKind };

/** `{s}` the subject, `{v}` the new value, `{old}` the old one; `{restate}` the slot's own phrasing; `{turn}` splits two user turns. */
export const forgeCorrectionPhrasings: readonly string[] = [
  "Never mind {old}. Put down {v}.",
  "{v} rather than {old}, sorry.",
  "Heads-up: {v} from today.",
  "One change.{turn}Make it {v}, not {old}.",
  "I had that wrong earlier. {v} is right.",
  "Regarding the {s}, a change: {v}.",
  "{restate}",
];

/** Second corrections (`{old}` the value being replaced, `{first}` alone: back to the first one). */
const recorrections: readonly string[] = [
  "Changed once more on the {s}: {v}.",
  "And again.{turn}{v} instead of {old}.",
  "Go back to {first} for the {s}.",
  "{restate}",
];

/** The current value again, nothing corrected (`{decoy}`: another value named, not adopted). */
const restatements: readonly string[] = [
  "To confirm, the {s} stays {v}.",
  "Unchanged: {v}.",
  "The paperwork said {decoy}; the {s} is {v}.",
];

const shared: readonly LanternSlot[] = [
  { category: "preference", subject: "best time to call", correctable: true, values: ["late mornings", "after the school run", "weekday evenings", "Sunday afternoons", "just before lunch"], phrasings: ["{v} work best for calls.", "Ring me {v} if you can."], corrections: ["The new job has odd hours, so {v} are better for calls now."] },
  { category: "number", subject: "account number", values: ["AC-31877", "AC-40269", "AC-58812", "AC-66034"], phrasings: ["My account number is {v}.", "I'm on file as {v}."], restatements: ["Your email quoted {decoy}, but that's my sister's account; mine is {v}."] },
  { category: "name", subject: "emergency contact", correctable: true, values: forgePeople, phrasings: ["{v}, my neighbour, is my emergency contact.", "In an emergency, ring {v}."], corrections: ["My neighbour is moving away.{turn}From now on {v}, my brother, is the emergency contact."], none: "no emergency contact", retirements: ["Cross {old} off, I don't want anyone called: {none}.", "Strike {old} from my notes; {none} for now."] },
  { category: "decision", subject: "invoice delivery", values: ["a PDF by email", "a paper copy in the post", "a link by text", "the online portal"], phrasings: ["Send invoices as {v}.", "Invoices: {v}, please."], offers: ["I'll send invoices as {v}, is that alright?", "Billing normally goes out as {v}; okay with you?"], confirmations: ["That's fine.", "Sure."], counters: ["{old} never reaches me, could you do {v}?", "Not {old}, please. {v} is easier."] },
  { category: "constraint", subject: "parking", values: ["a blue-badge bay", "the staff car park", "a space by the ramp", "the street at the back"], phrasings: ["I'll need {v} when I come.", "Please keep {v} free for me."], none: "no parking needed", retirements: ["My son drives me now, so never mind {old}: {none}.", "I'm walking over from now on; {none}."] },
  { category: "date", subject: "holiday away", correctable: true, values: ["the last fortnight of July", "the 19th", "the week after the bank holiday", "Thursday 4 September", "a month after the wedding"], phrasings: ["I'm away {v}, so nothing then please.", "We're on holiday {v}."], corrections: ["The flights got cancelled.{turn}We're away {v} now."], recorrections: ["Moved again; we're away {v}, not {old}.", "The airline sorted it, so {first} after all."] },
];

/** The forge set's slots of one kind, the shared ones first; a slot with its own second corrections or restatements also draws from the set's. */
export function forgeSlotsOf(kind: ForgeKind): readonly LanternSlot[] {
  const slots: readonly LanternSlot[] = [...shared, ...forgeKindSlots[kind]];
  return slots.map((slot) => ({
    ...slot,
    ...(slot.recorrections === undefined ? {} : { recorrections: [...recorrections, ...slot.recorrections] }),
    ...(slot.restatements === undefined ? {} : { restatements: [...restatements, ...slot.restatements] }),
  }));
}

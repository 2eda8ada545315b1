/**
 * The `sealed` set (issue #17, fifth round): written blind, without reading the memory code, its docs or
 * its figures, and committed before anything ran on it; measured once. New slots and values, a seventh
 * conversation kind (a job search), and corrections in forms the earlier sets lack: no correction word at
 * all, "scratch that" and "actually" in new frames, the old value first ("{old}? No…"), the new value or a
 * name first, no subject, the subject in other words or a pronoun (the slots' own corrections, in
 * conversation-facts-sealed-slots.ts), a correction split over two user turns (`{turn}`), and numbers
 * written as words. A harness: nothing in the request path reads this.
 */
import { sealedKindSlots, type SealedKind, type SealedSlot } from "./conversation-facts-sealed-slots.ts";

export type { SealedKind, SealedSlot };

/**
 * `{s}` the subject, `{v}` the new value, `{old}` the old one; `{restate}` the slot's own phrasing with the
 * new value; `{turn}` ends the first of two user turns. A slot's own corrections are drawn from as well.
 */
export const sealedCorrectionPhrasings: readonly string[] = [
  "Actually it's {v}. I had the {s} wrong.",
  "Scratch that last bit about the {s}; {v} is what it is.",
  "Ignore what I said before: {v}, not {old}.",
  "{v} is the right {s}, I mixed it up with something else.",
  "Re the {s}: they came back with {v} instead.",
  "Wait, one thing I told you earlier was wrong.{turn}The {s} is {v}.",
  "Just heard back, {s} is now {v}.",
  "{old}? No, it's {v}, sorry.",
  "I keep saying {old} but I mean {v}.",
  "Not {old} after all. {v}.",
  "Ah, before I forget about the {s}…{turn}It changed to {v}.",
  "{restate}",
  "{restate}",
  "{restate}",
];

const shared: readonly SealedSlot[] = [
  { category: "name", subject: "surname", correctable: true, values: ["Achterberg", "Ferreira-Lund", "O'Mahony", "Wiśniewska"], phrasings: ["It's Dana {v}, for your records.", "Signing off as always, Dana {v}."], corrections: ["I got married last month, so it's Dana {v} on everything now.", "Typo in my family name earlier, it's spelled {v}."] },
  { category: "preference", subject: "time zone", correctable: true, values: ["Pacific time", "Central European time", "Singapore time", "Eastern time"], phrasings: ["I'm on {v}, so schedule things accordingly.", "All the times I give you are {v}."], corrections: ["I've relocated for a while, so treat my times as {v}."] },
  { category: "name", subject: "spouse", values: ["Cormac", "Ingeborg", "Thiago", "Rukmini"], phrasings: ["My spouse {v} sometimes uses this account.", "If {v} calls, that's my spouse, you can talk to them."] },
  { category: "number", subject: "loyalty number", values: ["LY 40 772 913", "LY 18 305 664", "LY 92 410 057", "LY 63 881 209"], phrasings: ["My loyalty number is {v}.", "Points go on {v}, please."] },
];

/** The sealed set's slots of one kind: the shared ones first, as in the other tables. */
export function sealedSlotsOf(kind: SealedKind): readonly SealedSlot[] {
  return [...shared, ...sealedKindSlots[kind]];
}

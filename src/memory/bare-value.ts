/**
 * A value said with no subject of its own ("Unit 14B.", "So Monday 27 April.", "it's £84.50, not what I said",
 * `*PRT-280814` under a mistyped line): what it is about is the ledger line it can only be the newer version of.
 * People correct this way in every phrasing, so the rule reads the value's type and shape, never the words
 * around it: a subject model, not a list of cues.
 */
import { ledgerSlotOf, type TypedValue } from "./ledger-slot.ts";

/** Words that make a value a second one of its kind rather than the newer version of the first. */
const addition = /\b(?:also|another|second|plus|too|as well|additionally|extra|other)\b/i;

const specific = new Set<string>(["time", "date", "money", "quantity", "code", "email"]);

/** Words that confirm a value stands: it replaces nothing ("No change: CN-58213."). */
const confirmation = /\b(?:no change|unchanged|still|same as before|as before|confirm(?:ed|ing)?)\b/i;

/** At most this many words around the value: more, and the sentence says what it is about itself. */
const MAX_FRAME_WORDS = 2;

/** Lines read back, newest first: a bare answer corrects something said lately, not at the start of a long thread. */
const RECENT_LINES = 12;

/** Written alike; a code's lone letters may differ ("#b" and "#d", a typo), its prefixes may not ("cn-#" is not "gw-#"). */
function sameShape(old: TypedValue, value: TypedValue): boolean {
  const pattern = (shape: string) => (value.type === "code" ? shape.replace(/(?<![a-z])[a-z](?![a-z])/g, "a") : shape);
  return pattern(old.shape) === pattern(value.shape);
}

function wordsOutside(text: string, values: readonly TypedValue[]): number {
  let rest = text.toLowerCase();
  for (const value of values) rest = rest.split(value.text).join(" ");
  return rest.split(/[^a-z']+/).filter((word) => word.length > 0).length;
}

/**
 * The ledger line a subject-less value replaces, or -1. A statement is a bare value when it states one value of
 * a specific type (a time, date, amount, quantity, code or email: few facts share one) and at most two words
 * around it ("So …", "Unit …"), each said by the line it replaces. The one line among the recent ones holding a
 * value of that type written alike, and nothing else of another type, is the one it replaces; two such lines
 * and no word to choose between them, and it replaces none: a wrong guess loses a fact, a kept line only misleads.
 * A line starting with `*` right after another corrects that line's value of its type (the chat convention for
 * fixing what was just typed): the statement before it in the turn is the ledger's last line.
 *
 * @example
 * bareValueTarget(["The new address is Unit 14D, Canal Wharf.", "Doors at 19:00."], "Unit 14B.") // 0
 */
export function bareValueTarget(lines: readonly string[], text: string, cued = false): number {
  if (addition.test(text) || confirmation.test(text) || lines.length === 0) return -1;
  const slot = ledgerSlotOf(text);
  const values = slot.values.filter((value) => !value.label);
  if (values.length !== 1) return -1;
  const value = values[0]!;
  const alike = (line: string) => !line.toLowerCase().includes(value.text) && ledgerSlotOf(line).values.some((old) => !old.label && old.type === value.type && old.unit === value.unit && sameShape(old, value));
  if (text.trimStart().startsWith("*")) {
    const last = lines[lines.length - 1]!;
    return value.type !== "count" && last !== text && alike(last) ? lines.length - 1 : -1;
  }
  // Names and counts alone link nothing: people, products and places are all names, and many facts are counts.
  // A correction naming at most one word of a subject ("They got back to me: it's £84.50, not what I said.") is as bare.
  const framed = cued && slot.subject.size <= 1;
  if (!specific.has(value.type) || (!framed && wordsOutside(text, values) > MAX_FRAME_WORDS)) return -1;
  const words = framed ? [] : [...slot.subject];
  const holds = (line: string) => {
    if (line === text || !alike(line) || !words.every((word) => line.toLowerCase().includes(word))) return false;
    // A line stating another fact beside it ("VIE coach 7, seat 46 home Sunday 14 September") would lose that one.
    return ledgerSlotOf(line).values.every((old) => old.label || old.type === value.type || old.type === "name");
  };
  const candidates: number[] = [];
  for (let index = lines.length - 1; index >= Math.max(0, lines.length - RECENT_LINES); index -= 1) if (holds(lines[index]!)) candidates.push(index);
  return candidates.length === 1 ? candidates[0]! : -1;
}

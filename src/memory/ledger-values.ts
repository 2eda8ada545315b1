import { dayFollowers, relativeDates } from "./relative-dates.ts";

/**
 * The typed values a ledger statement states (a time, a date, an amount of money, a quantity with its unit, a
 * bare count, a code, an email address, a name), how each is written, and the words around a value that
 * present it as current or retire it. The slot reading (ledger-slot.ts) finds them with these patterns.
 */
export const ledgerValueTypes = ["time", "date", "money", "quantity", "count", "code", "email", "name"] as const;
export type LedgerValueType = (typeof ledgerValueTypes)[number];

export interface TypedValue {
  type: LedgerValueType;
  /** Lower-cased, as said. */
  text: string;
  /** Quantities: the unit's subject class ("seats" and "users" are one). */
  unit?: string;
  /** A bare integer naming which one ("item 2"), not how many: part of the subject, never a new value. */
  label: boolean;
  /** How it is written, finer than its type: a weekday or a calendar date, a code's letters ("ord-#"), a person's name. */
  shape: string;
  /** A person's role as the sentence gives it ("my partner Lorcan": the partner's class), empty when it gives none. */
  role?: readonly string[];
  /** A label's noun, by class ("extension" in "extension 55"): a statement about that noun may give its value. */
  labelOf?: string;
}

export const months = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
export const weekdays = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const dayMonth = `\\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:${months})\\b(?: \\d{4})?|(?:${months}) \\d{1,2}(?:st|nd|rd|th)?\\b(?:,? \\d{4})?`;
/** Longest first: an email before the code it contains, a date before the number in it. Runs are bounded: unbounded, "4-4-…" was re-read from each position (quadratic). */
export const valuePatterns: Array<[LedgerValueType, RegExp]> = [
  ["email", /\b[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+\b/gi],
  // A phone number or a dotted version is one value, not the counts in it ("+1 415 555 0142", "2.7.14").
  ["code", /\+\d[\d ()-]{6,}\d|\b\d+(?:\.\d+){2,}\b/g],
  ["time", /\b\d{1,2}:\d{2}(?:\s?[ap]\.?m\b)?|\b\d{1,2}(?:\.\d{2})?\s?[ap]\.?m\b\.?/gi],
  // Dates as people type them too: "Friday the 4th", "the 14th" (a day of the month, not "the 3rd floor"), "12/04", "mid-October".
  ["date", new RegExp(`\\b(?:(?:${weekdays}),? (?:the )?)?(?:${dayMonth})|\\b(?:(?:${weekdays}),? )?the \\d{1,2}(?:st|nd|rd|th)\\b(?! (?!${dayFollowers})[a-z])|\\b\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?\\b|\\b(?:early|mid|late)[- ](?:${months})\\b|\\b(?:${weekdays})\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b|${relativeDates}`, "gi")],
  ["money", /[€$£]\s?\d[\d,]*(?:\.\d+)?\b|\b\d[\d,]{0,32}(?:\.\d+)?\s?(?:euros?|eur|dollars?|usd|pounds?|gbp)\b|\b\d[\d,]{0,32}(?:\.\d+)?\s?[€$£]/gi],
  ["code", /\b(?=[\w-]{0,64}\d)(?=[\w-]{0,64}[a-z])[a-z0-9]+(?:[-_][a-z0-9]+)*\b/gi],
  ["count", /\b\d[\d,]*(?:\.\d+)?\b/g],
];

/** A value's written form: a correction most likely restates a date as the date it corrects was written. */
export function shapeOf(type: LedgerValueType, text: string, bound = ""): string {
  if (type === "date") return new RegExp(`^(?:${weekdays})$`, "i").test(text.trim()) ? "weekday" : /\d{4}-/.test(text) ? "iso" : /\d/.test(text) ? "calendar" : "relative";
  if (type === "code") return text.toLowerCase().replace(/\d+/g, "#");
  if (type === "time") return `time${bound}`;
  // A number is corrected by one of its magnitude: "2,150" for "3,250 euros" rather than for "5".
  if (type === "count" || type === "money") return `number:${(/\d[\d,]*/.exec(text)?.[0] ?? "").replace(/,/g, "").length}`;
  return type;
}

/** Words that present a value as the current one in place of another: "now" (not "for now": provisional), "instead", "switched … to". */
export const refersBackPattern = /\b(?<!(?:for|just|right|until|till) )now\b|\b(?:instead|anymore|any longer|after all|from now on)\b|\b(?:changed|changes|switched|switching|moved|bumped|swapped|shifted|pushed|upgraded|downgraded) (?:[\w'’-]+ ){0,4}(?:to|into|for)\b/i;

/** Words before a value that retire it: "not 37", "forget the 07:30 sailing", "instead of Friday", "swap Ben for …". */
export const retiring = /\b(?:not|forget|forget about|instead of|no longer|rather than|scrap|drop|cancel|replace|swap|cross off|take off)\s+(?:the\s+)?$/i;
/** Words after a value (and its unit) that retire it: "eighteen months fell through", "the 24th is gone too", "07:30 doesn't work any more". */
export const retiringAfter = /^(?:\s+[a-z]+)??\s*,?\s*(?:fell through|falls through|(?:is|was|are|were|'s) (?:off|out|gone|cancelled|canceled|dead|scrapped|wrong|no good|the old (?:one|value)|dropped|outdated|out of date)\b|(?:doesn't|does not|won't|will not|didn't|did not) work|(?:has|have) (?:pulled out|dropped out|fallen through)|pulled out|dropped out|is no longer|isn't (?:happening|right|it)|no longer)/i;

/** The word is followed, somewhere in the text, by words retiring it ("Casimir fell through"). */
export function retiredAfterWord(text: string, word: string): boolean {
  const at = text.indexOf(word);
  return at >= 0 && retiringAfter.test(text.slice(at + word.length, at + word.length + 40));
}

import type { LedgerEntry } from "../state/ledger-entry.ts";
import type { Statement } from "./ledger-statements.ts";
import { ledgerSlotOf } from "./ledger-slot.ts";
import { currentText } from "./earlier-version.ts";
import { writtenValues } from "./spoken-values.ts";

/**
 * How two ledger statements compare as text, before any typed slot is read: the subject words and values
 * each names, one sentence said again with another value in one place (sameFrame), a remark repeated with
 * nothing new (repeatsEntry).
 */
const stopwords = new Set(
  "the a an and or but so to of in on at for with from by is are was were be been it its it's this that these those i i'm i've i'd my me we our us you your he she they them their his her as if then than there here not no yes do does did have has had will would can could should just also please actually now make that's correction sorry instead meant rather any more anymore changed mind scratch update updated wrong earlier mistake got made moved small change should".split(" "),
);

/** A word reduced to its first five letters: "renews" and "renewal" name one subject. */
const stem = (word: string) => word.slice(0, 5);

/**
 * Content words of a statement, stemmed, values left out: two statements about one subject share these.
 * A capitalised word inside a sentence is a name or a month, so a value, not the subject.
 */
export function subjectWords(text: string): Set<string> {
  const raw = text.split(/\s+/);
  const words: string[] = [];
  raw.forEach((token, index) => {
    const word = token.replace(/^[^\w]+|[^\w'-]+$/g, "");
    if (index > 0 && /^[A-Z]/.test(word) && !/[.!?:]$/.test(raw[index - 1] ?? "")) return;
    if (/^[a-z][a-z'-]+$/i.test(word)) words.push(word.toLowerCase());
  });
  return new Set(words.filter((word) => word.length > 2 && !stopwords.has(word) && !months.has(word)).map(stem));
}

/** The values a statement names: numbers, codes, and capitalised words inside the sentence. */
export function valuesOf(text: string): Set<string> {
  const raw = text.split(/\s+/);
  const values = new Set<string>();
  raw.forEach((token, index) => {
    const word = token.replace(/^[^\w]+|[^\w'-]+$/g, "");
    if (/\d/.test(word)) values.add(word.toLowerCase());
    else if (index > 0 && /^[A-Z]/.test(word) && !/^I('|$)/.test(word) && !/[.!?:]$/.test(raw[index - 1] ?? "")) values.add(word.toLowerCase());
  });
  return values;
}

const months = new Set("january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday".split(" "));

function overlap(left: Set<string>, right: Set<string>): { shared: number; jaccard: number } {
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  const union = left.size + right.size - shared;
  return { shared, jaccard: union === 0 ? 0 : shared / union };
}

/** Subject words and values of an entry, computed once per entry object (entries are never mutated). */
const featureCache = new WeakMap<LedgerEntry, { words: Set<string>; values: Set<string> }>();
function featuresOf(entry: LedgerEntry): { words: Set<string>; values: Set<string> } {
  let features = featureCache.get(entry);
  if (features === undefined) {
    features = { words: subjectWords(currentText(entry.text)), values: valuesOf(currentText(entry.text)) };
    featureCache.set(entry, features);
  }
  return features;
}

/** A remark made again with no new value ("the build fails locally" about another part): the ledger has it already. */
export function repeatsEntry(ledger: readonly LedgerEntry[], statement: Statement): boolean {
  const words = subjectWords(statement.text);
  const values = valuesOf(statement.text);
  return ledger.some((entry) => {
    // The same sentence with another value at its start ("Bartholomew is the recruiter …" after "Wendeline is …") is a new version.
    if (sameFrame(currentText(entry.text), statement.text)) return false;
    const features = featuresOf(entry);
    const { shared, jaccard } = overlap(words, features.words);
    if (jaccard < 0.6 || shared < 3) return false;
    return [...values].every((value) => features.values.has(value));
  });
}

const tokensOf = (text: string) => text.match(/[\p{L}\p{N}@+][\p{L}\p{N}'’.,:@+-]*/gu)?.map((token) => token.replace(/[.,:]+$/, "")) ?? [];

/**
 * Two statements in one frame: the same words around one differing span of at most four words, both spans
 * values only (each word with a digit or a capital), the shared words at least three and half the longer one.
 */
export function sameFrame(older: string, newer: string): boolean {
  if (older === newer) return false;
  // Read with values in digits: "thirty monitors" and "9 monitors" differ in a value, not in a word.
  const before = tokensOf(writtenValues(older));
  const after = tokensOf(writtenValues(newer));
  const same = (left: string | undefined, right: string | undefined) => left !== undefined && right !== undefined && left.toLowerCase() === right.toLowerCase();
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && same(before[prefix], after[prefix])) prefix += 1;
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix && same(before[before.length - 1 - suffix], after[after.length - 1 - suffix])) suffix += 1;
  const oldSpan = before.slice(prefix, before.length - suffix);
  const newSpan = after.slice(prefix, after.length - suffix);
  if (oldSpan.length < 1 || oldSpan.length > 4 || newSpan.length < 1 || newSpan.length > 4) return false;
  const kept = prefix + suffix;
  // Only values differ: "it's gRPC, not JSON-RPC" and "it's 18.19, not 20.11" differ in a "not" too, and
  // "revise the hotel: …" and "revise the SDK version: …" in the subject: other slots.
  const valueLike = (token: string) => /\d|^\p{Lu}|^\p{Ll}+\p{Lu}/u.test(token);
  if (!(kept >= 3 && kept >= Math.max(before.length, after.length) / 2 && oldSpan.every(valueLike) && newSpan.every(valueLike))) return false;
  // A frame that names no subject ("The right one is €1,940." / "The right one is Lorcan."): an amount and a name
  // are values of two things, whatever words frame them.
  const families = (span: string[]) => new Set(ledgerSlotOf(span.join(" ")).values.map((value) => familyOf(value.type)));
  const [oldFamilies, newFamilies] = [families(oldSpan), families(newSpan)];
  return oldFamilies.size === 0 || newFamilies.size === 0 || [...newFamilies].some((family) => oldFamilies.has(family));
}

/** Value types that may stand for one another in a restatement: a count for an amount, a time for a date. */
const familyOf = (type: string) => (type === "count" || type === "quantity" || type === "money" ? "number" : type === "date" || type === "time" ? "when" : type === "code" ? "name" : type);

/**
 * Whether every value a statement names is an identifier ("error E7831", "JIRA-9034"): a new one is as likely
 * another thing as a new version of the old, so such a restatement earns no standing of its own.
 */
export function namesOnlyIdentifiers(text: string): boolean {
  return ledgerSlotOf(currentText(text)).values.every((value) => value.type === "code" && /[a-z]/i.test(value.text));
}

import type { BaseMessage } from "@langchain/core/messages";
import { z } from "zod";
import { roleOf, textOf } from "./message-parts.ts";
import { isLedgerWorthy, salienceOf } from "./salience.ts";
import { splitSentences } from "./signals.ts";

/**
 * One line of the fact ledger: a salient statement kept verbatim through every compaction. Checkpointed,
 * hence zod. `block` is the compaction that wrote it: the context renders entries by block, so a new
 * compaction appends and the prefix before it stays byte-identical for provider prompt caches.
 */
export const ledgerEntrySchema = z.object({
  text: z.string(),
  score: z.number().nonnegative().finite(),
  block: z.number().int().nonnegative().max(10_000, { message: "memory.ledger[].block is above 10000, more blocks than a state may hold. Fix: send the ledger a compaction wrote, or none." }),
  /** Earlier versions this entry superseded, oldest first: the history is kept, never shown as current. */
  replaces: z.array(z.string()).default([]),
});
export type LedgerEntry = z.output<typeof ledgerEntrySchema>;

/** A statement offered to the ledger. */
export interface Statement {
  text: string;
  score: number;
  correction: boolean;
}

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

/**
 * The user's salient statements in these messages, in order. Only user turns: they are where a person
 * states names, numbers, dates and decisions; an assistant's own sentences are kept by the summary.
 *
 * @example
 * statementsOf([new HumanMessage("Thanks! My daughter is called Ilse.")]) // [{ text: "My daughter is called Ilse.", score: 4, correction: false }]
 */
export function statementsOf(messages: readonly BaseMessage[]): Statement[] {
  const statements: Statement[] = [];
  for (const message of messages) {
    if (roleOf(message) !== "human") continue;
    for (const sentence of splitSentences(textOf(message))) {
      const salience = salienceOf(sentence);
      if (isLedgerWorthy(salience)) statements.push({ text: sentence, score: salience.score, correction: salience.kinds.includes("correction") });
    }
  }
  return statements;
}

/** Subject words and values of an entry, computed once per entry object (entries are never mutated). */
const featureCache = new WeakMap<LedgerEntry, { words: Set<string>; values: Set<string> }>();
function featuresOf(entry: LedgerEntry): { words: Set<string>; values: Set<string> } {
  let features = featureCache.get(entry);
  if (features === undefined) {
    features = { words: subjectWords(entry.text), values: valuesOf(entry.text) };
    featureCache.set(entry, features);
  }
  return features;
}

/** A remark made again with no new value ("the build fails locally" about another part): the ledger has it already. */
function repeatsEntry(ledger: readonly LedgerEntry[], statement: Statement): boolean {
  const words = subjectWords(statement.text);
  const values = valuesOf(statement.text);
  return ledger.some((entry) => {
    const features = featuresOf(entry);
    const { shared, jaccard } = overlap(words, features.words);
    if (jaccard < 0.6 || shared < 3) return false;
    return [...values].every((value) => features.values.has(value));
  });
}

/** The entry a correction replaces: the one naming the value it corrects, else the one sharing most of its subject. */
/** The shape of a value: a time, a number, or a name. A corrected value replaces one of its own shape. */
function shapesOf(values: ReadonlySet<string>): Set<string> {
  return new Set([...values].map((value) => (/\d{1,2}[:.]\d{2}/.test(value) ? "time" : /\d/.test(value) ? "number" : "name")));
}

function supersededIndex(ledger: readonly LedgerEntry[], statement: Statement): number {
  const words = subjectWords(statement.text);
  const values = valuesOf(statement.text);
  const shapes = shapesOf(values);
  let best = -1;
  let bestScore = 0;
  if (!statement.correction) return -1;
  ledger.forEach((entry, index) => {
    const { words: entryWords, values: entryValues } = featuresOf(entry);
    // A value of another shape is another fact ("the plan is now Harbor Pro" does not replace "the plan allows 450 GB").
    if (shapes.size > 0 && entryValues.size > 0 && ![...shapesOf(entryValues)].some((shape) => shapes.has(shape))) return;
    const { shared, jaccard } = overlap(words, entryWords);
    // A correction that names the old value ("10:15, not 16:45") points at the entry stating it.
    const namesOldValue = statement.correction && [...entryValues].some((value) => values.has(value));
    // A correction names its subject briefly ("make that 14 nights"). A statement without a correction cue
    // supersedes nothing: "item 2 must ship" next to "item 1 must ship" is a second fact, not a new value.
    const matches = statement.correction && (namesOldValue || shared >= 2 || (shared >= 1 && jaccard >= 0.2));
    const score = (namesOldValue ? 1 : 0) + jaccard + shared / 100;
    if (matches && score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  return best;
}

/**
 * The ledger with the statements added in `block`: a statement already present (or repeated with no new
 * value) is skipped, and a correction supersedes the entry it corrects (the old text moves into `replaces`). `onlySuperseding`
 * adds only statements that supersede an entry (a correction seen before its message is compacted).
 *
 * @example
 * let ledger = addStatements([], statementsOf([new HumanMessage("My flight lands at 14:30 on Friday.")]), 0);
 * ledger = addStatements(ledger, statementsOf([new HumanMessage("Correction: my flight lands at 16:10.")]), 1);
 * ledger.map((entry) => entry.text) // ["Correction: my flight lands at 16:10."]
 */
export function addStatements(ledger: readonly LedgerEntry[], statements: readonly Statement[], block: number, options: { onlySuperseding?: boolean } = {}): LedgerEntry[] {
  const next = [...ledger];
  const present = new Set(next.map((entry) => entry.text.toLowerCase()));
  for (const statement of statements) {
    const key = statement.text.toLowerCase();
    if (present.has(key) || next.some((entry) => entry.replaces.some((old) => old.toLowerCase() === key))) continue;
    if (!statement.correction && repeatsEntry(next, statement)) continue;
    const at = supersededIndex(next, statement);
    if (options.onlySuperseding === true && at < 0) continue;
    present.add(key);
    const replaces = at < 0 ? [] : [...next[at]!.replaces, next[at]!.text];
    if (at >= 0) next.splice(at, 1);
    next.push({ text: statement.text, score: statement.score, block, replaces });
  }
  return next;
}

/**
 * Keeps the ledger within `maxTokens` by dropping its least salient entries (the oldest of equals), never
 * by age alone: a fact stated on the first turn matters as much as one stated last.
 *
 * @example
 * capLedger(memory.ledger, Math.floor(budget * LEDGER_SHARE), (text) => counter.text(text))
 */
export function capLedger(ledger: readonly LedgerEntry[], maxTokens: number, countText: (text: string) => number): LedgerEntry[] {
  const sizes = ledger.map((entry) => countText(entry.text) + 2);
  let used = sizes.reduce((total, size) => total + size, 0);
  if (used <= maxTokens) return [...ledger];
  const order = ledger.map((entry, index) => ({ index, score: entry.score })).sort((left, right) => left.score - right.score || left.index - right.index);
  const dropped = new Set<number>();
  for (const { index } of order) {
    if (used <= maxTokens) break;
    dropped.add(index);
    used -= sizes[index]!;
  }
  return ledger.filter((_, index) => !dropped.has(index));
}

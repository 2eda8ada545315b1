import type { LedgerEntry } from "../state/ledger-entry.ts";
import type { Statement } from "./ledger-statements.ts";
import { ledgerSlotOf, type LedgerSlot } from "./ledger-slot.ts";
import { slotMatch, unsureIndex } from "./slot-match.ts";
import { currentText, withEarlier } from "./earlier-version.ts";
import { writtenValues } from "./spoken-values.ts";
import { retiredPhrases, saysPhrase } from "./retired-phrases.ts";
import { topicTarget } from "./topic-openers.ts";
import { contrastingKeys, keyedLine, keyInSubject, sameKey } from "./statement-key.ts";
import { staleCompanions } from "./stale-companions.ts";
import { pronounAntecedent } from "./pronoun-antecedent.ts";

export { statementsOf, type Statement } from "./ledger-statements.ts";

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
function repeatsEntry(ledger: readonly LedgerEntry[], statement: Statement): boolean {
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
  return kept >= 3 && kept >= Math.max(before.length, after.length) / 2 && oldSpan.every(valueLike) && newSpan.every(valueLike);
}

/**
 * Whether every value a statement names is an identifier ("error E7831", "JIRA-9034"): a new one is as likely
 * another thing as a new version of the old, so such a restatement earns no standing of its own.
 */
export function namesOnlyIdentifiers(text: string): boolean {
  return ledgerSlotOf(currentText(text)).values.every((value) => value.type === "code" && /[a-z]/i.test(value.text));
}

const MAX_HISTORY = 8; // earlier versions kept per entry

/** The older statement lists three or more values of one type and the newer states fewer of that type: one item changes. */
function changesOneItem(older: LedgerSlot, newer: LedgerSlot): boolean {
  const counts = new Map<string, number>();
  for (const value of older.values) counts.set(value.type, (counts.get(value.type) ?? 0) + 1);
  return [...counts].some(([type, count]) => count >= 3 && newer.values.filter((value) => value.type === type).length < count);
}

/** The slot of an entry (cached by text in ledger-slot.ts). */
function entrySlot(entry: LedgerEntry): LedgerSlot {
  return ledgerSlotOf(currentText(entry.text));
}

/**
 * The entry a statement supersedes, or -1: the most recent one whose slot it fills with a new value (see
 * ledger-slot.ts). A correction (a cue such as "actually" or "update on") needs a value of the entry's type
 * and one sign they are about one thing: it names the old value, shares a subject word or the kind of
 * statement, names the type by a generic noun ("the time"), or, at least, changes a value of a specific type
 * written alike (a calendar date for a calendar date). When two candidates tie with no word linking either,
 * it supersedes none: a wrong guess would lose one fact to fix another. A statement without a cue supersedes only an entry about the same thing ("The meeting
 * is at 15:00" after "The meeting is at 13:00", or one naming the old value beside the new: "52, not 37"): half or
 * more of the larger subject's words shared, never a shared generic noun
 * alone ("my name" and "the repository name" are two facts) nor a label ("item 2" beside "item 1").
 */
function supersededIndex(ledger: readonly LedgerEntry[], statement: Statement): { at: number; sure: boolean } {
  // The same sentence said again with another value in one place is that slot's newer version, however the
  // value is typed ("Marisol is my emergency contact." after "Dorothea is my emergency contact.").
  // So is a value given again for the key it was given for ("Best way to reach me: …" / "best way to reach me is … now").
  for (let index = ledger.length - 1; index >= 0; index -= 1) if (sameFrame(currentText(ledger[index]!.text), statement.text) || sameKey(currentText(ledger[index]!.text), statement.text)) return { at: index, sure: true };
  // Words it retires as written ("…, not early mornings.", "remove Florian"): the latest line saying them is the one replaced.
  const retired = retiredPhrases(statement.text);
  if (retired.length > 0) {
    for (let index = ledger.length - 1; index >= 0; index -= 1) {
      const line = currentText(ledger[index]!.text);
      if (line !== statement.text && retired.some((phrase) => saysPhrase(line, phrase))) return { at: index, sure: true };
    }
  }
  // Its key said in other words ("install date → …" for "install: the 14th"), one line only.
  const lines = ledger.map((entry) => currentText(entry.text));
  const keyed = keyedLine(lines, statement.text);
  if (keyed >= 0) return { at: keyed, sure: true };
  // Weaker: its key is the only line's subject ("solicitor is …" for "… is our solicitor."), when its values link no line.
  const subjectKeyed = () => keyedLine(lines, statement.text, keyInSubject);
  const slot = ledgerSlotOf(statement.replaces === undefined ? statement.text : `${statement.text} Not ${statement.replaces}.`);
  if (slot.values.length === 0) return { at: subjectKeyed(), sure: true };
  const cued = statement.correction || slot.refersBack;
  let best = -1;
  let bestScore = 0;
  let tied = false;
  let bestLexical = false;
  // Two things of one kind ("outbound flight", "return flight") are two facts unless the statement names the old value.
  const matches = ledger.map((entry) => {
    const line = currentText(entry.text);
    const match = line === statement.text ? undefined : slotMatch(slot, entrySlot(entry));
    return match !== undefined && !match.namesOld && contrastingKeys(line, statement.text) ? undefined : match;
  });
  // Entries holding a value of the statement's specific type written alike (the one email address, the one
  // clock time): when only one does and the statement names that type ("the email address is …"), it is the slot.
  const alike = matches.filter((match) => match?.changes === true && match.specific && match.sameShape).length;
  matches.forEach((match, index) => {
    if (match === undefined || !match.changes) return;
    // A shared generic noun ("the date" in both) is weaker evidence than a shared subject word ("renewal").
    const lexical = match.namesOld || match.sharedSpecific + match.sharedKinds + match.nameClassLinks >= 1;
    const onlyOfItsType = alike === 1 && match.specific && match.sameShape && match.namedPlainType >= 1;
    // Without a cue, a restatement of the same slot with a new value is the newer version of it (recency): the
    // same subject word and a value of a specific type or the same kind of statement, or the only value of
    // its type named by that type. A count or a name with one word in common is not enough ("my team" and
    // "my team's repository"), nor a label ("item 2").
    const restated = match.namesOld || (match.sharedSpecific >= 1 && (match.overlap >= 0.5 || match.specific || match.sharedKinds >= 1 || match.sharedNames >= 1)) || onlyOfItsType;
    const accepted = cued ? lexical || match.shared >= 1 || match.namedType > 0 || (match.specific && match.sameShape) : !match.label && restated;
    if (!accepted) return;
    const score = (match.namesOld ? 4 : 0) + match.sharedSpecific + match.nameClassLinks / 2 + (match.shared - match.sharedSpecific) / 4 + match.sharedKinds / 2 + match.namedType / 2 + match.sameShapeCount * 1.5 + (match.sameShape ? 0.25 : 0) + (lexical || match.namedType > 0 ? 0 : 0.1);
    if (score === bestScore) tied = true;
    // Equal scores: the most recent entry, the one a person correcting themselves most likely means.
    if (score >= bestScore) {
      if (score > bestScore) tied = false;
      best = index;
      bestScore = score;
      bestLexical = lexical;
    }
  });
  // Two candidates alike and no word linking either: a guess would lose a fact to fix another, so none.
  if (best >= 0 && !(tied && !bestLexical)) return { at: best, sure: true };
  // "change it to 1 % of users": "it" is the latest line holding a value of that type.
  const bySubject = subjectKeyed();
  const fallback = bySubject >= 0 ? bySubject : pronounAntecedent(lines, statement.text);
  return fallback >= 0 ? { at: fallback, sure: true } : { at: unsureIndex(matches, cued), sure: false };
}

/** Statements of kept messages a correction may wait for (see AddOptions.pending). */
const MAX_PENDING = 64;

export interface AddOptions {
  /** Add only statements that supersede an entry (a correction seen before its message is folded). */
  onlySuperseding?: boolean;
  /** Statements of messages still kept, not in the ledger yet: a correction whose best target is one of them waits. */
  pending?: readonly Statement[];
}

/**
 * The ledger with the statements added in `block`: a statement already present (or repeated with no new
 * value) is skipped, and a statement that fills an entry's slot with a new value supersedes it (the old text
 * moves into `replaces`; see supersededIndex).
 *
 * @example
 * let ledger = addStatements([], statementsOf([new HumanMessage("My flight lands at 14:30 on Friday.")]), 0);
 * ledger = addStatements(ledger, statementsOf([new HumanMessage("Correction: my flight lands at 16:10.")]), 1);
 * ledger.map((entry) => entry.text) // ["Correction: my flight lands at 16:10."]
 */
export function addStatements(ledger: readonly LedgerEntry[], statements: readonly Statement[], block: number, options: AddOptions = {}): LedgerEntry[] {
  const next = [...ledger];
  const present = new Set(next.map((entry) => currentText(entry.text).toLowerCase()));
  // The newest pending statements only: each statement is matched against every candidate, so an unbounded
  // list would make one long message cost its length squared.
  const pending = (options.pending ?? []).slice(-MAX_PENDING).filter((statement) => !present.has(statement.text.toLowerCase())).map((statement) => ({ text: statement.text, score: statement.score, block, replaces: [] }));
  // Openers already answered in this call (topic-openers.ts): an announcement opens one change.
  const usedOpeners = new Set<string>();
  for (const statement of statements) {
    const key = statement.text.toLowerCase();
    if (present.has(key) || next.some((entry) => entry.replaces.some((old) => old.toLowerCase() === key))) continue;
    // A remark repeated with only a new identifier ("It showed error E7353 once …" again) is the same remark:
    // replacing it every time would rewrite the ledger (and lose the cached prefix) for nothing a user corrected.
    if (!statement.correction && (repeatsEntry(next, statement) || (ledgerSlotOf(statement.text).values.length > 0 && namesOnlyIdentifiers(statement.text) && next.some((entry) => sameFrame(currentText(entry.text), statement.text))))) continue;
    // An answer already inside a line or its history (joined to its opener when its message was newest, maybe
    // replaced since): the ledger has it; read again when its message is folded, it must not replace the newer line.
    if (statement.openers !== undefined && next.some((entry) => currentText(entry.text).toLowerCase().includes(key) || entry.replaces.some((old) => old.toLowerCase().includes(key)))) continue;
    const candidates = pending.length === 0 ? next : [...next, ...pending.filter((entry) => entry.text !== statement.text)];
    const found = supersededIndex(candidates, statement);
    // Not sure from its own words: the line an earlier sentence announced as changing ("Hold on, the install day I
    // gave you won't work." … "We can do the 19th instead.") is the one it replaces, and the opener joins its line.
    const topic = found.sure && found.at >= 0 ? undefined : topicTarget(next, statement.text, statement.openers ?? [], usedOpeners);
    if (topic !== undefined) usedOpeners.add(topic.opener);
    // What it corrects is still in the kept messages: it supersedes when that is folded, not a stand-in now.
    const at = topic !== undefined ? topic.at : found.at >= next.length ? -1 : found.at;
    // A list where one item changes ("Swap Ben for Dmitri." for "The attendees are Anna, Ben and Carla."): the
    // other items are still current, so the list stays as the line's earlier version rather than only in history.
    const sure = (topic !== undefined || found.sure) && !(at >= 0 && changesOneItem(entrySlot(next[at]!), ledgerSlotOf(statement.text)));
    if (options.onlySuperseding === true && at < 0) continue;
    present.add(key);
    const older = at < 0 ? undefined : next[at]!;
    // History is kept, bounded: a value restated every few turns must not grow the checkpoint without end.
    // Other lines still stating only the value it replaced (the offer the user took, the question before the decision) go too.
    const companions = older === undefined || !sure ? [] : staleCompanions(next.map((entry) => currentText(entry.text)), at, statement.text);
    const replaces = older === undefined ? [] : [...older.replaces, ...companions.map((index) => currentText(next[index]!.text)), currentText(older.text)].slice(-MAX_HISTORY);
    for (const index of [at, ...companions].filter((index) => index >= 0).sort((left, right) => right - left)) next.splice(index, 1);
    // Unsure which line it replaces: both stay, on one line, the latest first.
    const said = topic === undefined || statement.text.startsWith(topic.opener) ? statement.text : `${topic.opener} ${statement.text}`;
    const text = older !== undefined && !sure ? withEarlier(said, older) : said;
    next.push({ text, score: Math.max(statement.score, older !== undefined && !sure ? older.score : 0), block, replaces });
  }
  return next;
}

/**
 * Keeps the ledger within `maxTokens` by dropping its least salient entries (the oldest of equals), never
 * by age alone: a fact stated on the first turn matters as much as one stated last. Entries that superseded
 * another (a corrected or restated fact, in its latest version; not a remark naming a new identifier) go
 * only after all the others.
 *
 * @example
 * capLedger(memory.ledger, Math.floor(budget * LEDGER_SHARE), (text) => counter.text(text))
 */
export function capLedger(ledger: readonly LedgerEntry[], maxTokens: number, countText: (text: string) => number): LedgerEntry[] {
  const sizes = ledger.map((entry) => countText(entry.text) + 2);
  let used = sizes.reduce((total, size) => total + size, 0);
  if (used <= maxTokens) return [...ledger];
  // A line that superseded another is the latest version of a fact the user restated: it goes last.
  const order = ledger
    .map((entry, index) => ({ index, score: entry.score, restated: entry.replaces.length > 0 && !namesOnlyIdentifiers(entry.text) ? 1 : 0 }))
    .sort((left, right) => left.restated - right.restated || left.score - right.score || left.index - right.index);
  const dropped = new Set<number>();
  for (const { index } of order) {
    if (used <= maxTokens) break;
    dropped.add(index);
    used -= sizes[index]!;
  }
  return ledger.filter((_, index) => !dropped.has(index));
}

/**
 * A change announced by subject and given later: "Hold on, the install day I gave you won't work." (two turns of
 * other talk) "We can do the 19th instead."; "About the emergency contact: Radovan."; "The cutover date has to
 * move." … "Right, confirmed: the 8th." The value's own sentence names nothing it is of (or only its own frame:
 * "Someone from the office rang", "Right, confirmed"), so no reading of that sentence alone can say which ledger
 * line it replaces; the subject is in an earlier sentence that names one line without giving a value: the
 * **opener**. Which words a person announces a change with is open-ended; that the announcement names the line
 * (its subject words) and states no value is not. So the ledger keys a change by the line its opener names,
 * whatever words introduce either sentence.
 */
import type { LedgerEntry } from "../state/ledger-entry.ts";
import { currentText } from "./earlier-version.ts";
import { isElliptic } from "./elliptic.ts";
import { isGenericWord, ledgerSlotOf, type LedgerSlot, type LedgerValueType } from "./ledger-slot.ts";
import { classOf } from "./subject-classes.ts";
import { correctionCues } from "./salience.ts";

/** Sentences at most offered as openers of one statement: its own introducer, its turn's earlier sentences, the user's three turns before. */
export const MAX_OPENERS = 16;
/** User turns before a statement whose sentences may open its topic: a lead-in is said two or three turns before its value. */
export const OPENER_TURNS = 3;
/** Words at most in an answer that is neither framed nor elliptic but presents its value in place of another ("We can do the 19th instead."). */
const MAX_ANSWER_WORDS = 12;

/** A sentence's introducer: the words before ": " when a value follows ("Right, confirmed: 1,200 centimetres." → "Right, confirmed"). */
export function introducerOf(sentence: string): string | undefined {
  const at = sentence.search(/:\s+\S/);
  if (at <= 0) return undefined;
  return sentence.slice(0, at).trim();
}

/** What follows a sentence's introducer, or the whole sentence. */
function bodyOf(sentence: string): string {
  const introducer = introducerOf(sentence);
  return introducer === undefined ? sentence : sentence.slice(sentence.indexOf(":", introducer.length) + 1).trim();
}

/** Words that put a value in place of another: "… now", "… instead", "after all", "switched … to" (ledger-slot.ts, refersBack). */
const CLOSING_CHANGE = /\b(?:now|instead|anymore|any more|after all)\s*[.!]?\s*$/i;

/**
 * A statement shaped as the answer to an announced change: its value follows an introducer ("Sorted it out:
 * Radovan."), it states a value with nothing it is of ("Leontyne."), or, short, it presents its value as the
 * current one ("We can do the 19th instead.", "The rule is nothing after 4 pm now."). A plain new fact ("Please
 * send letters as large print.") is not one: it never takes an announced line's place.
 */
export function answersTopic(text: string): boolean {
  if (/\?\s*$/.test(text)) return false;
  const body = bodyOf(text);
  // An answer names nothing it is of: a statement with a head phrase of its own ("The hospital sorted me out; no
  // access needs now.") is about that, and the ledger's own reading of it decides what it replaces.
  if (headPhrases(body).length > 0) return false;
  if (introducerOf(text) !== undefined || isElliptic(body)) return true;
  return body.split(/\s+/).length <= MAX_ANSWER_WORDS && (CLOSING_CHANGE.test(body) || ledgerSlotOf(body).refersBack);
}

/** Words that end a noun phrase: pronouns, verbs of being and having, prepositions and conjunctions. */
const PHRASE_END = new Set("i you he she it we they is are was were be been am has have had will would can could should must may might do does did to of for with from at on in by about as and or but so if that which who when where then than not no this these those there here what why how just still also first second third next last new old same other one instead now again too either really actually please all".split(" "));
/** Nouns of time ("this morning", "last week"): when something was said or done, never what a fact is about. */
const TIME_NOUNS = new Set("morning mornings afternoon evening evenings night week weeks weekend month months year years today yesterday tomorrow moment while bit".split(" "));
/** Words that open a noun phrase. */
const DETERMINERS = new Set("the my our your their his her its this that".split(" "));

/**
 * The head noun phrases of a sentence, each as its words' subject classes: up to three lower-case words after a
 * determiner ("the install day", "my emergency contact"), and the words opening the sentence before its first
 * verb of being ("Install day is …", "Cutover is …"); `stated`: not those a line only talks about ("asking about the
 * invoice download"). A remark's phrases ("the router lights") name what it is about
 * as a fact's do: which line an opener names is the line whose phrase it says.
 */
export function headPhrases(sentence: string, stated = false, within = Number.MAX_SAFE_INTEGER): string[][] {
  // Read once per sentence and reading: every answer compares its openers with every ledger line.
  const key = `${stated ? 1 : 0}${within}\u0000${sentence}`;
  const cached = phraseCache.get(key);
  if (cached !== undefined) return cached;
  const phrases = readPhrases(sentence, stated, within);
  if (phraseCache.size >= PHRASE_CACHE_SIZE) phraseCache.clear();
  phraseCache.set(key, phrases);
  return phrases;
}

/** Phrases read, by sentence (bounded, as slots are in ledger-slot.ts). */
const phraseCache = new Map<string, string[][]>();
const PHRASE_CACHE_SIZE = 4_096;

function readPhrases(sentence: string, stated: boolean, within: number): string[][] {
  // A token with a digit is a value ("the 19th"): it ends a phrase, as any word outside one does.
  const words = sentence.split(/\s+/).map((token) => (/\d/.test(token) ? "0" : token.replace(/^[^\p{L}]+|[^\p{L}'-]+$/gu, "")));
  const phrases: string[][] = [];
  const take = (from: number) => {
    const phrase: string[] = [];
    for (let index = from; index < words.length && phrase.length < 3; index += 1) {
      const word = words[index]!;
      if (!/^\p{Ll}[\p{Ll}'-]*$/u.test(word) || PHRASE_END.has(word) || DETERMINERS.has(word) || TIME_NOUNS.has(word) || /'/.test(word)) break;
      phrase.push(word);
      if (/[,;:]$/.test(sentence.split(/\s+/)[index] ?? "")) break;
    }
    const classes = phrase.map(classOf).filter((wordClass) => !isGenericWord(wordClass));
    if (classes.length > 0) phrases.push(classes);
  };
  words.forEach((word, index) => {
    // Read as what a line states a value of: "I'm asking about the invoice download" talks about it, states nothing.
    if (stated && /^(?:about|regarding|not)$/i.test(words[index - 1] ?? "")) return;
    if (DETERMINERS.has(word.toLowerCase()) && index + 1 < words.length && index < within) take(index + 1);
  });
  // "Install day is …": the words before the first verb of being, when they open the sentence.
  const being = words.findIndex((word) => /^(?:is|are|was|were)$/i.test(word));
  if (being > 0 && being <= 3 && !DETERMINERS.has(words[0]!.toLowerCase())) {
    const opening = words.slice(0, being).map((word) => word.toLowerCase());
    if (opening.every((word) => /^\p{Ll}[\p{Ll}-]*$/u.test(word) && !PHRASE_END.has(word))) phrases.push(opening.map(classOf).filter((wordClass) => !isGenericWord(wordClass)));
  }
  return phrases.filter((phrase) => phrase.length > 0);
}

const familyOf = (type: LedgerValueType) => (type === "count" || type === "quantity" || type === "money" ? "number" : type === "date" || type === "time" ? "when" : "name");

/**
 * The answer may replace the line's value: both have a typed value of one family (a number for a number, a date
 * for a time), or neither has one ("no recording of calls" for "no ringing after 8 pm").
 */
function fits(answer: LedgerSlot, line: LedgerSlot): boolean {
  if (answer.values.length === 0 || line.values.length === 0) return answer.values.length === line.values.length;
  const families = new Set(line.values.map((value) => familyOf(value.type)));
  return answer.values.some((value) => families.has(familyOf(value.type)));
}

/** Share of the words two sentences have in common: a remark made again (filler said twice) shares most. */
function wordOverlap(left: string, right: string): number {
  const words = (text: string) => new Set(text.toLowerCase().match(/\p{L}+/gu) ?? []);
  const a = words(left);
  const b = words(right);
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / Math.max(1, a.size, b.size);
}

/** Words at most before the determiner of an opener's topic phrase. */
const TOPIC_POSITION = 4;

/** Questions do not announce a change, unless short and naming a topic ("The line speed?"). */
const MAX_QUESTION_WORDS = 4;

/**
 * The one ledger line an opener names, or -1: the opener states no value, one of its head noun phrases holds every
 * word of one of the line's ("the install day I gave you won't work" and "Install day is …"; generic nouns such as
 * "date" or "name" aside), and it is not the line's own sentence nor a remark sharing most of its words. The line
 * named must be the only one whose phrase it says (a phrase several lines say is talk), and its value fit the answer's.
 */
function lineNamedBy(ledger: readonly LedgerEntry[], opener: string, answer: LedgerSlot): number {
  if (/\?\s*$/.test(opener) && opener.split(/\s+/).length > MAX_QUESTION_WORDS) return -1;
  // What an opener announces is its topic, said first ("Hold on, the install day I gave you won't work.", "The
  // cutover date has to move."): a phrase deep in a remark ("… what I'm seeing on my side") is not what it is about.
  if (ledgerSlotOf(opener).values.length > 0) return -1;
  const phrases = headPhrases(opener, false, TOPIC_POSITION).map((phrase) => new Set(phrase));
  if (phrases.length === 0) return lineAnnounced(ledger, opener, answer);
  let named = -1;
  for (let index = 0; index < ledger.length; index += 1) {
    const text = currentText(ledger[index]!.text);
    if (text.includes(opener) || wordOverlap(opener, text) >= 0.5) continue;
    // The line's phrase is inside the opener's, with the same head noun: "the engine" is not "the engine mount".
    if (!headPhrases(text, true).some((phrase) => phrases.some((words) => phrase.every((word) => words.has(word)) && [...words].at(-1) === phrase.at(-1)))) continue;
    // A phrase several lines say ("the Wi-Fi coverage" in every remark about it) is talk, not one fact's subject.
    if (named >= 0) return -1;
    named = index;
  }
  // No line's phrase in it ("checking the person who signs off with them"): the topic's words may still name one.
  if (named < 0) return lineAnnounced(ledger, opener, answer);
  const line = currentText(ledger[named]!.text);
  // The line says the answer's values already ("still CU-118264"): a restatement, nothing to replace.
  if (answer.values.length > 0 && answer.values.every((value) => line.toLowerCase().includes(value.text))) return -1;
  return fits(answer, ledgerSlotOf(line)) ? named : -1;
}

/**
 * What a sentence says is changing, wherever it sits: "What I told you this morning about the person who signs off
 * is out of date.", "checking the pickup window with them, hang on", "the delivery point I gave you is wrong". Only a
 * sentence that announces a change (a correction cue, "hang on", "checking … with") names its topic this way.
 */
const ANNOUNCED_TOPIC = /\b(?:about|regarding|re|checking|check|confirming|on)\s+(?:the|my|our|your)\s+((?:[\p{Ll}-]+\s+){0,4}?[\p{Ll}-]+)(?=\s+(?:is|was|are|were|has|have|with|i|we|you|that|changed|changes|needs|will|won't|again)\b|\s*[,.;:!?—–]|\s*$)/iu;
const ANNOUNCES = /\b(?:hang on|hold on|out of date|checking|wrong|changed|changing|has to move|needs to change|not right|off)\b/i;
/** Words of a topic that say nothing of which fact: relative pronouns, "person", "thing". */
const TOPIC_FILLER = new Set("who which that whom whose person people thing things one part bit stuff".split(" "));

/**
 * A sentence that only announces a change of a topic ("What I told you about the SMS sender name is out of date."):
 * it opens a later value and is no fact itself; kept as a line, the name in its topic would read as a value.
 */
export function announcesOnly(sentence: string): boolean {
  correctionCues.lastIndex = 0;
  const announces = correctionCues.test(sentence) || ANNOUNCES.test(sentence);
  correctionCues.lastIndex = 0;
  const topic = announces ? ANNOUNCED_TOPIC.exec(sentence) : null;
  if (topic === null || /[:—–]\s*\S/.test(sentence.slice(topic.index + topic[0].length))) return false;
  const outside = sentence.slice(0, topic.index) + sentence.slice(topic.index + topic[0].length);
  return ledgerSlotOf(outside).values.length === 0;
}

/** A word as a topic's words are compared: lower case, a plural's -s off ("signs off" and "sign-off" are one). */
const topicWord = (word: string) => classOf(word.toLowerCase().replace(/(?<=[a-z]{3})s$/, ""));

/** The words of a text as topicWord reads them, a hyphenated compound as its parts. */
function topicWords(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/\p{L}+/gu) ?? []).map(topicWord));
}

/**
 * The one ledger line whose words hold every word of an announced topic ("the person who signs off": signs, off), or
 * -1: several lines holding them is talk about a subject, not one fact's name.
 */
function lineAnnounced(ledger: readonly LedgerEntry[], opener: string, answer: LedgerSlot): number {
  correctionCues.lastIndex = 0;
  const announces = correctionCues.test(opener) || ANNOUNCES.test(opener);
  correctionCues.lastIndex = 0;
  const topic = announces ? ANNOUNCED_TOPIC.exec(opener)?.[1] : undefined;
  if (topic === undefined) return -1;
  const said = topic.toLowerCase().split(/\s+/).filter((word) => !TOPIC_FILLER.has(word) && !PHRASE_END.has(word) && !DETERMINERS.has(word)).join(" ");
  const words = [...topicWords(said)].filter((word) => word.length > 1 && !PHRASE_END.has(word) && !isGenericWord(word));
  if (words.length === 0) return -1;
  let named = -1;
  for (let index = 0; index < ledger.length; index += 1) {
    const text = currentText(ledger[index]!.text);
    if (text.includes(opener) || wordOverlap(opener, text) >= 0.5) continue;
    const lineWords = topicWords(text);
    if (!words.every((word) => lineWords.has(word))) continue;
    if (named >= 0) return -1;
    named = index;
  }
  if (named < 0) return -1;
  const line = currentText(ledger[named]!.text);
  if (answer.values.length > 0 && answer.values.every((value) => line.toLowerCase().includes(value.text))) return -1;
  return fits(answer, ledgerSlotOf(line)) ? named : -1;
}

/**
 * The ledger line an answer's announced topic names, and the opener naming it, or undefined: the latest opener
 * (its own introducer first, then the sentences before it, newest first) that names one line.
 *
 * @example
 * topicTarget(ledger, "Sorted it out: Radovan.", ["Hold on, the on-call engineer I gave you is wrong."]) // { at: 3, opener: "Hold on, …" }
 */
export function topicTarget(ledger: readonly LedgerEntry[], text: string, openers: readonly string[], used: ReadonlySet<string> = new Set()): { at: number; opener: string } | undefined {
  if (ledger.length === 0 || !answersTopic(text)) return undefined;
  const answer = ledgerSlotOf(text);
  for (const opener of openers.slice(0, MAX_OPENERS)) {
    // One announcement, one answer: a second value after it is about something else.
    if (used.has(opener)) continue;
    const at = lineNamedBy(ledger, opener, answer);
    if (at >= 0 && currentText(ledger[at]!.text) !== text) return { at, opener };
  }
  return undefined;
}


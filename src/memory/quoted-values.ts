/**
 * A correction that quotes what it corrects: "For the spending cap, cross out £240 a month. What's left is £210
 * a month.", "[x] Thursday  [ ] Tuesday", "Neither Wilhelmina nor what I said first." The old value is written
 * out, verbatim, in the user's turn, often in another sentence than the new one, so neither sentence alone links
 * to the ledger line stating it. Read over the whole turn, the quote is the link: the line whose distinctive
 * value (a name, an amount, a date, a code; or the value after its key, "alerts: SMS then a call") the turn
 * strikes out is the line the turn's new value of that shape replaces. A quote that is not struck ("yes, keep
 * Wilhelmina") confirms, and links nothing.
 */
import type { Statement } from "./ledger-statements.ts";
import { ledgerSlotOf, type TypedValue } from "./ledger-slot.ts";

/** A statement of the turn replacing a ledger line it quotes: `text` may join the quoting sentence to the one giving the new value. */
export interface QuotedCorrection {
  /** The ledger lines replaced, as their current text: one, or more when one sentence strikes several ("[x] … [ ] …" twice). */
  lines: readonly string[];
  /** Indexes in the turn's statements it stands for, in order. */
  parts: readonly number[];
  text: string;
}

/** Words just before a quoted value that strike it out: a tick box left empty, a cross, a negation, a verb that retires. */
const STRUCK_MARK = String.raw`(?:\[\s\]|☐|❌|✗|✘|~~|\b(?:not|neither|nor|no longer|no more|instead of|rather than|cross(?:ed|ing)? out|strike|turn(?:ed|ing)? off|switch(?:ed|ing)? off|forget|scrap|drop|cancel(?:led|ed)?|remove|swap|replace|undo|used to be|previously|formerly)\b)\s*(?:the\s+|my\s+|our\s+|a\s+|an\s+|that\s+|it\s+from\s+)?[-—–:]?`;
const STRUCK_BEFORE = new RegExp(`${STRUCK_MARK}\\s*[£$€]?$`, "iu");
/** Words just after a quoted value that strike it out: "… is no good", "… was the old one", "… is out". */
const STRUCK_AFTER = /^\s*(?:~~|\(old\)|is (?:no good|out|off|gone|wrong|dropped)|was (?:the old|wrong)|(?:is|was) no longer|no longer applies)/iu;
/** Characters of context read on either side of a quote. */
const CONTEXT = 28;
/** Words at most in a sentence that only gives the new value after the one that struck the old ("What's left is …"). */
const MAX_FOLLOW_WORDS = 16;

function family(type: TypedValue["type"]): string {
  return type === "count" || type === "quantity" || type === "money" ? "number" : type === "date" || type === "time" ? "when" : type === "code" ? "name" : type;
}

/** A typed value distinctive enough that quoting it names one line: not a bare number of one or two digits. */
function distinctive(value: TypedValue): boolean {
  return !value.label && (value.type !== "count" || value.text.replace(/\D/g, "").length >= 3);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Where `quote` stands in `sentence` as a whole word run (no letter or digit either side), ignoring case, or -1. */
function quoteAt(sentence: string, quote: string): number {
  if (quote === "") return -1;
  const text = sentence.toLowerCase();
  const wanted = quote.toLowerCase();
  for (let at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + 1)) {
    if (!WORD_CHAR.test(text[at - 1] ?? " ") && !WORD_CHAR.test(text[at + wanted.length] ?? " ")) return at;
  }
  return -1;
}

/** The quote is struck out where it stands: an empty tick box or a negating word before it, a retiring one after. */
function struckAt(sentence: string, at: number, length: number): boolean {
  return STRUCK_BEFORE.test(sentence.slice(Math.max(0, at - CONTEXT), at)) || STRUCK_AFTER.test(sentence.slice(at + length, at + length + CONTEXT));
}

interface Quote {
  /** The quoted text. */
  text: string;
  /** The family of its type, or undefined for words of the line with no type. */
  family?: string;
}

/** Words that start a struck phrase without being any of it. */
const LEADING = /^(?:the|my|our|a|an|that|with|on|to|for)$/i;
/** Words that cannot be a struck phrase by themselves. */
const FUNCTION_WORDS = new Set("the a an my our your it that this what which i we you me us and or but to of in on at for with from is are was were be what's it's too so very sure all any now then there here just really much more less quite if not no late".split(" "));
/** Words at most in a struck phrase. */
const MAX_PHRASE_WORDS = 10;
/** Struck marks read per sentence, and sentences with one read per turn: a hostile turn of "not X" costs no more. */
const MAX_MARKS = 6;
const MAX_QUOTING = 12;
/** Characters of a sentence searched for struck marks. */
const MAX_SENTENCE_CHARS = 600;
/** The struck marks of STRUCK_BEFORE, anywhere in a sentence. */
const STRUCK_MARKS = new RegExp(STRUCK_MARK, "giu");

/**
 * The longest run of words after a struck mark that the line says as written ("cross out the SMS then a call"
 * for "alerts: SMS then a call", "[ ] lunchtimes, 12 to 1"): two words with one that is not a function word,
 * or one written as a name or with digits ("Neither Temperance nor …").
 */
function struckPhrase(line: string, sentence: string): string | undefined {
  let best: string | undefined;
  const lower = line.toLowerCase();
  for (const words of struckRuns(sentence)) {
    // Most lines share not even the first word: nothing to measure.
    if (!lower.includes(words[0]!.toLowerCase().replace(/[.,;:!?)—–-]+$/u, ""))) continue;
    for (let count = words.length; count >= 1; count -= 1) {
      const phrase = words.slice(0, count).join(" ").replace(/[.,;:!?)—–-]+$/u, "");
      const inLine = phrase === "" ? -1 : quoteAt(line, phrase);
      if (inLine < 0) continue;
      // Struck in the line too ("…, if it's not too late"): words of a shared frame, not the line's value.
      if (struckAt(line, inLine, phrase.length)) break;
      const content = phrase.split(/\s+/).filter((word) => !FUNCTION_WORDS.has(word.toLowerCase()));
      const strong = count >= 2 ? content.some((word) => /\p{L}{3}/u.test(word)) : /^(?:\p{Lu}\p{Ll}{2,}|\S*\d\S*\d\S*)$/u.test(phrase);
      if (strong && (best === undefined || phrase.length > best.length)) best = phrase;
      break;
    }
  }
  return best;
}

/** The words after each struck mark of a sentence, leading articles set aside; kept per sentence, read against every line. */
function struckRuns(sentence: string): string[][] {
  const cached = runCache.get(sentence);
  if (cached !== undefined) return cached;
  const runs: string[][] = [];
  for (const mark of [...sentence.slice(0, MAX_SENTENCE_CHARS).matchAll(STRUCK_MARKS)].slice(0, MAX_MARKS)) {
    const words = sentence.slice(mark.index + mark[0].length).trim().split(/\s+/).slice(0, MAX_PHRASE_WORDS);
    while (words.length > 0 && LEADING.test(words[0]!)) words.shift();
    if (words.length > 0 && words[0] !== "") runs.push(words);
  }
  // Bounded: cleared when full, like the slot cache.
  if (runCache.size >= MAX_CACHED_RUNS) runCache.clear();
  runCache.set(sentence, runs);
  return runs;
}

const runCache = new Map<string, string[][]>();
const MAX_CACHED_RUNS = 1_024;

/** The sentence has a struck mark somewhere, before a value or after one. */
function strikes(sentence: string): boolean {
  const text = sentence.slice(0, MAX_SENTENCE_CHARS);
  STRUCK_MARKS.lastIndex = 0;
  const marked = STRUCK_MARKS.test(text);
  STRUCK_MARKS.lastIndex = 0;
  return marked || STRUCK_AFTER_ANYWHERE.test(text);
}

/** STRUCK_AFTER anywhere in a sentence. */
const STRUCK_AFTER_ANYWHERE = new RegExp(STRUCK_AFTER.source.replace(/^\^\\s\*/, "\\s"), "iu");

/** What of `line` the sentence quotes and strikes out, the longest first. */
function struckQuotes(line: string, sentence: string): Quote[] {
  const quotes: Quote[] = [];
  const phrase = struckPhrase(line, sentence);
  const said = ledgerSlotOf(sentence).values;
  for (const value of ledgerSlotOf(line).values) {
    if (!distinctive(value) || !said.some((other) => other.type === value.type && other.text === value.text)) continue;
    const at = quoteAt(sentence, value.text);
    const struck = at >= 0 && (struckAt(sentence, at, value.text.length) || (phrase !== undefined && quoteAt(phrase, value.text) >= 0));
    if (struck) quotes.push({ text: value.text, family: family(value.type) });
  }
  // A typed value is the stronger link when the phrase is that value; the phrase first when it says more.
  if (phrase !== undefined && !quotes.some((quote) => quote.text.toLowerCase() === phrase.toLowerCase())) quotes.push({ text: phrase });
  return quotes;
}

/** The sentence states a value of the quote's family that the old line does not: a new value of that shape. */
function givesNew(sentence: string, quote: Quote, line: string): boolean {
  if (quote.family === undefined) return false;
  const old = new Set(ledgerSlotOf(line).values.map((value) => value.text));
  return ledgerSlotOf(sentence).values.some((value) => family(value.type) === quote.family && !old.has(value.text) && !value.label);
}

/** A tick or check mark: the value it stands before is the one chosen ("[x] Y  [ ] X", "❌ X ✅ Y"). */
const CHOSEN = /\[[xX✓✔]\]|☑|✅|✔/u;
/** Words that strike a value out, read as words: not what a sentence says besides its quote. */
const MARK_WORDS = new Set("not neither nor no longer more instead rather than cross crossed crossing out strike turn turned turning off switch switched switching forget scrap drop cancel cancelled canceled remove swap replace undo used previously formerly".split(" "));

/** Content words of `text` that `line` does not say, mark words aside. */
function newWords(text: string, line: string): string[] {
  const lineWords = new Set(line.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, " ").split(/\s+/));
  return text.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, " ").split(/\s+/).filter((word) => word.length > 2 && !FUNCTION_WORDS.has(word) && !lineWords.has(word) && !MARK_WORDS.has(word));
}

/**
 * An untyped value struck with its replacement in the same sentence: after it ("Turn off X — Y."), or marked
 * as the one chosen ("[x] Y [ ] X"). Words before an unmarked quote name what it is about, not a new value.
 */
function saysMore(sentence: string, quote: Quote, line: string): boolean {
  const at = quoteAt(sentence, quote.text);
  return (CHOSEN.test(sentence) && newWords(sentence.slice(0, at), line).length > 0) || newWords(sentence.slice(at + quote.text.length), line).length >= 3;
}

/** Content words at most besides the quote in a sentence that only strikes it out ("For the tuner, cross out X."). */
const MAX_LEAD_WORDS = 4;

/** An untyped phrase is a value when one line says it; a phrase several lines say is a topic ("the login page"). */
function unique(phrase: string, lines: readonly string[]): boolean {
  let count = 0;
  for (const line of lines) if (quoteAt(line, phrase) >= 0 && ++count > 1) return false;
  return true;
}

/** The correction `sentence` (the turn's `index`th) makes of `line` by quoting it, alone or joined to the next sentence, not yet `used`. */
function correctionOf(line: string, lines: readonly string[], turn: readonly string[], index: number, used: ReadonlySet<number>, positions?: readonly number[]): QuotedCorrection | undefined {
  const sentence = turn[index]!;
  // The next statement, when it is the next sentence too (a question or a remark between them is another matter).
  const next = positions === undefined || positions[index + 1] === positions[index]! + 1 ? turn[index + 1] : undefined;
  // A neighbour giving the new value: a statement, short, that does not strike the line itself.
  const follows = (other: string | undefined, at: number) => other !== undefined && !used.has(at) && !/\?\s*$/.test(other) && other.split(/\s+/).length <= MAX_FOLLOW_WORDS && struckQuotes(line, other).length === 0;
  for (const quote of struckQuotes(line, sentence)) {
    if (quote.family === undefined && !unique(quote.text, lines)) continue;
    if (givesNew(sentence, quote, line) || (quote.family === undefined && saysMore(sentence, quote, line))) return { lines: [line], parts: [index], text: sentence };
    // An untyped value's replacement has no shape to check: only the sentence right after may give it, after
    // one that only strikes (a sentence stating a value of its own, or saying much else, is about something else).
    const statesNothing = () => {
      const old = new Set(ledgerSlotOf(line).values.map((value) => value.text));
      const at = quoteAt(sentence, quote.text);
      return ledgerSlotOf(sentence).values.every((value) => old.has(value.text)) && newWords(`${sentence.slice(0, at)} ${sentence.slice(at + quote.text.length)}`, line).length <= MAX_LEAD_WORDS;
    };
    if (follows(next, index + 1) && (quote.family === undefined ? statesNothing() : givesNew(next!, quote, line))) return { lines: [line], parts: [index, index + 1], text: `${sentence} ${next}` };
  }
  return undefined;
}

/**
 * The statements of one user turn that replace ledger lines they quote, each with the line it replaces: the
 * quoting sentence itself when it gives the new value too ("[x] new [ ] old"), else joined to the next
 * sentence of the turn when that gives it.
 *
 * @example
 * quotedCorrections(["Hard cap is £240 a month."], ["For the cap, cross out £240 a month.", "What's left is £210 a month."])
 * // [{ lines: ["Hard cap is £240 a month."], parts: [0, 1], text: "For the cap, cross out £240 a month. What's left is £210 a month." }]
 */
export function quotedCorrections(lines: readonly string[], turn: readonly string[], positions?: readonly number[]): QuotedCorrection[] {
  const found: QuotedCorrection[] = [];
  const used = new Set<number>();
  const taken = new Set<string>();
  // Only a sentence that strikes something can quote a line out: the others are not read against every line.
  const quoting = turn.map((sentence, index) => ({ sentence, index })).filter(({ sentence }) => strikes(sentence)).slice(0, MAX_QUOTING);
  for (const { index } of quoting) {
    if (used.has(index)) continue;
    // The newest line first: a value restated twice is replaced where it was said last.
    for (let lineIndex = lines.length - 1; lineIndex >= 0; lineIndex -= 1) {
      const line = lines[lineIndex]!;
      // A line the turn says whole is its own sentence read again, not a line it corrects.
      if (taken.has(line) || turn.some((sentence) => sentence.includes(line))) continue;
      const correction = correctionOf(line, lines, turn, index, used, positions);
      if (correction === undefined) continue;
      taken.add(line);
      // A sentence striking one line with its new value beside it may strike others the same way (a form resubmitted whole).
      const more = correction.parts.length > 1 ? [] : lines.slice(0, lineIndex).filter((other) => !taken.has(other) && !turn.some((sentence) => sentence.includes(other)) && correctionOf(other, lines, turn, index, used, positions)?.parts.length === 1);
      for (const other of more) taken.add(other);
      found.push({ ...correction, lines: [line, ...more.reverse()] });
      for (const part of correction.parts) used.add(part);
      break;
    }
  }
  return found;
}

/** Statements grouped by the turn they came from (statements without a turn stand alone), in order. */
export function byTurn(statements: readonly Statement[]): Statement[][] {
  const groups: Statement[][] = [];
  for (const statement of statements) {
    const last = groups.at(-1);
    if (last !== undefined && statement.turn !== undefined && last[0]!.turn === statement.turn) last.push(statement);
    else groups.push([statement]);
  }
  return groups;
}

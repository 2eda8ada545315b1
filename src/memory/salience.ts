import { createHash } from "node:crypto";
import { signalsOf, splitSentences } from "./signals.ts";
import { writtenValues } from "./spoken-values.ts";
import { relativeDates } from "./relative-dates.ts";

/**
 * Why a sentence is worth keeping. One reading of a sentence serves the fact ledger (what survives every
 * compaction), the local summary (which lines a merged tier keeps) and priority truncation (a unit's
 * importance), so what is kept, summarised and truncated agree.
 */
export const salienceKinds = ["first_person", "identity", "entity", "number", "date", "preference", "decision", "constraint", "pending_action", "correction", "field"] as const;
export type SalienceKind = (typeof salienceKinds)[number];

export interface Salience {
  score: number;
  kinds: SalienceKind[];
  /** The sentence asks rather than states. */
  question: boolean;
}

const weights: Record<SalienceKind, number> = {
  first_person: 1,
  identity: 2,
  entity: 1,
  number: 1,
  date: 1,
  preference: 2,
  decision: 2,
  constraint: 2,
  pending_action: 1.5,
  correction: 2,
  field: 1,
};

/**
 * A statement at or above this score goes into the ledger even without a specific value (a stated
 * preference, a decision); one naming a value (a number, date or name) needs only to be a statement.
 */
export const LEDGER_THRESHOLD = 3;
const valueKinds: readonly SalienceKind[] = ["identity", "entity", "number", "date", "field"];

/**
 * A value under a short label: "diet: halal only", "Please note: no pork", "- portion size: large", "photographer =
 * Mireille", "| cabin | an ocean-view cabin |". The user names the field, so what follows is a value even when it is
 * no number, date or name. A label of up to three words; a table's header and rule rows are no fields.
 */
const FIELD = /^(?:[-*•]\s+)?[\p{L}][\p{L}'’-]*(?: [\p{L}'’-]+){0,2}\s*(?::|=)\s+\S/u;
// Two cells split at their bars, their letters tested after: `[^|]*\p{L}[^|]*?` in each cell re-read the rest of a
// bar-less line from every letter (quadratic; "| " and 20,000 letters took 3.6 s).
const TABLE_ROW = /^\|([^|]*)\|([^|]*)(?:\|\s*)?$/u;
const HEADER_CELLS = new Set(["value", "values", "new value", "details", "setting", "current", "now", "item", "field"]);
function isField(sentence: string): boolean {
  const row = TABLE_ROW.exec(sentence.trim());
  if (row !== null && /\p{L}/u.test(row[1]!) && /\p{L}/u.test(row[2]!)) return !HEADER_CELLS.has(row[2]!.trim().toLowerCase());
  return FIELD.test(sentence.trim());
}

const months = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const weekdays = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
// "update:" and "EDIT:" end in a colon, so it sits outside the closing \b (a colon before a space is no word boundary).
const correctionCueSource = String.raw`\b(actually|correction|scratch that|changed my mind|(?:that|this) one(?:'s| has) changed|change of plan|i meant|make that|make it|instead|no longer|not anymore|any more|moved (?:it |them )?to|update on|updated|is now|are now|now is|now on|now at|changed to|got (?:\w+ ){0,4}wrong|should be|should have said|mistake|mixed (?:\w+ )?up|my bad|i was wrong|double[- ]checked|checked again|new info(?:rmation)?|typo|misremembered|misspoke|correct myself|the correct|ignore what i said|(?:have|get) (?:it|that|this) right|one change|let me revise|let me correct|(?:was|were) (?:wrong|off)|(?:gave you|told you|said) the wrong|forget (?:it|that|both|all of that|what i said)|(?:hmm|oh|ah),? no|no,? (?:wait|hang on)|not what i (?:told you|said)(?: before)?|that's final|if it's not too late|fell through|(?:doesn't|does not|won't) work any ?more|flip-?flop\w*|scrap (?:both|that|all|the)|update from|(?:looking|looked) at the wrong|(?:is|was) the old (?:one|value)|no longer applies|strike (?:out )?(?:the|that|my|it)|in (?:its|their) place|(?:been |got )?overwritten)\b|\b(?:update|edit|edited):|\b(?:ok |okay )?latest:|\((?:v\d+ )?(?:was|previously|formerly) |(?:^|\s)~~(?=\S)|(?<![A-Za-z0-9/])s\/[^/\s]|\bchange (?:it|that|this) to\b|\s(?:→|->)\s|(?:^|\s)\*(?=\w)|^no\s*[—–]\s|^[-−]\s?[^\s\-−][^\n]*?\s\+\s?[^\s+]`;
/** Every correction cue in a text ("actually", "scratch that", "I mixed it up"): what the ledger's slots leave out. */
export const correctionCues = new RegExp(correctionCueSource, "gi");

const patterns: Partial<Record<SalienceKind, RegExp>> = {
  first_person: /\b(i|i'm|i've|i'd|i'll|my|mine|me|we|we're|we've|we'll|our|ours|us)\b/i,
  // "name is lumen-gateway": what follows a naming phrase is a name whatever its case.
  identity: /\b(my name is|call me|is called|are called|is named|goes by|(?:my|our) (?:\w+ ){0,2}(?:is|are|was) [A-Z]|name is \S)/,
  date: new RegExp(`\\b(${months})\\b\\.? ?\\d|\\d(?:st|nd|rd|th)? (?:of )?(${months})\\b|\\b(${weekdays})\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b\\d{1,2}[:.]\\d{2}\\b|\\b\\d{1,2} ?(am|pm)\\b|${relativeDates}|\\b(early|mid|late)[- ](${months})\\b|\\bthe \\d{1,2}(st|nd|rd|th)\\b|\\b\\d{1,2}/\\d{1,2}\\b`, "i"),
  decision: /\b(decided|decide|decision|agreed|we will|we'll go|let's go with|let's use|let's stick|go with|going with|chose|chosen|settled on|approved|confirmed|booked|picked|picking|selected|opted for|going for|ended up with|we're using|we are using|switch(ed)? to)\b/i,
  preference: /\b(prefer|preference|(?:i|we) (?:really |also |still )?like|(?:i|we) love|i hate|i don't like|i do not like|i (?:really |also |still )?want|i'd (?:really |also |much )?like|i would (?:really |also |much )?like|i'd rather|please always|please never|always use|never use|favou?rite|keep (the )?answers)\b|(?<!\b(?:that|it|this|which|that's|it's) )\b(?:suits? (?:me|us)|works? best|would be (?:better|best|ideal|easier)|aim for|if (?:you can|possible)\b.*\b(?:please|for)\b)/i,
  constraint: /\b(must|mustn't|can't|cannot|can not|only|at most|at least|no more than|no later than|no earlier than|not before|not after|under|within|allerg(?:y|ies|ic)|intoleran(?:t|ce)|vegetarian|vegan|halal|kosher|gluten-free|dairy-free|co?eliac|required?|requires|budget|limit|deadline|maximum|minimum|max|min)\b/i,
  pending_action: /\b(todo|to-do|pending|follow up|follow-up|next step|remind me|will send|need to|needs to|have to|action item)\b/i,
  correction: new RegExp(correctionCueSource, "i"),
};

/**
 * Words English capitalises at the start of a sentence whatever follows (function words, pronouns,
 * auxiliaries, interjections, discourse adverbs): a capital on any other word there may be a name.
 */
export const sentenceStarters: ReadonlySet<string> = new Set(
  "i i'm i've i'd i'll a an the this that these those it it's its there here he she they we you my our your his her their me us them and but or so because if when while where what which who whom whose why how whether then also just only even still yet though although however anyway actually well oh ah hmm hm ok okay yes yeah no nope sure thanks thank hi hello hey please sorry right great good fine cool alright is are was were be been am do does did done have has had can could will would shall should may might must let let's not any some all every each both either neither none one another many much more most few several such same other as at by for from in into of on onto to with without about after before over under up down out off again once since until than too very really maybe perhaps probably also sometimes usually often never always now today tomorrow yesterday tonight".split(" "),
);
const notEntities = new Set(["I", "I'm", "I've", "I'd", "I'll", "OK"]);

/**
 * A named thing: a word mixing letters and digits (order numbers, versions, codes), or a capitalised word
 * that grammar does not explain (not after a sentence end, or a first word that is no common starter).
 */
function hasEntity(sentence: string): boolean {
  // An email address or a host name is a named thing whatever its case ("dana.roth@quillmail.com"). A local part
  // has at most 64 characters; unbounded, it re-read a long "a.a.a…" run from each of its dots (quadratic). Bounded,
  // it still tried 64 characters at each start of a run ("a.a.…", "4-4-…": 0.5 s a MiB), so it runs only past an "@".
  if (sentence.includes("@") && /\b[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+\b/.test(sentence)) return true;
  const words = sentence.split(/\s+/);
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index]!.replace(/^[^\w]+|[^\w'-]+$/g, "");
    if (word === "") continue;
    if (/[A-Za-z]/.test(word) && /\d/.test(word)) return true;
    if (!/^[A-Z][\w'-]*/.test(word) || notEntities.has(word)) continue;
    const startsSentence = index === 0 || /[.!?:]$/.test(words[index - 1]!);
    if (!startsSentence || !sentenceStarters.has(word.toLowerCase())) return true;
  }
  return false;
}

/**
 * Characters of a sentence read for its salience, as for its ledger slot (ledger-slot.ts): no fact statement of the
 * retention sets comes near it, and a MiB-long "sentence" (a run without a full stop) costs one window, not a pause.
 */
const MAX_SALIENCE_CHARS = 2_000;

/**
 * The salience of one sentence: the kinds of signal it carries and their weighted sum. A question
 * scores half: asking is not stating.
 *
 * @example
 * salienceOf("My daughter is called Ilse.") // { score: 4, kinds: ["first_person", "identity", "entity"], question: false }
 */
export function salienceOf(said: string): Salience {
  // A number or a time said in words is as much a value as one in digits ("Please book two rooms").
  const sentence = writtenValues(said.length > MAX_SALIENCE_CHARS ? said.slice(0, MAX_SALIENCE_CHARS) : said);
  const kinds: SalienceKind[] = [];
  for (const kind of salienceKinds) {
    if (kind === "entity") {
      if (hasEntity(sentence)) kinds.push(kind);
    } else if (kind === "field") {
      if (isField(sentence)) kinds.push(kind);
    } else if (kind === "number") {
      if (/\d/.test(sentence)) kinds.push(kind);
    } else if (patterns[kind]!.test(sentence)) kinds.push(kind);
  }
  // The older signal table (decisions, specifications) still counts, so no sentence scores lower than before.
  if (!kinds.includes("constraint") && signalsOf(sentence).includes("specification")) kinds.push("constraint");
  const question = /\?\s*$/.test(sentence);
  let score = kinds.reduce((total, kind) => total + weights[kind], 0);
  if (question) score /= 2;
  return { score, kinds, question };
}

/**
 * A statement worth a ledger line: one naming a specific value (what a prose summary loses first), or
 * one salient enough without; never a question.
 *
 * @example
 * isLedgerWorthy(salienceOf("Peak traffic is 3,400 requests per second.")) // true: it names a number
 * isLedgerWorthy(salienceOf("Thanks, that helps a bit.")) // false
 */
export function isLedgerWorthy(salience: Salience & { question?: boolean }): boolean {
  if (salience.question === true) return false;
  return salience.score >= LEDGER_THRESHOLD || salience.kinds.some((kind) => valueKinds.includes(kind));
}

/**
 * How much of a long text peak salience reads: its head and its tail. Reading every distinct line of a MiB
 * took ~260 ms of the event loop on every compaction of its thread; a message that long is dropped on size
 * long before the sentences past its first 48 KiB would change its rank.
 */
export const PEAK_SALIENCE_HEAD_CHARS = 48 * 1024;
export const PEAK_SALIENCE_TAIL_CHARS = 16 * 1024;
// Priority truncation scores every unit of the history on every compaction: a long message's peak is
// remembered by its content's hash, so it is read once, not once per request of its thread.
const LONG_TEXT_CHARS = 8 * 1024;
const REMEMBERED = 256;
const remembered = new Map<string, number>();

/** The highest sentence salience of a text (0 for an empty one): a message is as important as its best sentence. */
export function peakSalience(text: string): number {
  if (text.length < LONG_TEXT_CHARS) return peakOf(text);
  const key = createHash("sha1").update(text).digest("base64");
  const known = remembered.get(key);
  if (known !== undefined) return known;
  const read = text.length <= PEAK_SALIENCE_HEAD_CHARS + PEAK_SALIENCE_TAIL_CHARS ? text : `${text.slice(0, PEAK_SALIENCE_HEAD_CHARS)}\n${text.slice(-PEAK_SALIENCE_TAIL_CHARS)}`;
  const peak = peakOf(read);
  if (remembered.size >= REMEMBERED) remembered.delete(remembered.keys().next().value as string);
  remembered.set(key, peak);
  return peak;
}

function peakOf(text: string): number {
  let peak = 0;
  // A sentence said twice scores the same: a MiB of one repeated line is read once, not per line.
  for (const sentence of new Set(splitSentences(text))) peak = Math.max(peak, salienceOf(sentence).score);
  return peak;
}

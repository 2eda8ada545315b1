/**
 * What a statement names as the thing it gives a value of, when it says so in words anywhere in its opening, not
 * only first ("Argument over, the keyholder is settled: …", "…it's about the spending cap, that's now …", "For the
 * ryokan host, cross out …", "Resubmitted the form — engineer slot: [x] …", "📅 Care review — Friday …"). Two
 * statements that name different things are two facts, however alike their values are typed: a date said for the
 * annual leave does not replace the date said for the store submission.
 */
import { keyClasses, keyOf, QUALIFIERS, typeNounClasses } from "./statement-key.ts";
import { ledgerSlotOf } from "./ledger-slot.ts";

/** Characters read: a subject is named early (a bounded read keeps every pattern below linear in practice). */
const MAX_READ = 400;
/** One to four lower-case words: a name or a sentence is no subject. */
const WORDS = String.raw`\p{Ll}[\p{Ll}'’-]*(?:\s+\p{Ll}[\p{Ll}'’-]*){0,3}`;
/** "about the X,", "For the X,", "changes to the X;": the subject introduced by a preposition, closed by punctuation. */
const INTRODUCED = new RegExp(String.raw`\b(?:about|for|to|on)\s+the\s+(${WORDS})\s*[,;:]`, "iu");
/** "the X is …", "the X should read …", "the X was wrong": the subject of a verb of being or a correction's verb. */
const SUBJECT_OF = new RegExp(String.raw`\bthe\s+(${WORDS})\s+(?:is|are|was|were|should\s+(?:read|be|say))\b`, "u");
/** "Strike the registration I gave you and put …", "The contact channel you were given is out of date": what was said before, named. */
const SAID_BEFORE = new RegExp(String.raw`\b(?:the|my|our)\s+(${WORDS})\s+(?:(?:I|we)\s+(?:gave|sent|told|said|put|wrote|had|mentioned|quoted)|you\s+(?:were|got|have been)\s+(?:given|told|sent|quoted))\b`, "iu");
/** "Cell B4 on our shared sheet (the contact channel) has been overwritten …": a bracketed name of what a cell or field holds. */
const BRACKETED = new RegExp(String.raw`\((?:the|my|our)\s+(${WORDS})\)`, "u");
/** "— engineer slot: …" after a dash, or "📅 Care review — …" as a label at the start. */
const AFTER_DASH = new RegExp(String.raw`[—–]\s+(${WORDS}):\s`, "u");
// The label must follow a symbol (an icon or a bullet): "To your question earlier — …" or "That one's changed — …" is no label.
const LABEL_DASH = new RegExp(String.raw`^[^\p{L}\s]+\s*(\p{Lu}?${WORDS})\s+[—–]\s`, "u");

const cache = new Map<string, string | undefined>();
const MAX_CACHED = 4096;

/**
 * The subject a statement names (lower case), or undefined: its key when said first (statement-key.ts), else the
 * earliest of the frames above.
 *
 * @example
 * namedSubject("Argument over, the store submission is settled: Tuesday 27 January.") // "store submission"
 * namedSubject("If you need me, try lunchtimes, 12 to 1.") // undefined
 */
export function namedSubject(statement: string): string | undefined {
  if (cache.has(statement)) return cache.get(statement);
  const found = readSubject(statement.slice(0, MAX_READ));
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(statement, found);
  return found;
}

/** Words a noun phrase naming a thing does not hold: "Checked with everyone:", "Back to the original …:" introduce. */
const NOT_A_NOUN_PHRASE = /(?:^|\s)(?:with|to|back|by|at|in|on|for|from|me|my|i|we|our|us|you|your)(?:\s|$)/;

function readSubject(statement: string): string | undefined {
  const nounPhrase = (phrase: string | undefined) => (phrase === undefined || NOT_A_NOUN_PHRASE.test(phrase) ? undefined : phrase);
  const keyed = nounPhrase(keyOf(statement)?.key);
  if (keyed !== undefined) return keyed;
  const found = [INTRODUCED, SUBJECT_OF, AFTER_DASH, SAID_BEFORE, BRACKETED]
    .map((pattern) => pattern.exec(statement))
    .filter((match): match is RegExpExecArray => match !== null && nounPhrase(match[1]!.toLowerCase()) !== undefined)
    .sort((left, right) => left.index - right.index)[0];
  // A label before a dash only when nothing names a subject after it ("Resubmitted the form — spending cap: …").
  return nounPhrase((found ?? LABEL_DASH.exec(statement))?.[1]?.toLowerCase().replace(/\s+/g, " "));
}

/**
 * Both statements name their subject and each subject has a word the other lacks that neither qualifies nor names
 * a type ("engineer slot" and "annual leave", "regular carer" and "care review"); "install" and "install date",
 * "contact" and "main contact" are one subject.
 *
 * @example
 * differentSubjects("Argument over, the store submission is settled: Tuesday 27 January.", "…it's about the annual leave, that's now 3rd to 21st of March") // true
 * differentSubjects("Keyholder is Saoirse.", "Argument over, the keyholder is settled: Thaddeus.") // false
 */
export function differentSubjects(older: string, newer: string): boolean {
  const before = namedSubject(older);
  const after = before === undefined ? undefined : namedSubject(newer);
  if (before === undefined || after === undefined) return false;
  // Two keys said first are statement-key.ts's to compare: a key in other words ("pace: 20 km a day", "daily distance
  // → 15 miles a day") is linked there by its value, and only a subject named inside a sentence adds evidence here.
  if (before === keyOf(older)?.key && after === keyOf(newer)?.key) return false;
  const [left, right] = [keyClasses(before), keyClasses(after)];
  const ownWords = (words: Set<string>, other: Set<string>) => [...words].filter((word) => !other.has(word) && !QUALIFIERS.has(word) && !typeNounClasses.has(word));
  const [leftOwn, rightOwn] = [ownWords(left, right), ownWords(right, left)];
  if (leftOwn.length === 0 || rightOwn.length === 0) return false;
  // The newer names the older's subject elsewhere ("tel: … That one's changed — 1:30 pm. (The ceremony time, I mean.)"):
  // one message can carry two statements, and the older's subject said anywhere links them.
  const newerWords = ledgerSlotOf(newer).subject;
  return !leftOwn.every((word) => newerWords.has(word));
}

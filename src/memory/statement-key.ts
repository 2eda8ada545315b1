/**
 * A statement's key: what it gives a value of, said first and set apart by a colon or "is" ("Best way to reach me:
 * the shared inbox.", "fyi best way to reach me is Teams chat now", "Reindex window: the night before the sale").
 * People restate a changed value in the frame they gave it, and the value itself often has no type a reader can
 * compare ("the shared inbox", "Teams chat"), so two statements with one key and different values are one fact in
 * two versions, whatever the value is. A key is a phrase of common words: a name ("Ottilie is on leave") or a
 * label with a value ("Ticket 4: …") is no key, nor a word that only introduces ("Note:", "Update:", "Quick one:").
 */
import { isGenericWord, ledgerSlotOf, type LedgerValueType } from "./ledger-slot.ts";
import { correctionCues } from "./salience.ts";
import { classOf } from "./subject-classes.ts";

/** Chat markers before a key: "fyi", "ok latest:", "update:", "so". */
const MARKERS = /^(?:(?:fyi|btw|ok|okay|so|and|also|pls|please|right|update|latest|ps|oh|ah|well|actually|sorry|edit)\b[,:]?\s*|\d{1,2}\)\s+)+/i;
/** The key, then ": ", an arrow ("callback number → …") or a verb of being, then the value (a question gives none). */
const KEYED = /^((?:\p{L}[\p{L}'’-]*\s+){0,5}\p{L}[\p{L}'’-]*)(?::\s+|\s*=\s+|\s+(?:→|->)\s+|\s+(?:is|are|will be)\s+(?:now\s+)?)(\S.*)$/u;
/** Words that introduce rather than name: "Note:", "One thing:", "Quick one:", "Confirmed:". */
// "What's left is …" gives the value a cross-out before it left standing: what is left is the only thing it names.
const INTRODUCERS = new Set("note notes update updates correction amendment tweak reminder question thing one quick small slight minor last more another confirmed confirm answer info fyi ps heads rule problem issue plan idea point change it this that there which what who here what's what’s left remaining".split(" "));
const DETERMINERS = /\b(?:the|a|an|my|our|your|their|his|her)\s+/g;

/** A verb closing a key that tells of news arriving rather than naming a thing. */
const NEWS_VERB = /^(?:came|arrived|landed|replied|answered|rang|called|emailed|wrote|said|confirmed|back)$/;

/** Keys by statement: every statement is compared with every ledger line at each compaction (bounded, as slots are). */
const keyCache = new Map<string, { key: string; value: string } | undefined>();
const MAX_CACHED = 4096;

/** A statement's key, lower case without determiners, or undefined (see the file's comment). */
export function keyOf(statement: string): { key: string; value: string } | undefined {
  if (keyCache.has(statement)) return keyCache.get(statement);
  const found = readKey(statement.slice(0, MAX_READ));
  if (keyCache.size >= MAX_CACHED) keyCache.clear();
  keyCache.set(statement, found);
  return found;
}

/** Characters of a statement read for its key: a key is said first. */
const MAX_READ = 400;

function readKey(statement: string): { key: string; value: string } | undefined {
  if (/\?\s*$/.test(statement)) return undefined;
  const match = KEYED.exec(statement.trim().replace(MARKERS, ""));
  if (match === null) return undefined;
  const said = match[1]!;
  // A capital past the key's first letter is a name, the thing a value is of, not a key ("Ottilie is …", "Sign-off is Ottilie" keys "sign-off").
  if (/\s\p{Lu}/u.test(said) || ledgerSlotOf(said).values.length > 0) return undefined;
  // A capital opening the sentence that acts as a person is the one the statement is about ("Ottilie is our tour manager.").
  const first = said.split(/\s+/)[0]!.toLowerCase();
  if (ledgerSlotOf(statement).values.some((value) => value.type === "name" && value.text.split(" ")[0] === first)) return undefined;
  const key = said.toLowerCase().replace(DETERMINERS, "").replace(/\s+/g, " ").trim();
  const words = key.split(" ");
  if (words.every((word) => INTRODUCERS.has(word)) || /^(?:i|we|you|they|he|she|it)\b/.test(key)) return undefined;
  // A correction's own words introduce, they name nothing ("My bad: 118, not 37.", "Scratch that: …").
  correctionCues.lastIndex = 0;
  // Read past the chat markers: "EDIT: solicitor is …" keys "solicitor"; "My bad: …" still opens with a cue.
  const unmarked = statement.trim().replace(MARKERS, "");
  const opening = unmarked.slice(0, unmarked.indexOf(said) + said.length);
  const cued = correctionCues.test(opening) || /^(?:from|by|with|to|on|in|at|for|about)\b/i.test(said) || /\b(?:bad|sorry|oops|wait|hmm|typo|fix|sorted|confirmed|done)\b/i.test(said);
  correctionCues.lastIndex = 0;
  if (cued) return undefined;
  // News arriving introduces a value, it names no subject: "Call-back came: …", "Quote arrived: …", "Landlord replied: …".
  if (words.length >= 2 && NEWS_VERB.test(words.at(-1)!)) return undefined;
  const value = match[2]!.replace(/\s*\b(?:now|instead|any more|anymore)\s*[.!]?\s*$/i, "").replace(/[.!]\s*$/, "").trim().toLowerCase();
  // "…: Northgate Joinery rather than Kestrel & Sons.": a value naming the one it replaces is matched by that name (retired-phrases.ts).
  if (value === "" || /(?:,\s*not|\brather than|\binstead of)\s/i.test(value)) return undefined;
  return { key, value };
}

/**
 * The older statement and the newer give one key different values: the newer is its latest version.
 *
 * @example
 * sameKey("Best way to reach me: the shared inbox.", "fyi best way to reach me is Teams chat now") // true
 * sameKey("Best way to reach me: the shared inbox.", "Best way to reach me: the shared inbox.") // false
 */
export function sameKey(older: string, newer: string): boolean {
  const before = keyOf(older);
  const after = before === undefined ? undefined : keyOf(newer);
  return before !== undefined && after !== undefined && before.key === after.key && before.value !== after.value && !after.value.includes(before.value) && !before.value.includes(after.value);
}

/** Words a key is said with that name nothing: "best time to call me" is about calling at a time. */
const KEY_FILLER = new Set("me to of for my i we our us and with on at in by you your".split(" "));
/**
 * Words that say which value of a subject is meant without naming another subject: "best time to call" and
 * "calls", "main contact" and "contact" name one fact. "billing email" and "email" do not: "billing" names another.
 */
export const QUALIFIERS = new Set("best preferred usual main current latest primary final new good".split(" ").map(classOf));

/** A key's words by subject class, without the filler it is said with. */
export function keyClasses(key: string): Set<string> {
  return new Set(key.split(/[\s-]+/).filter((word) => word.length > 1 && !KEY_FILLER.has(word)).map(classOf));
}

/**
 * The older statement and the newer give related keys different values: one key's words, by subject class, are
 * all in the other's, and the other's extra words only qualify or name the value's type ("install" and "install
 * date", "calls" and "best time to call"). Two keys whose extra word names another thing ("email", "billing
 * email") are two facts.
 *
 * @example
 * relatedKeys("calls: Saturday mornings works", "2) best time to call → Tuesday mornings") // true
 * relatedKeys("Email: ana@example.com", "Billing email: ap@example.com") // false
 */
export function relatedKeys(older: string, newer: string): boolean {
  const before = keyOf(older);
  const after = before === undefined ? undefined : keyOf(newer);
  if (before === undefined || after === undefined || before.value === after.value || after.value.includes(before.value) || before.value.includes(after.value)) return false;
  const [small, large] = [keyClasses(before.key), keyClasses(after.key)].sort((left, right) => left.size - right.size) as [Set<string>, Set<string>];
  if (small.size === 0 || ![...small].every((word) => large.has(word))) return false;
  // A subject is named by more than a type noun: "date" alone is the date of anything.
  if ([...small].every((word) => typeNounClasses.has(word))) return false;
  return [...large].every((word) => small.has(word) || QUALIFIERS.has(word) || typeNounClasses.has(word));
}

/** Subject classes of the nouns that only name a value's type ("the time", "the date"). */
export const typeNounClasses = new Set("time hour date day number count name email code amount".split(" ").map(classOf));

/** Families of value types a change stays within: a date for a date or a time, a number for an amount. */
const family = (type: LedgerValueType) => (type === "date" || type === "time" ? "when" : type === "count" || type === "quantity" || type === "money" ? "number" : type === "code" ? "name" : type);

/**
 * The newer statement gives a key whose words, by subject class, are all in the older statement's subject, with at
 * least one that is not generic ("EDIT: solicitor is Chiamaka" for "Vikram at the conveyancers is our solicitor."),
 * and a value of the older's family of a specific type, a date for a date (or the older states no typed value: a
 * name said first reads as a noun).
 * Alone this is weak evidence: the ledger uses it only when exactly one line fits.
 *
 * @example
 * keyInSubject("Vikram at the conveyancers is our solicitor.", "EDIT: solicitor is Chiamaka") // true
 */
export function keyInSubject(older: string, newer: string): boolean {
  const after = keyOf(newer);
  if (after === undefined || keyOf(older)?.key === after.key) return false;
  const words = keyClasses(after.key);
  const subject = ledgerSlotOf(older).subject;
  if (words.size === 0 || ![...words].some((word) => !isGenericWord(word) && !QUALIFIERS.has(word)) || ![...words].every((word) => subject.has(word) || QUALIFIERS.has(word) || typeNounClasses.has(word))) return false;
  const oldValues = ledgerSlotOf(older).values;
  if (oldValues.length === 0) return true;
  // Counts, names and codes are everywhere ("badge 8815", "118 licences"): only a value of a specific type links.
  const oldTypes = oldValues.filter((value) => value.type !== "count" && value.type !== "name" && value.type !== "code").map((value) => family(value.type));
  const newTypes = ledgerSlotOf(after.value).values.map((value) => family(value.type));
  return newTypes.some((type) => oldTypes.includes(type)) && !oldValues.some((value) => after.value.includes(value.text.toLowerCase()));
}

/**
 * The one line of `lines` (newest last) the statement's key relates to, or -1 when none or more than one do: a key
 * said in other words is weaker evidence than the same key, so two candidates are a guess the ledger does not make.
 *
 * @example
 * keyedLine(["install: the 14th", "Dinner: 19:30"], "2) install date → Monday 8 June") // 0
 * keyedLine(["Vikram at the conveyancers is our solicitor."], "EDIT: solicitor is Chiamaka", keyInSubject) // 0
 */
export function keyedLine(lines: readonly string[], statement: string, relation: (older: string, newer: string) => boolean = relatedKeys): number {
  if (keyOf(statement) === undefined) return -1;
  const found = lines.flatMap((line, index) => (line !== statement && relation(line, statement) ? [index] : []));
  return found.length === 1 ? found[0]! : -1;
}

/**
 * Two keys for two things of one kind: they share a word and each has a word of its own that neither qualifies
 * nor names a type ("outbound flight" and "return flight", "start date" and "end date"). Two dates of one trip both
 * stay, however alike their values are written, unless a statement names the other's value.
 *
 * @example
 * contrastingKeys("Outbound flight: 3 May.", "Return flight: 17 May.") // true
 * contrastingKeys("install: the 14th", "install date → Monday 8 June") // false
 */
export function contrastingKeys(older: string, newer: string): boolean {
  const before = keyOf(older);
  const after = before === undefined ? undefined : keyOf(newer);
  if (before === undefined || after === undefined) return false;
  const [left, right] = [keyClasses(before.key), keyClasses(after.key)];
  const own = (words: Set<string>, other: Set<string>) => [...words].some((word) => !other.has(word) && !QUALIFIERS.has(word) && !typeNounClasses.has(word));
  return [...left].some((word) => right.has(word)) && own(left, right) && own(right, left);
}

/**
 * A statement's key: what it gives a value of, said first and set apart by a colon or "is" ("Best way to reach me:
 * the shared inbox.", "fyi best way to reach me is Teams chat now", "Reindex window: the night before the sale").
 * People restate a changed value in the frame they gave it, and the value itself often has no type a reader can
 * compare ("the shared inbox", "Teams chat"), so two statements with one key and different values are one fact in
 * two versions, whatever the value is. A key is a phrase of common words: a name ("Ottilie is on leave") or a
 * label with a value ("Ticket 4: …") is no key, nor a word that only introduces ("Note:", "Update:", "Quick one:").
 */
import { ledgerSlotOf } from "./ledger-slot.ts";
import { correctionCues } from "./salience.ts";

/** Chat markers before a key: "fyi", "ok latest:", "update:", "so". */
const MARKERS = /^(?:(?:fyi|btw|ok|okay|so|and|also|pls|please|right|update|latest|ps|oh|ah|well|actually|sorry|edit)\b[,:]?\s*|\d{1,2}\)\s+)+/i;
/** The key, then ": ", an arrow ("callback number → …") or a verb of being, then the value (a question gives none). */
const KEYED = /^((?:\p{L}[\p{L}'’-]*\s+){0,5}\p{L}[\p{L}'’-]*)(?::\s+|\s+(?:→|->)\s+|\s+(?:is|are|will be)\s+(?:now\s+)?)(\S.*)$/u;
/** Words that introduce rather than name: "Note:", "One thing:", "Quick one:", "Confirmed:". */
const INTRODUCERS = new Set("note notes update updates correction amendment tweak reminder question thing one quick small slight minor last more another confirmed confirm answer info fyi ps heads rule problem issue plan idea point change it this that there which what who here".split(" "));
const DETERMINERS = /\b(?:the|a|an|my|our|your|their|his|her)\s+/g;

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
  const opening = statement.slice(0, statement.indexOf(said) + said.length);
  const cued = correctionCues.test(opening) || /^(?:from|by|with|to|on|in|at|for|about)\b/i.test(said) || /\b(?:bad|sorry|oops|wait|hmm|typo|fix|sorted|confirmed|done)\b/i.test(said);
  correctionCues.lastIndex = 0;
  if (cued) return undefined;
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

/**
 * Reading the label of a candidate value for the context scorer (pii-score.ts): the words right before it (past
 * markers, glue words and prepositions), the question a reply answers, and the header of the field it stands in.
 * What the label says (a cue for the kind, an anti-cue, an unknown word, nothing) is the scorer's strongest evidence.
 */
import { fieldKeyBefore, fieldName } from "./pii-columns.ts";
import { questionBefore, clauseBefore, tokens, wordPattern, type Token } from "./pii-clause.ts";
import { matchesOf } from "./pii-matches.ts";
import { headCue, numberWord, objectPronouns, ownNumber, possessives, prepositions, purposes, wordRole, type CueKind, type WordRole } from "./pii-cues.ts";

/** Whether a word's role is a cue for the kind. */
export const isCue = (role: WordRole, kind: CueKind) => role.role === "cue" && role.kinds.includes(kind);

/**
 * The label directly before the candidate: markers, glue words and prepositions next to it are skipped, then up
 * to three adjacent words (only spaces between them) are read. A bare "number" after a possessive is a phone cue.
 */
export function phraseBefore(text: string, words: Token[], kind: CueKind): "cue" | "anti" | "unknown" | "other" | "none" | "beyond" {
  let index = words.length - 1;
  let preposition = false;
  while (index >= 0 && (words[index]?.role.role === "marker" || words[index]?.role.role === "glue" || prepositions.has(words[index]?.word ?? ""))) {
    const word = words[index] as Token;
    const owner = words[index - 1]?.word ?? "";
    if (word.role.role === "marker" && (possessives.has(owner) || /['’]s$/.test(owner))) {
      // "my ID (number)" names the owner's identity number; "my number" alone a phone.
      if (/^ids?$/.test(word.word)) return kind === "national_id" ? "cue" : "other";
      if (kind === "phone") return "cue";
    }
    preposition ||= prepositions.has(word.word);
    index -= 1;
  }
  const phrase: Token[] = [];
  for (; index >= 0 && phrase.length < 3; index -= 1) {
    const word = words[index] as Token;
    const next = phrase.at(-1);
    // A label is words side by side: anything but spaces between two words ends it.
    if (word.role.role === "glue" || (next !== undefined && !/^\s+$/.test(text.slice(word.end, next.start)))) break;
    // A verb before "me" ("page me at", "text me on") asks to be contacted: it is no label.
    // Only a word with no label role of its own is such a verb ("OIB mi je …" is an id's label and a pronoun).
    if (phrase.length === 0 && word.role.role === "content" && objectPronouns.has(words[index + 1]?.word ?? "") && (kind === "phone" || kind === "email")) return "cue";
    phrase.push(word);
  }
  if (phrase.length === 0) return "none";
  // "address for invoices:", "Aadhaar for the rental KYC:": the words after "for" (an article may follow it) name what the value is for, a cue in the two words before it what it is.
  const purpose = words.slice(0, index + 1).findLastIndex((word) => word.role.role !== "glue" || purposes.has(word.word));
  if (purposes.has(words[purpose]?.word ?? "") && words.slice(Math.max(0, purpose - 2), purpose).some((word) => isCue(word.role, kind))) return "cue";
  // A party word right before a colon names who speaks or whose field it is ("[14:02] customer: …", "Kunde: …"),
  // not what the value is: no anti-cue, only a name no cue ("customer no: …" still names an identifier). A dialled
  // "+44 …" or a spoken address still passes; a bare national layout ("Customer: 0176 …", a customer number as
  // often as a phone) does not.
  if (phrase.length === 1 && phrase[0]?.role.role === "anti" && phrase[0].role.party === true && /^\s*:/.test(text.slice(phrase[0].end))) return "unknown";
  // "line 4: …" numbers a line of a text (a sign, a form, a listing): the word names the line, not the LINE messenger.
  if (phrase.length === 1 && phrase[0]?.word === "line" && /^\s*\d{1,3}\s*[:.)]/.test(text.slice(phrase[0].end))) return "unknown";
  // Words written apart that are one cue together ("Whats app", "e mail", "Tele fon").
  const joined = phrase.length > 1 ? wordRole([...phrase].reverse().map((word) => word.word).join("")) : undefined;
  // "My number" is a phone's unless an id's name stands right before the number word ("kimlik numaram").
  const idNamed = kind === "phone" && idNamesNumber(words);
  const ownPhone = kind === "phone" && !idNamed && ownNumberBefore(words);
  const cueWord = (word: Token) => isCue(word.role, kind) && !(idNamed && (ownNumber.test(word.word) || numberWord.test(word.word)));
  // The label's last word names what the value is ("예약 확인 메일은", "ご予約の電話番号"): for a phone or an address, the
  // words before it say what it is for (pii-cues.ts `headCue`).
  const head = !idNamed && phrase.some((word) => word.role.role === "anti") && headCue((phrase[0] as Token).word, kind);
  const cue = head || phrase.some(cueWord) || (joined !== undefined && isCue(joined, kind)) || ownPhone;
  // Past a preposition the words name something else ("requests from …"): only a cue still counts ("call me at").
  // A party word yields to a cue beside it ("Customer phone"); any other anti-cue wins ("Gift card").
  const anti = !head && phrase.some((word) => word.role.role === "anti" && !(cue && word.role.party === true));
  if (preposition) return cue && !anti ? "cue" : "beyond";
  if (anti) return "anti";
  if (cue) return "cue";
  return phrase.some((word) => word.role.role === "cue") ? "other" : "unknown";
}

/**
 * "My number (is)" in any word order the languages use: a number word and a possessive among the five words
 * before the number ("Numărul meu este", "Nomor saya", "제 번호는", "मेरा नंबर"), or one word that says both.
 */
function ownNumberBefore(words: Token[]): boolean {
  const near = words.slice(-5);
  if (near.some((word) => ownNumber.test(word.word))) return true;
  return near.some((word) => numberWord.test(word.word)) && near.some((word) => possessives.has(word.word));
}

/** An id's name right before a number word among the last five words: "kimlik numaram", "TC kimlik no". */
function idNamesNumber(words: Token[]): boolean {
  const near = words.slice(-5);
  return near.some((word, index) => index > 0 && (ownNumber.test(word.word) || numberWord.test(word.word)) && isCue((near[index - 1] as Token).role, "national_id"));
}

/** What the name of the field a candidate stands in says of it: a URL query's key, or its column's header (pii-columns.ts). */
export function fieldRole(text: string, start: number, kind: CueKind): "cue" | "anti" | "other" | undefined {
  const header = fieldName(text, start);
  if (header === undefined) return undefined;
  const roles = matchesOf(wordPattern, header.replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")).map((match) => wordRole(match[0].normalize("NFC").toLowerCase()));
  const cue = roles.some((role) => isCue(role, kind));
  // A party word yields to a cue beside it ("client_ip", "customer_phone"), as in a label; any other anti-cue wins.
  if (roles.some((role) => role.role === "anti" && !(cue && role.party === true))) return "anti";
  return cue ? "cue" : "other";
}

/** The words that label a value: a field's key, the question its reply answers (pii-clause.ts), or else its clause's. */
export function labelWords(text: string, start: number, clauseWords?: Token[]): Token[] {
  // A `key=value` field's key alone labels its value (pii-columns.ts `fieldKeyBefore`).
  const key = fieldKeyBefore(text, start);
  if (key !== undefined) return tokens(key.name.replace(/[_.-]/g, " "), key.from);
  const asked = questionBefore(text, start);
  if (asked.length > 0) return asked;
  if (clauseWords !== undefined) return clauseWords;
  const clause = clauseBefore(text, start);
  return tokens(clause.text, clause.from);
}

/**
 * A normaliser stage for the handle of an address read aloud on a phone line, piece by piece: letters one at a time
 * ("p, o, double l, y"), a letter with the word that names it ("p for papa", "s wie Siegfried", "b comme Bernard"),
 * its marks as words ("mark underscore tan"), its digits as number words ("tan eighty-eight"). The pieces are joined
 * into the handle they spell ("polly", "mark_tan88"), so the email recogniser reads "… at btinternet dot com" as an
 * address with that handle. Only a handle right before a spoken "at" that a spoken domain and dot follow is read.
 */
import { numberWord, spokenAts, spokenDashes, spokenDots } from "./pii-number-words.ts";
import { rewrite, type Edit } from "./pii-separators.ts";
import type { NormalisedText } from "./pii-normalised-text.ts";

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const oneWordAts = spokenAts.filter((phrase) => !phrase.includes(" "));
/**
 * A spoken "at", then a domain word and a spoken dot: where a read-aloud handle ends. The lookbehind starts a try
 * only where a run of spaces and commas starts: tried at every space of a long run, `[\s,]+` rescanned the run from
 * each one (quadratic; 100,000 spaces held detectPii 21 s).
 */
const spokenAtThenDomain = new RegExp(String.raw`(?<![\s,])[\s,]+(?:${oneWordAts.map(escape).join("|")})\s+[\p{L}\d-]+\s+(?:${spokenDots.map(escape).join("|")})\s`, "giu");

/** A handle's marks read as words. */
const markWords = new Map<string, string>([
  ...["underscore", "unterstrich", "souligné", "sottolineato", "subrayado", "underline", "understreck", "understreg", "podkreślnik", "alaviiva"].map((word): [string, string] => [word, "_"]),
  ...spokenDashes.map((word): [string, string] => [word, "-"]),
  ...spokenDots.map((word): [string, string] => [word, "."]),
]);
/** The words read aloud for a handle's "_", "-" and ".": the stream checker holds them back as connectors. */
export const handleMarks: ReadonlySet<string> = new Set(markWords.keys());

/** "p for papa", "s wie Siegfried", "b comme Bernard", "c de Carmen", "m come Milano", "v van Victor". */
export const naming: ReadonlySet<string> = new Set(["for", "as", "like", "wie", "comme", "como", "de", "come", "van", "som", "jak", "kuten"]);
/** Words of the sentence around a handle, never part of it: copulas, pronouns, articles, the word "mail". */
const prose = new Set("is are was it its it's that this the a an to and or my your me mail email e-mail address ist sind meine mein die der das und oder es est c'est et ma mon mi su y o é è e är er jest je moja mój".split(" "));
const repeats = new Map([["double", 2], ["triple", 3], ["doppel", 2], ["doble", 2], ["dubbel", 2], ["doppio", 2], ["doppia", 2]]);

interface Piece {
  start: number;
  text: string;
  kind: "spelled" | "number" | "mark" | "word";
}

/** The value of a number word or a hyphenated pair ("eighty-eight"), as digits. */
function numberDigits(word: string): string | undefined {
  if (/^\d+$/.test(word)) return word;
  const parts = word.split("-").map((part) => numberWord(part));
  if (parts.some((part) => part === undefined || part.weak)) return undefined;
  const [first, second] = parts;
  if (parts.length === 1) return first === undefined ? undefined : String(first.value);
  if (parts.length === 2 && first?.kind === "ten" && second?.kind === "digit") return String(first.value + second.value);
  return undefined;
}

/**
 * The pieces of a handle read aloud, right to left from `end` (where the spoken "at" begins). Two plain words never
 * join (the second is prose: "it's", "is", "email"); a plain word joins the pieces after it only through a mark or a
 * number ("mark underscore tan eighty-eight").
 */
function handlePieces(text: string, end: number): Piece[] {
  const from = Math.max(0, end - 120);
  const words = [...text.slice(from, end).matchAll(/[\p{L}\p{M}\d]+(?:['’-][\p{L}\p{M}\d]+)*/gu)].map((match) => ({ word: match[0], start: from + match.index, end: from + match.index + match[0].length }));
  const pieces: Piece[] = [];
  let index = words.length - 1;
  let right = end;
  while (index >= 0) {
    const token = words[index] as (typeof words)[number];
    if (!/^[\s,]*$/.test(text.slice(token.end, right))) break;
    const lower = token.word.toLowerCase();
    const last = pieces[0];
    const nameOf = words[index - 1];
    const letter = words[index - 2];
    let piece: Piece | undefined;
    let used = 1;
    // "p for papa": the letter, a naming word, a word starting with that letter.
    if (nameOf !== undefined && letter !== undefined && naming.has(nameOf.word.toLowerCase()) && /^\p{L}$/u.test(letter.word) && lower.startsWith(letter.word.toLowerCase()) && lower.length > 2) {
      piece = { start: letter.start, text: letter.word.toLowerCase(), kind: "spelled" };
      used = 3;
    } else if (/^\p{L}$/u.test(lower) && repeats.has(words[index - 1]?.word.toLowerCase() ?? "")) {
      piece = { start: (words[index - 1] as (typeof words)[number]).start, text: lower.repeat(repeats.get((words[index - 1] as (typeof words)[number]).word.toLowerCase()) ?? 1), kind: "spelled" };
      used = 2;
    } else if (/^\p{L}$/u.test(lower)) piece = { start: token.start, text: lower, kind: "spelled" };
    else if (markWords.has(lower)) piece = { start: token.start, text: markWords.get(lower) as string, kind: "mark" };
    else if (numberDigits(lower) !== undefined) piece = { start: token.start, text: numberDigits(lower) as string, kind: "number" };
    else if (/^\p{L}{2,}$/u.test(lower) && !prose.has(lower) && (last === undefined || last.kind === "mark" || last.kind === "number")) piece = { start: token.start, text: lower, kind: "word" };
    // A letter read alone joins letters, marks and digits, never a whole word after it ("scrivi a gianni …").
    if (piece === undefined || (piece.kind === "spelled" && last?.kind === "word")) break;
    // A mark joins two pieces: one first in the handle, or two side by side ("dot dot"), is prose.
    if (piece.kind === "mark" && (last === undefined || last.kind === "mark")) break;
    pieces.unshift(piece);
    right = piece.start;
    index -= used;
  }
  while (pieces[0]?.kind === "mark") pieces.shift();
  return pieces;
}

/**
 * Joins the pieces of read-aloud handles into the handles they spell.
 *
 * @example
 * readSpokenHandles(text("it's p for papa, o, double l, y, at btinternet dot com")).text // "it's polly at btinternet dot com"
 */
export function readSpokenHandles(input: NormalisedText): NormalisedText {
  const edits: Edit[] = [];
  for (const match of input.text.matchAll(spokenAtThenDomain)) {
    const pieces = handlePieces(input.text, match.index);
    // A handle written as one word is the email recogniser's already; only pieces read one by one are joined.
    if (pieces.length < 2 || pieces.every((piece) => piece.kind === "word")) continue;
    const start = (pieces[0] as Piece).start;
    if (edits.length > 0 && (edits.at(-1) as Edit).end > start) continue;
    // The commas and spaces before the "at" go too: "p, o, double l, y, at" reads "polly at".
    const at = match.index + (/^[\s,]+/.exec(match[0]) as RegExpExecArray)[0].length;
    edits.push({ start, end: at, by: `${pieces.map((piece) => piece.text).join("")} ` });
  }
  return edits.length === 0 ? input : { ...rewrite(input, edits), spelled: input.spelled };
}

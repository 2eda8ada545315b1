/**
 * A normaliser stage for letters read in the spelling alphabet, as on a phone line: "golf bravo" is "GB",
 * "november whiskey bravo kilo" is "NWBK" (an IBAN's country and bank code read out). Each code word maps back to
 * where it was written.
 */
import { numberWord } from "./pii-number-words.ts";
import { rewrite, type Edit } from "./pii-separators.ts";
import type { NormalisedText } from "./pii-normalised-text.ts";

/** The ICAO/NATO spelling alphabet, with the spellings people write ("alpha", "juliet", "whisky", "x-ray"). */
const codeWords = new Map<string, string>(
  Object.entries({
    alfa: "A", alpha: "A", bravo: "B", charlie: "C", delta: "D", echo: "E", foxtrot: "F", golf: "G", hotel: "H", india: "I", juliet: "J", juliett: "J",
    kilo: "K", lima: "L", mike: "M", november: "N", oscar: "O", papa: "P", quebec: "Q", romeo: "R", sierra: "S", tango: "T", uniform: "U",
    victor: "V", whiskey: "W", whisky: "W", xray: "X", "x-ray": "X", yankee: "Y", zulu: "Z",
  }),
);

/** Every code word, lower case: a streamed word that could be a letter of an id read out (stream-text-checker.ts holds it back). */
export const spellingAlphabetWords: ReadonlySet<string> = new Set([...codeWords.keys()].map((word) => word.replace("-", "")));

/** What every code word contains, for a quick look before the pattern ("whisk" for "whiskey" and "whisky", "ray" for "x-ray"). */
const anyCodeWord = /alfa|alpha|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliet|kilo|lima|mike|november|oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whisk|ray|yankee|zulu/i;

/**
 * Two code words or more side by side, spaces only between: one alone is a word of prose ("Hotel", "Delta", "Lima",
 * a Swahili and Tagalog five), and so are most pairs, but a pair reads as two capitals, which only an identifier's
 * check (mod 97) turns into a finding.
 */
const run = /(?<![\p{L}\d-])(?:alfa|alpha|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliett?|kilo|lima|mike|november|oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whiske?y|x-?ray|yankee|zulu)(?: (?:alfa|alpha|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliett?|kilo|lima|mike|november|oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whiske?y|x-?ray|yankee|zulu))+(?![\p{L}\d-])/giu;

/**
 * Reads runs of spelling-alphabet words as the capitals they spell.
 *
 * @example
 * readSpellingAlphabet(text("IBAN golf bravo 31")).text // "IBAN GB 31"
 */
export function readSpellingAlphabet(input: NormalisedText): NormalisedText {
  // The pattern is tried at every position of the text; a text naming no code word (almost every one) skips it.
  if (!anyCodeWord.test(input.text)) return input;
  const edits: Edit[] = [];
  for (const match of input.text.matchAll(run)) {
    // "lima lima" is five five in Indonesian, Swahili or Tagalog: a run of words that are all digits too stays.
    if (match[0].split(" ").every((word) => numberWord(word) !== undefined)) continue;
    let offset = match.index;
    match[0].split(" ").forEach((word, index) => {
      if (index > 0) {
        edits.push({ start: offset, end: offset + 1, by: "" });
        offset += 1;
      }
      edits.push({ start: offset, end: offset + word.length, by: codeWords.get(word.toLowerCase()) ?? word });
      offset += word.length;
    });
  }
  return edits.length === 0 ? input : { ...rewrite(input, edits), spelled: input.spelled };
}

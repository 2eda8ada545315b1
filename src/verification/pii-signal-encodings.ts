/**
 * A normaliser stage for the signalling and accessibility encodings a value travels in: Morse code (a radio log), Unicode
 * Braille digits (a Braille display's or embosser's output), hex bytes of ASCII (a packet capture, an ISO 8583 trace),
 * Unicode tag characters (U+E0020–E007E: an invisible copy of ASCII that some filters pass and any decoder reads),
 * regional-indicator letters ("🇦 🇳 🇳", written as flags' halves) and a right-to-left override, which stores a value
 * backwards so that it displays forwards. Each is read as the characters it encodes; whatever it says is still judged
 * by the detectors, their checksums and the words around it. Every decoded character maps to its whole encoded run.
 * In the examples, `text(s)` is `s` as a NormalisedText whose characters map to themselves.
 */
import { rewrite, type Edit } from "./pii-separators.ts";
import type { NormalisedText } from "./pii-normalised-text.ts";

/** ITU Morse: letters (as capitals: Morse has no case, and check letters are written so), digits and the signs of an address or a number ("+" is .-.-., "@" .--.-.). */
const morseCodes = new Map<string, string>(
  Object.entries({
    ".-": "A", "-...": "B", "-.-.": "C", "-..": "D", "..-.": "F", "--.": "G", "....": "H", "..": "I", ".---": "J", "-.-": "K",
    ".-..": "L", "--": "M", "-.": "N", "---": "O", ".--.": "P", "--.-": "Q", ".-.": "R", "...": "S", "..-": "U", "...-": "V",
    ".--": "W", "-..-": "X", "-.--": "Y", "--..": "Z", "-----": "0", ".----": "1", "..---": "2", "...--": "3", "....-": "4",
    ".....": "5", "-....": "6", "--...": "7", "---..": "8", "----.": "9", ".-.-.": "+", ".--.-.": "@", ".-.-.-": ".", "-....-": "-",
  }),
);
/**
 * Five or more Morse letters of two to six marks, one space between letters, " / " or three spaces between words. The
 * one-mark letters ("e" and "t") are left out: a lone "." or "-" is punctuation or a dash far more often than Morse.
 */
const morseRun = /(?<![\w.-])[.-]{2,6}(?:(?: \/ | {3}| )[.-]{2,6}){4,}(?![\w.-])/g;

/** UEB: after the number sign ⠼, the letters a–j are the digits 1–9 and 0. */
const brailleDigits = new Map<string, string>([..."⠁⠃⠉⠙⠑⠋⠛⠓⠊⠚"].map((char, index) => [char, String((index + 1) % 10)]));
const brailleNumber = /⠼([⠁⠃⠉⠙⠑⠋⠛⠓⠊⠚]+)|⠒/gu;

/** Eight or more hex bytes separated by single spaces, read only in a text that says it shows bytes. */
const hexBytes = /(?<![\w])[0-9a-f]{2}(?: [0-9a-f]{2}){7,}(?![\w])/gi;
const namesBytes = /\b(?:hex|hexdump|bytes?|payload|packet|8583)\b/i;
const printable = /^[\x20-\x7e]+$/;

const tagRun = /[\u{E0020}-\u{E007F}]+/gu;
/**
 * A regional-indicator letter, and the space or the spaced "." or "@" before the next one: two indicators side by side
 * draw a flag, so a word written in them is spaced out, and the spacing is no part of it.
 */
const regionalIndicator = /[\u{1F1E6}-\u{1F1FF}](?:( ?[.@_-] ?| )(?=[\u{1F1E6}-\u{1F1FF}]))?/gu;
/** A right-to-left override and what it governs: up to its pop (PDF or PDI) or the end of the line. */
const overridden = /\u202E([^\u202C\u202E\u2069\n]{1,200})[\u202C\u2069]?/g;

/**
 * Reads the encodings above as their characters.
 *
 * @example
 * decodeSignalEncodings(text("CW: ....- ..--- ...-- ....- .....")).text // "CW: 42345"
 * decodeSignalEncodings(text("tel ⠼⠁⠃⠉")).text // "tel 123"
 */
export function decodeSignalEncodings(input: NormalisedText): NormalisedText {
  const edits: Edit[] = [];
  const { text } = input;
  if (text.includes("-") || text.includes(".")) {
    for (const match of text.matchAll(morseRun)) {
      const words = match[0].split(/ \/ | {3}/);
      const decoded = words.map((word) => word.split(" ").map((letter) => morseCodes.get(letter) ?? "")).map((letters) => letters.join(""));
      // A rule of dashes or a row of dots is no message: every letter must be one, and at least one mix dots and dashes.
      if (match[0].split(/ +\/? */).some((letter) => !morseCodes.has(letter)) || !/(?:\.-|-\.)/.test(match[0])) continue;
      edits.push({ start: match.index, end: match.index + match[0].length, by: decoded.join(" ") });
    }
  }
  if (/[\u2800-\u28FF]/.test(text)) {
    for (const match of text.matchAll(brailleNumber)) {
      const by = match[1] === undefined ? ":" : [...match[1]].map((char) => brailleDigits.get(char) ?? "").join("");
      edits.push({ start: match.index, end: match.index + match[0].length, by });
    }
  }
  if (namesBytes.test(text)) {
    for (const match of text.matchAll(hexBytes)) {
      const decoded = match[0].split(" ").map((byte) => String.fromCharCode(Number.parseInt(byte, 16))).join("");
      if (printable.test(decoded)) edits.push({ start: match.index, end: match.index + match[0].length, by: decoded });
    }
  }
  if (/[\uDB40\uD83C\u202E]/.test(text)) {
    // Tag characters show nothing: their text stands apart from the visible text before it.
    for (const match of text.matchAll(tagRun)) {
      const decoded = [...match[0]].map((char) => ((char.codePointAt(0) ?? 0) < 0xe007f ? String.fromCharCode((char.codePointAt(0) ?? 0) - 0xe0000) : "")).join("");
      edits.push({ start: match.index, end: match.index + match[0].length, by: ` ${decoded} ` });
    }
    for (const match of text.matchAll(regionalIndicator)) {
      edits.push({ start: match.index, end: match.index + match[0].length, by: String.fromCharCode(0x61 + (match[0].codePointAt(0) ?? 0) - 0x1f1e6) + (match[1]?.trim() ?? "") });
    }
    for (const match of text.matchAll(overridden)) {
      edits.push({ start: match.index, end: match.index + match[0].length, by: [...(match[1] ?? "")].reverse().join("") });
    }
  }
  edits.sort((left, right) => left.start - right.start);
  // Encodings do not nest here: an edit inside an earlier one's span is dropped.
  const kept: Edit[] = [];
  for (const edit of edits) if (edit.start >= (kept.at(-1)?.end ?? 0)) kept.push(edit);
  return kept.length === 0 ? input : { ...rewrite(input, kept), spelled: input.spelled };
}

/**
 * A normaliser stage for text logged as its bytes: journald's "MESSAGE":[43,52,52,…] for a message that was not valid
 * UTF-8, a panic's "bytes: [54, 53, …]", Go's "[83 53 52 …]" of a byte slice. Logging bytes hides a value from a
 * pattern, not from whoever reads the log. A bracketed list of eight or more numbers whose leading run is printable ASCII
 * (32 to 126) is read as that text; bytes after the run (an invalid byte, a NUL) end it. Random numbers under 256 fall
 * in that range about one in three times each: eight in a row, one list in 6,000, and then they still have to be a
 * value the detectors accept. In the examples, `text(s)` is `s` as a NormalisedText whose characters map to themselves.
 */
import { rewrite, type Edit } from "./pii-separators.ts";
import type { NormalisedText } from "./pii-normalised-text.ts";

/** A list of byte values: commas or spaces between them (bounded, so the scan stays linear), in square brackets. */
const byteList = /\[ ?\d{1,3}(?:[ ,]{1,3}\d{1,3}){7,}[ ,]{0,2}\]/g;

/** Fewest printable bytes that make a decoded value worth reading. */
const fewest = 8;

/**
 * Replaces each list of byte values whose leading run is printable ASCII by that text (each decoded character maps to
 * the whole list).
 *
 * @example
 * decodeByteArrays(text("MESSAGE=[97,110,110,64,101,120,46,111,114,103]")).text // "MESSAGE=ann@ex.org"
 */
export function decodeByteArrays(input: NormalisedText): NormalisedText {
  if (!/\[ ?\d{1,3}[ ,]/.test(input.text)) return input;
  const edits: Edit[] = [];
  for (const match of input.text.matchAll(byteList)) {
    const bytes = match[0].slice(1, -1).trim().split(/[ ,]+/).map(Number);
    const invalid = bytes.findIndex((byte) => byte < 32 || byte > 126);
    const printable = invalid === -1 ? bytes : bytes.slice(0, invalid);
    if (printable.length < fewest || bytes.some((byte) => byte > 255)) continue;
    edits.push({ start: match.index, end: match.index + match[0].length, by: String.fromCharCode(...printable) });
  }
  return edits.length === 0 ? input : { ...rewrite(input, edits), spelled: input.spelled };
}

/**
 * Bytes of the longest token of o200k_base and cl100k_base (both 128; test/src/tokens checks it against the
 * bundled ranks). No token holds more bytes, so n UTF-8 bytes are at least ceil(n / 128) tokens.
 */
export const LONGEST_TOKEN_BYTES = 128;
/** The most ASCII letters in a row inside one token of either encoding (cl100k_base 41, o200k_base 26). */
export const LONGEST_TOKEN_LETTER_RUN = 41;

const LETTER = 1;
const DIGIT = 2;
const PUNCTUATION = 3;
const APOSTROPHE = 4;
const WHITESPACE = 5;
const NON_ASCII = 6;

/** The kind of each ASCII code: one load per character in the loop. */
const ASCII_KINDS = (() => {
  const table = new Uint8Array(128).fill(PUNCTUATION);
  for (let code = 97; code <= 122; code += 1) table[code] = LETTER;
  for (let code = 65; code <= 90; code += 1) table[code] = LETTER;
  for (let code = 48; code <= 57; code += 1) table[code] = DIGIT;
  table[39] = APOSTROPHE;
  // JavaScript's \s within ASCII: what the split patterns treat as space.
  for (const code of [9, 10, 11, 12, 13, 32]) table[code] = WHITESPACE;
  return table;
})();

/**
 * The fewest tokens a text can count under o200k_base or cl100k_base, in one pass over its char codes: no
 * pattern, no vocabulary, a few milliseconds for 5 MB. Used to refuse an input no context window can hold
 * before any byte-pair work.
 *
 * Why it is a lower bound. Both split patterns keep every ASCII letter in a piece made of at most one
 * punctuation or space prefix, then letters (and marks), then at most a contraction ("'s", "'re"). So a run of
 * ASCII letters that follows a space, digit or ASCII punctuation other than the apostrophe (or starts the
 * text) shares no piece, hence no token, with any other such run, and a run of L letters needs at least
 * ceil(L / 41) tokens, since no token holds more than 41 letters in a row. ASCII digits split in pieces of
 * three (`\p{N}{1,3}`), so a run of d digits between ASCII neighbours is ceil(d / 3) tokens at least. A run of
 * ASCII punctuation right after a letter or digit and followed by a space or the end ("word, ") is a piece of
 * its own: no letter piece continues into it, and it cannot be the prefix of the next one. None of these
 * pieces share a token. The bound is the larger of their sum and ceil(UTF-8 bytes / 128). For English prose
 * it is 0.7 to 0.85 of the exact count; test/src/tokens/tokens-lower-bound.test.ts checks it never exceeds it.
 *
 * @example
 * tokensLowerBound("The quick brown fox.") // 5 (o200k_base: 5)
 * tokensLowerBound("x".repeat(4_100)) // 100
 */
export function tokensLowerBound(text: string): number {
  let bytes = 0;
  let tokens = 0;
  let previous = WHITESPACE;
  let runKind = 0;
  let runLength = 0;
  // Whether the current run counts: letters after a separator, digits after an ASCII character, punctuation after a letter or digit.
  let runCounts = false;
  const closeRun = (next: number): void => {
    if (runKind === LETTER && runCounts) tokens += Math.ceil(runLength / LONGEST_TOKEN_LETTER_RUN);
    else if (runKind === DIGIT && runCounts && next !== NON_ASCII) tokens += Math.ceil(runLength / 3);
    else if (runKind === PUNCTUATION && runCounts && next === WHITESPACE) tokens += 1;
    runKind = 0;
  };
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
    const raw = code < 128 ? ASCII_KINDS[code]! : NON_ASCII;
    // The apostrophe belongs to punctuation runs; it only matters, as a contraction, before letters.
    const kind = raw === APOSTROPHE ? PUNCTUATION : raw;
    if (kind !== runKind) {
      closeRun(kind);
      if (kind === LETTER || kind === DIGIT || kind === PUNCTUATION) {
        runKind = kind;
        runLength = 0;
        if (kind === LETTER) runCounts = previous === WHITESPACE || previous === PUNCTUATION || previous === DIGIT;
        else if (kind === DIGIT) runCounts = previous !== NON_ASCII;
        else runCounts = previous === LETTER || previous === DIGIT;
      }
    }
    if (kind === runKind) runLength += 1;
    previous = raw;
  }
  closeRun(WHITESPACE);
  return Math.max(tokens, Math.ceil(bytes / LONGEST_TOKEN_BYTES));
}

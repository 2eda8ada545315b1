/**
 * Bytes of the longest token of o200k_base and cl100k_base (both 128; test/src/tokens checks it against the
 * bundled ranks). No token holds more bytes, so n UTF-8 bytes are at least ceil(n / 128) tokens.
 */
export const LONGEST_TOKEN_BYTES = 128;
/** The most ASCII letters in a row inside one token of either encoding (cl100k_base 41, o200k_base 26). */
export const LONGEST_TOKEN_LETTER_RUN = 41;

const LETTER = 1;
const DIGIT = 2;
const OTHER_ASCII = 3;
const APOSTROPHE = 4;
const NON_ASCII = 5;

function kindOf(code: number): number {
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return LETTER;
  if (code >= 48 && code <= 57) return DIGIT;
  if (code === 39) return APOSTROPHE;
  return code < 128 ? OTHER_ASCII : NON_ASCII;
}

/**
 * The fewest tokens a text can count under o200k_base or cl100k_base, in one pass over its char codes: no
 * pattern, no vocabulary, a few milliseconds for 5 MB. Used to refuse an input no context window can hold
 * before any byte-pair work.
 *
 * Why it is a lower bound. Both split patterns keep every ASCII letter in a piece made of at most one
 * punctuation or space prefix, then letters (and marks), then at most a contraction ("'s", "'re"). So a run of
 * ASCII letters that follows a space, digit or ASCII punctuation other than the apostrophe (or starts the
 * text) shares no piece, hence no token, with any earlier such run, and a run of L letters needs at least
 * ceil(L / 41) tokens, since no token holds more than 41 letters in a row. ASCII digits split in pieces of
 * three (`\p{N}{1,3}`), so a run of d digits between ASCII neighbours is ceil(d / 3) tokens at least, none
 * shared with letters. The bound is the larger of that sum and ceil(UTF-8 bytes / 128). For English prose it
 * is about 0.8 of the exact count; test/src/tokens/tokens-lower-bound.test.ts checks it never exceeds it.
 *
 * @example
 * tokensLowerBound("The quick brown fox") // 4 (o200k_base: 4)
 * tokensLowerBound("x".repeat(4_100)) // 100
 */
export function tokensLowerBound(text: string): number {
  let bytes = 0;
  let tokens = 0;
  let previous = OTHER_ASCII;
  let runKind = 0;
  let runLength = 0;
  // Whether the current run counts: a letter run after a separator, a digit run after an ASCII character.
  let runCounts = false;
  const closeRun = (next: number): void => {
    if (runKind === LETTER && runCounts) tokens += Math.ceil(runLength / LONGEST_TOKEN_LETTER_RUN);
    else if (runKind === DIGIT && runCounts && next !== NON_ASCII) tokens += Math.ceil(runLength / 3);
    runKind = 0;
  };
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
    const kind = kindOf(code);
    if (kind !== runKind) {
      closeRun(kind);
      if (kind === LETTER || kind === DIGIT) {
        runKind = kind;
        runLength = 0;
        runCounts = kind === LETTER ? previous === OTHER_ASCII || previous === DIGIT : previous !== NON_ASCII;
      }
    }
    if (kind === runKind) runLength += 1;
    previous = kind;
  }
  closeRun(OTHER_ASCII);
  return Math.max(tokens, Math.ceil(bytes / LONGEST_TOKEN_BYTES));
}

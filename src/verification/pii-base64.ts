/**
 * A normaliser stage for values base64-encoded inside a URL's query or a log line ("?u=ZC5va2Fm…=", "ref=NTI0…=="):
 * encoding hides an address or a number from a pattern, not from whoever decodes it. A run of base64 characters, 12
 * or more, whose length is a whole number of 4-character blocks, is read as what it decodes to when that is printable
 * ASCII holding a digit or an "@". Random letters (a word, a hash, a key) decode to printable text about once in
 * ten thousand tries at that length, and then rarely hold a digit or an "@"; a key stays what it was.
 * In the examples, `text(s)` is `s` as a NormalisedText whose characters map to themselves.
 */
import { Buffer } from "node:buffer";
import { rewrite, type Edit } from "./pii-separators.ts";
import type { NormalisedText } from "./pii-normalised-text.ts";

/**
 * A base64 run: not inside a longer one, padded with at most two "=". Not a part of a dotted or dashed token: a JWT's
 * segments ("eyJhbGci….eyJzdWIi….sig") are a secret as written, and the secret detectors read them so.
 */
const encoded = /(?<![A-Za-z0-9+\/._-])[A-Za-z0-9+\/]{12,}={0,2}(?![A-Za-z0-9+\/=._-])/g;
const printable = /^[\x20-\x7e]+$/;

/**
 * Replaces base64 runs by their decoded text (each decoded character maps to the whole run).
 *
 * @example
 * decodeBase64Values(text("GET /x?u=YW5uQGV4YW1wbGUub3Jn&y=1")).text // "GET /x?u=ann@example.org&y=1"
 */
export function decodeBase64Values(input: NormalisedText): NormalisedText {
  if (!/[A-Za-z0-9+\/]{12}/.test(input.text)) return input;
  const edits: Edit[] = [];
  for (const match of input.text.matchAll(encoded)) {
    if (match[0].length % 4 !== 0) continue;
    const decoded = Buffer.from(match[0], "base64").toString("latin1");
    if (!printable.test(decoded) || !/[\d@]/.test(decoded)) continue;
    edits.push({ start: match.index, end: match.index + match[0].length, by: decoded });
  }
  return { ...rewrite(input, edits), spelled: input.spelled };
}

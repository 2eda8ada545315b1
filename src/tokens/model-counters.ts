import { bpeCounter, type TokenCount } from "./bpe-counter.ts";
import type { MergeMeter } from "./byte-pair-merge.ts";
import { readTokenizerData } from "./hf-tokenizer-data.ts";
import { buildLlama3Counter } from "./llama3-counter.ts";
import { SentencePieceCounter } from "./sentencepiece-counter.ts";

/** The exact tokenizers: OpenAI's two encodings (js-tiktoken), Gemini's and Llama 3's (@lenml packages). */
export type ExactTokenizer = "o200k_base" | "cl100k_base" | "gemini" | "llama3";

export const EXACT_TOKENIZERS: readonly ExactTokenizer[] = ["o200k_base", "cl100k_base", "gemini", "llama3"];

/** What every exact counter offers: bounded counts (see BpeCounter and SentencePieceCounter). */
export interface TextCounter {
  count(text: string): number;
  countDetailed(text: string): TokenCount;
  /** Longest token in UTF-16 code units or bytes, whichever the counter keys by: n code units are at least ceil(n / longestToken) tokens. */
  readonly longestToken: number;
  readonly meter: MergeMeter;
}

const built = new Map<ExactTokenizer, TextCounter>();

/**
 * The process-wide counter of a tokenizer, built on first use from files inside node_modules (never from the
 * network): about 0.3 s for each OpenAI encoding, 0.5 s for Llama 3, 2 s for Gemini. `serve` builds the ones
 * its deployments use at start (warmModelCounters).
 */
export function textCounter(name: ExactTokenizer): TextCounter {
  let counter = built.get(name);
  if (counter === undefined) {
    if (name === "gemini") counter = new SentencePieceCounter(readTokenizerData("gemini"));
    else if (name === "llama3") counter = buildLlama3Counter();
    else counter = bpeCounter(name);
    built.set(name, counter);
  }
  return counter;
}

/** Builds these counters now, so no request pays for it. */
export function warmModelCounters(names: Iterable<ExactTokenizer>): void {
  for (const name of new Set(names)) textCounter(name);
}

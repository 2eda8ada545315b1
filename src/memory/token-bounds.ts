import { textCounter } from "../tokens/model-counters.ts";
import type { TokenizerName } from "../tokens/token-stamp.ts";

/**
 * The fewest tokens a text can count, known from its length alone. A BPE token is at most the encoding's
 * longest token in bytes and a UTF-16 code unit is at least one UTF-8 byte, so a text of n code units has at
 * least ceil(n / longest) tokens (128 bytes for o200k_base and cl100k_base: loose, about 28 times under a
 * count of English prose; Llama 3's is 256 bytes, Gemini's 31 code units, and its byte fallback only adds
 * tokens), but enough to drop a huge message at the window's edge without counting it). The
 * estimate has no bound above zero (whitespace counts nothing), and counting it costs no more than a bound would.
 *
 * @example
 * tokensAtLeast("x".repeat(1_000), "o200k_base") // 8
 */
export function tokensAtLeast(text: string, tokenizer: TokenizerName): number {
  if (tokenizer === "estimate") return 0;
  return Math.ceil(text.length / textCounter(tokenizer).longestToken);
}

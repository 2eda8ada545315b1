import type { BaseMessage } from "@langchain/core/messages";
import type { ExactTokenizer } from "./model-counters.ts";

/** How a model's tokens are counted: an exact tokenizer (OpenAI's encodings, Gemini's, Llama 3's), or the estimate for unknown models. */
export type TokenizerName = ExactTokenizer | "estimate";

/** Where a message carries its token counts: `response_metadata`, which is checkpointed and not part of the prompt. */
export const TOKEN_COUNTS_KEY = "switchyard_token_counts";

/** Counts stamped on a message: per tokenizer, framing included, and the length of the text they were counted from. */
export type TokenCountStamp = { length: number } & Partial<Record<TokenizerName, number>>;

/** The stamp of a message for a tokenizer, when it is still valid (the counted text has the same length). */
export function stampedCount(message: BaseMessage, tokenizer: TokenizerName, textLength: number): number | undefined {
  const stamp = (message.response_metadata as Record<string, unknown> | undefined)?.[TOKEN_COUNTS_KEY] as Partial<TokenCountStamp> | undefined;
  if (stamp === undefined || stamp === null || stamp.length !== textLength) return undefined;
  const tokens = stamp[tokenizer];
  return typeof tokens === "number" ? tokens : undefined;
}

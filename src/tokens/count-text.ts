import { chatFraming } from "./chat-framing.ts";
import { estimateTokens } from "./estimate-tokens.ts";
import { textCounter } from "./model-counters.ts";
import type { TokenizerName } from "./token-stamp.ts";

/** Counts a text with a tokenizer. */
export function countText(text: string, tokenizer: TokenizerName): number {
  if (text === "") return 0;
  if (tokenizer === "estimate") return estimateTokens(text);
  return textCounter(tokenizer).count(text);
}

/**
 * Tokens of one message's text as the tokenizer's provider frames it: the text (trimmed when the chat
 * template trims it: Gemma's and Llama 3's) plus the per-message framing (see src/tokens/chat-framing.ts).
 */
export function countMessageText(text: string, tokenizer: TokenizerName): number {
  const framing = chatFraming(tokenizer);
  return countText(framing.trimsContent ? text.trim() : text, tokenizer) + framing.perMessage;
}

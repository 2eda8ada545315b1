import { contentText } from "../tokens/content-text.ts";
import { bpeCounter, type BpeCounter, type TokenCount } from "../tokens/bpe-counter.ts";
import { encodingForModel, type TokenEncodingName } from "../tokens/encoding-for-model.ts";

/** A chat message as far as counting goes: LangChain messages and plain `{ role, content }` objects both fit. */
export interface CountableMessage {
  role?: string;
  content: unknown;
}

/** Bundled ranks only: token counting must never reach the network. */
function encoder(name: TokenEncodingName): BpeCounter {
  return bpeCounter(name);
}

/** Per-message and reply-priming overhead of the chat format (OpenAI's published counting recipe). */
const tokensPerMessage = 3;
const replyPriming = 3;

/**
 * Counts tokens locally, for the context-window check made BEFORE a call: js-tiktoken's count exactly, from
 * its bundled ranks, but in time linear in the input (src/tokens/bpe-counter.ts; js-tiktoken's own encode is
 * quadratic in the length of one word, and froze the server on a 16 KB word). Gemini and Ollama models count
 * with cl100k_base: close enough to decide whether a request fits, which is all this is for.
 *
 * @example
 * countTokens([{ role: "user", content: "hello" }], "gpt-4o") // 9
 * countTokens("hello", "llama3.1") // 1
 */
export function countTokens(input: string | readonly CountableMessage[], model: string): number {
  const encoding = encoder(encodingForModel(model));
  if (typeof input === "string") return encoding.count(input);
  let total = replyPriming;
  for (const message of input) {
    total += tokensPerMessage;
    if (message.role !== undefined) total += encoding.count(message.role);
    total += encoding.count(contentText(message.content));
  }
  return total;
}


/**
 * Tokens of a text for a model, and whether the count is exact (a window-filling word or a text past the merge
 * budget is partly estimated; see src/tokens/bpe-counter.ts).
 *
 * @example
 * countTokensDetailed("hello", "gpt-4o") // { tokens: 1, exact: true }
 */
export function countTokensDetailed(text: string, model: string): TokenCount {
  return encoder(encodingForModel(model)).countDetailed(text);
}

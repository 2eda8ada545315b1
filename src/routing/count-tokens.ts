import { Tiktoken } from "js-tiktoken/lite";
import cl100k from "js-tiktoken/ranks/cl100k_base";
import o200k from "js-tiktoken/ranks/o200k_base";
import { contentText } from "../backends/content-text.ts";

/** A chat message as far as counting goes: LangChain messages and plain `{ role, content }` objects both fit. */
export interface CountableMessage {
  role?: string;
  content: unknown;
}

export type TokenEncodingName = "o200k_base" | "cl100k_base";

const encoders = new Map<TokenEncodingName, Tiktoken>();

/** The encoding OpenAI uses for a model: o200k_base for gpt-4o*, gpt-4.1*, gpt-5* and o-series, cl100k_base otherwise. */
export function encodingForModel(model: string): TokenEncodingName {
  const name = model.toLowerCase().replace(/^.*\//, "");
  return /^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o\d|chatgpt-4o)/.test(name) ? "o200k_base" : "cl100k_base";
}

function encoder(name: TokenEncodingName): Tiktoken {
  let cached = encoders.get(name);
  if (cached === undefined) {
    // Bundled ranks only: token counting must never reach the network.
    cached = new Tiktoken(name === "o200k_base" ? o200k : cl100k);
    encoders.set(name, cached);
  }
  return cached;
}

/** Per-message and reply-priming overhead of the chat format (OpenAI's published counting recipe). */
const tokensPerMessage = 3;
const replyPriming = 3;

/**
 * Counts tokens locally with js-tiktoken, for the context-window check made BEFORE a call. Gemini and Ollama
 * models count with cl100k_base: close enough to decide whether a request fits, which is all this is for.
 *
 * @example
 * countTokens([{ role: "user", content: "hello" }], "gpt-4o") // 9
 * countTokens("hello", "llama3.1") // 1
 */
export function countTokens(input: string | readonly CountableMessage[], model: string): number {
  const encoding = encoder(encodingForModel(model));
  if (typeof input === "string") return encoding.encode(input, [], []).length;
  let total = replyPriming;
  for (const message of input) {
    total += tokensPerMessage;
    if (message.role !== undefined) total += encoding.encode(message.role, [], []).length;
    total += encoding.encode(contentText(message.content), [], []).length;
  }
  return total;
}


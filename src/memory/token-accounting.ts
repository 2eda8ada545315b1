import type { BaseMessage } from "@langchain/core/messages";
import type { Provider } from "../config/schema.ts";
import { encodingForModel } from "../tokens/encoding-for-model.ts";
import { chatFraming } from "../tokens/chat-framing.ts";
import { countMessageText, countText } from "../tokens/count-text.ts";
import { estimateTokens } from "../tokens/estimate-tokens.ts";
import { countedText } from "../tokens/counted-text.ts";
import { stampedCount, type TokenizerName } from "../tokens/token-stamp.ts";
import { tokensAtLeast } from "./token-bounds.ts";

/** Chat framing per message (role and separators), from OpenAI's published counting recipe (the estimate's too). */
export const TOKENS_PER_MESSAGE = 4;
/** Tokens that prime the reply, counted once per request (OpenAI's; see replyPrimingTokens for the others). */
export const REPLY_PRIMING_TOKENS = 3;

/** A model's tokenizer, and why the estimate when it is one (for the route trace or logs). */
export interface TokenizerChoice {
  tokenizer: TokenizerName;
  note?: string;
}

/**
 * Which tokenizer counts a model: OpenAI models their tiktoken encoding; gemini-* and gemma-* Gemini's
 * (Gemma's SentencePiece vocabulary); llama3*, llama-3* and llama3.x models (any provider: Ollama serves them)
 * Llama 3's. Any other model falls back to the estimate, with a note saying so.
 *
 * @example
 * tokenizerChoice("ollama", "llama3.1:8b") // { tokenizer: "llama3" }
 * tokenizerChoice("ollama", "mistral") // { tokenizer: "estimate", note: "…" }
 */
export function tokenizerChoice(provider: Provider | undefined, model: string): TokenizerChoice {
  const name = model.toLowerCase().replace(/^.*\//, "");
  if (provider === "openai") return { tokenizer: encodingForModel(model) };
  if (/^(gemini|gemma)[-.\d]/.test(name)) return { tokenizer: "gemini" };
  if (/^(meta-)?llama[-_]?3/.test(name)) return { tokenizer: "llama3" };
  return { tokenizer: "estimate", note: `no bundled tokenizer for ${provider ?? "unknown provider"} model "${model}": token counts are estimated (about 5 % off); gemini-*, gemma-*, llama3* and OpenAI models count exactly` };
}

/** The tokenizer of a model (see tokenizerChoice). */
export function tokenizerFor(provider: Provider | undefined, model: string): TokenizerName {
  return tokenizerChoice(provider, model).tokenizer;
}

/** Tokens a request adds once, beyond its messages: the reply priming (and start of text) of the tokenizer's chat format. */
export function replyPrimingTokens(tokenizer: TokenizerName): number {
  return chatFraming(tokenizer).perRequest;
}

/** FNV-1a over UTF-16 code units: cheap, and enough to notice that a message's content changed. */
export function contentHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

export interface TokenCounterStatistics {
  hits: number;
  misses: number;
}

/**
 * Token counts per message, cached. The first level is keyed by the message object (checked against its
 * content, so an edited message is recounted); then the counts stamped on the message where it entered
 * state (counted-messages.ts), which travel through checkpoints; then, for the exact tokenizers, message id
 * and content hash, which survives the copies a checkpoint round trip makes. The estimate skips that last
 * level: counting is as cheap as hashing. Counting a 200K-token history is then paid once per message.
 *
 * @example
 * const counter = new TokenCounter("o200k_base");
 * counter.total([new HumanMessage("hello")]) // 1 + 4 framing + 3 priming = 8
 */
export class TokenCounter {
  readonly tokenizer: TokenizerName;
  readonly statistics: TokenCounterStatistics = { hits: 0, misses: 0 };
  private readonly byObject = new WeakMap<BaseMessage, { content: unknown; tokens: number }>();
  private readonly byKey = new Map<string, number>();
  private readonly maxKeys: number;

  constructor(tokenizer: TokenizerName, options: { maxCachedMessages?: number } = {}) {
    this.tokenizer = tokenizer;
    this.maxKeys = options.maxCachedMessages ?? 100_000;
  }

  /** Tokens of one message, framing included. */
  count(message: BaseMessage): number {
    const cached = this.byObject.get(message);
    if (cached !== undefined && cached.content === message.content) {
      this.statistics.hits += 1;
      return cached.tokens;
    }
    return this.countMessageText(message, countedText(message));
  }

  /**
   * The fewest tokens a message can count, framing included, without counting it: its count when cached or
   * stamped, else the bound its length gives (see tokensAtLeast).
   */
  atLeast(message: BaseMessage): number {
    const cached = this.byObject.get(message);
    if (cached !== undefined && cached.content === message.content) return cached.tokens;
    // The estimate has no bound above zero (see tokensAtLeast): reading the text would cost as much as counting it.
    if (this.tokenizer === "estimate") return TOKENS_PER_MESSAGE;
    const text = countedText(message);
    return stampedCount(message, this.tokenizer, text.length) ?? tokensAtLeast(text.trim(), this.tokenizer) + chatFraming(this.tokenizer).perMessage;
  }

  private countMessageText(message: BaseMessage, text: string): number {
    const stamped = stampedCount(message, this.tokenizer, text.length);
    if (stamped !== undefined) {
      this.statistics.hits += 1;
      this.byObject.set(message, { content: message.content, tokens: stamped });
      return stamped;
    }
    if (this.tokenizer === "estimate") {
      // The estimate is one pass over the text, as cheap as hashing it: a second cache level would only add work.
      this.statistics.misses += 1;
      const tokens = estimateTokens(text) + TOKENS_PER_MESSAGE;
      this.byObject.set(message, { content: message.content, tokens });
      return tokens;
    }
    const key = `${message.id ?? ""}:${text.length}:${contentHash(text)}`;
    let tokens = this.byKey.get(key);
    if (tokens === undefined) {
      this.statistics.misses += 1;
      tokens = countMessageText(text, this.tokenizer);
      // A bounded cache: the oldest entries go first (Map keeps insertion order).
      if (this.byKey.size >= this.maxKeys) this.byKey.delete(this.byKey.keys().next().value as string);
      this.byKey.set(key, tokens);
    } else {
      this.statistics.hits += 1;
    }
    this.byObject.set(message, { content: message.content, tokens });
    return tokens;
  }

  /** Tokens of a request made of these messages (reply priming included). */
  total(messages: readonly BaseMessage[]): number {
    let total = replyPrimingTokens(this.tokenizer);
    for (const message of messages) total += this.count(message);
    return total;
  }

  /** Tokens of a bare text (a summary, the recalled facts). */
  text(text: string): number {
    return countText(text, this.tokenizer);
  }
}

const counters = new Map<TokenizerName, TokenCounter>();

/** The process-wide counter of a tokenizer, so counts are shared by every thread and node. */
export function sharedTokenCounter(tokenizer: TokenizerName): TokenCounter {
  let counter = counters.get(tokenizer);
  if (counter === undefined) {
    counter = new TokenCounter(tokenizer);
    counters.set(tokenizer, counter);
  }
  return counter;
}

import type { ExactTokenizer } from "./model-counters.ts";

/** The tokens a chat format adds around the messages' text. */
export interface ChatFraming {
  /** Tokens around each message's text (its role included: every role is one token in these vocabularies). */
  perMessage: number;
  /** Tokens once per request: the start of text and the header that primes the reply. */
  perRequest: number;
  /** Whether the template trims each message's text (Jinja's `| trim`) before it is tokenized. */
  trimsContent: boolean;
  /** The template, for docs and traces. */
  template: string;
}

/** OpenAI's published counting recipe: `<|start|>{role}<|message|>{content}<|end|>`, and 3 tokens priming the reply. */
const OPENAI: ChatFraming = { perMessage: 4, perRequest: 3, trimsContent: false, template: "<|start|>{role}<|message|>{content}<|end|> … <|start|>assistant<|message|>" };

/**
 * Gemma's chat template (Gemini's tokenizer): `<start_of_turn>{role}\n{content}<end_of_turn>\n`, with `<bos>`
 * and `<start_of_turn>model\n` once per request. "\n" is an added token in Gemma's vocabulary, so the framing
 * never merges with the content: 5 tokens per message, 4 per request.
 */
const GEMINI: ChatFraming = { perMessage: 5, perRequest: 4, trimsContent: true, template: "<bos><start_of_turn>{role}\\n{content}<end_of_turn>\\n … <start_of_turn>model\\n" };

/**
 * Llama 3's template as Ollama renders it: `<|start_header_id|>{role}<|end_header_id|>\n\n{content}<|eot_id|>`,
 * with `<|begin_of_text|>` and the assistant header once per request. "\n\n" is its own piece under Llama 3's
 * split pattern (the content is trimmed), so 5 tokens per message, 5 per request.
 */
const LLAMA3: ChatFraming = { perMessage: 5, perRequest: 5, trimsContent: true, template: "<|begin_of_text|><|start_header_id|>{role}<|end_header_id|>\\n\\n{content}<|eot_id|> … <|start_header_id|>assistant<|end_header_id|>\\n\\n" };

/**
 * How a tokenizer's provider frames a chat. The estimate (unknown models) uses OpenAI's recipe.
 *
 * @example
 * chatFraming("llama3").perMessage // 5
 */
export function chatFraming(tokenizer: ExactTokenizer | "estimate"): ChatFraming {
  if (tokenizer === "gemini") return GEMINI;
  if (tokenizer === "llama3") return LLAMA3;
  return OPENAI;
}

import { Tiktoken } from "js-tiktoken/lite";
import o200k from "js-tiktoken/ranks/o200k_base";
import type { JsonSchema } from "./json-schema.ts";
import { encodePositional } from "./positional-codec.ts";

let encoder: Tiktoken | undefined;

/** o200k_base from the bundled ranks: token counting never reaches the network. */
function tokenizer(): Tiktoken {
  encoder ??= new Tiktoken(o200k);
  return encoder;
}

/** Tokens of compact JSON answers against their positional (compressed) encodings. */
export interface TokenSavings {
  jsonTokens: number;
  compressedTokens: number;
  /** compressedTokens / jsonTokens: below 1 means the compressed mode is cheaper on output. */
  ratio: number;
}

/**
 * Counts the output tokens the compressed mode saves on a set of answers (o200k_base, GPT-4o's encoding).
 *
 * @example
 * tokenSavings(toJsonSchema(ticketExtractionSchema), golds).ratio // ≈ 0.5 on the ticket workload
 */
export function tokenSavings(jsonSchema: JsonSchema, values: readonly unknown[]): TokenSavings {
  const encode = tokenizer();
  let jsonTokens = 0;
  let compressedTokens = 0;
  for (const value of values) {
    jsonTokens += encode.encode(JSON.stringify(value)).length;
    compressedTokens += encode.encode(JSON.stringify(encodePositional(jsonSchema, value))).length;
  }
  return { jsonTokens, compressedTokens, ratio: jsonTokens === 0 ? 1 : compressedTokens / jsonTokens };
}

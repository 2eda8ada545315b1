import { bpeCounter } from "../../src/tokens/bpe-counter.ts";
import type { JsonSchema } from "../../src/output-modes/json-schema.ts";
import { encodePositional } from "../../src/output-modes/positional-codec.ts";

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
  // o200k_base from the bundled ranks, bounded in time: token counting never reaches the network.
  const counter = bpeCounter("o200k_base");
  let jsonTokens = 0;
  let compressedTokens = 0;
  for (const value of values) {
    jsonTokens += counter.count(JSON.stringify(value));
    compressedTokens += counter.count(JSON.stringify(encodePositional(jsonSchema, value)));
  }
  return { jsonTokens, compressedTokens, ratio: jsonTokens === 0 ? 1 : compressedTokens / jsonTokens };
}

import { bpeCounter } from "../tokens/bpe-counter.ts";
import { expectedAnswerTokens, type AnswerSizeOptions } from "./expected-answer-size.ts";
import type { JsonSchema } from "./json-schema.ts";
import { modePrompt } from "./mode-prompt.ts";
import { normalizeSchema } from "./normalize-schema.ts";
import { OUTPUT_MODES, type OutputMode } from "./protocol.ts";
import { SchemaUnsupportedError, type OutputProvider } from "./schema-unsupported-error.ts";

/** A deployment's price per million tokens (the config's `price`). */
export interface TokenPrice {
  input_per_1m: number;
  output_per_1m: number;
}

/** The expected cost of asking for one answer in a mode, beyond the request's own input (the same in every mode). */
export interface ModeCostEstimate {
  /** Tokens the mode adds to the input: its system prompt, and for emit the schema sent natively. */
  inputTokens: number;
  outputTokens: number;
  /** inputTokens + outputTokens: what the policy compares where calls are free. */
  totalTokens: number;
  costUsd: number;
}

/**
 * The expected per-call overhead of each mode for a schema on a provider: emit pays for the provider's form of
 * the schema (counted as JSON, which is what providers bill) and full JSON keys in the answer; compressed
 * and reconstruct pay for their prompt's compact notation and write fewer tokens. A mode that cannot carry the
 * schema is left out. Pure and offline (o200k_base from bundled ranks).
 *
 * @example
 * const costs = estimateModeCosts(toJsonSchema(ticketExtractionSchema), "openai", { input_per_1m: 0.15, output_per_1m: 0.6 });
 * costs.compressed.totalTokens < costs.emit.totalTokens // true: the notation is shorter than the JSON Schema
 */
export function estimateModeCosts(jsonSchema: JsonSchema, provider: OutputProvider, price: TokenPrice = { input_per_1m: 0, output_per_1m: 0 }, options: AnswerSizeOptions = {}): Partial<Record<OutputMode, ModeCostEstimate>> {
  const counter = bpeCounter("o200k_base");
  const output = expectedAnswerTokens(jsonSchema, options);
  const estimates: Partial<Record<OutputMode, ModeCostEstimate>> = {};
  for (const mode of OUTPUT_MODES) {
    let inputTokens = counter.count(modePrompt(mode, jsonSchema));
    if (mode === "emit") {
      try {
        inputTokens += counter.count(JSON.stringify(normalizeSchema(provider, jsonSchema)));
      } catch (error) {
        if (error instanceof SchemaUnsupportedError) continue;
        throw error;
      }
    }
    const outputTokens = output[mode];
    estimates[mode] = { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens, costUsd: (inputTokens * price.input_per_1m + outputTokens * price.output_per_1m) / 1_000_000 };
  }
  return estimates;
}

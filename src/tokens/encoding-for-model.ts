/** OpenAI's two chat encodings; every other provider's model is counted with one of them where only a close count is needed. */
export type TokenEncodingName = "o200k_base" | "cl100k_base";

/**
 * The encoding OpenAI uses for a model: o200k_base for gpt-4o*, gpt-4.1*, gpt-5* and o-series, cl100k_base otherwise.
 *
 * @example
 * encodingForModel("openai/gpt-4o-mini") // "o200k_base"
 */
export function encodingForModel(model: string): TokenEncodingName {
  const name = model.toLowerCase().replace(/^.*\//, "");
  return /^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o\d|chatgpt-4o)/.test(name) ? "o200k_base" : "cl100k_base";
}

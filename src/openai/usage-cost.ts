import type { DeploymentConfig } from "../config/schema.ts";
import type { Provider } from "../config/providers.ts";

/**
 * What a cached input token costs relative to an uncached one, as each provider bills it: OpenAI bills
 * cached prompt tokens at half price (gpt-4o family), Gemini context-cache reads at a quarter; Ollama is free.
 */
const CACHED_INPUT_RATE: Record<Provider, number> = { openai: 0.5, "google-genai": 0.25, ollama: 0 };

/**
 * Dollars for one call from the provider's usage: `cachedTokens` of the `inputTokens` at the provider's
 * cache rate, the rest at the deployment's list price per million.
 *
 * @example
 * usageCostUsd(gpt4oMini, 1000, 200, 800) // (200 + 800 * 0.5) * 0.15e-6 + 200 * 0.6e-6
 */
export function usageCostUsd(deployment: DeploymentConfig, inputTokens: number, outputTokens: number, cachedTokens = 0): number {
  const cached = Math.min(Math.max(0, cachedTokens), inputTokens);
  const billedInput = inputTokens - cached + cached * CACHED_INPUT_RATE[deployment.provider];
  return (billedInput * deployment.price.input_per_1m + outputTokens * deployment.price.output_per_1m) / 1_000_000;
}

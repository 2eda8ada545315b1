import type { SwitchyardConfigInput } from "./schema.ts";

/**
 * The embedded default: one deployment per provider, each on its in-process emulator, so `npm start`
 * runs with nothing configured. Prices are the providers' list prices at the time of writing, so cost
 * figures from the emulators read like real ones.
 */
export function defaultConfigInput(): SwitchyardConfigInput {
  return {
    version: 1,
    deployments: [
      {
        id: "openai-gpt-4o-mini",
        provider: "openai",
        model: "gpt-4o-mini",
        base_url: "emulator",
        api_key_env: "OPENAI_API_KEY",
        price: { input_per_1m: 0.15, output_per_1m: 0.6 },
        context_window: 128_000,
        limits: { max_concurrent: 16, rpm: 5_000, tpm: 2_000_000 },
        weight: 1,
        tags: ["fast"],
      },
      {
        id: "gemini-2.5-flash",
        provider: "google-genai",
        model: "gemini-2.5-flash",
        base_url: "emulator",
        api_key_env: "GOOGLE_API_KEY",
        price: { input_per_1m: 0.3, output_per_1m: 2.5 },
        context_window: 1_048_576,
        limits: { max_concurrent: 16, rpm: 5_000, tpm: 2_000_000 },
        weight: 1,
        tags: ["long-context"],
      },
      {
        id: "ollama-llama3.1",
        provider: "ollama",
        model: "llama3.1",
        base_url: "emulator",
        price: { input_per_1m: 0, output_per_1m: 0 },
        context_window: 131_072,
        limits: { max_concurrent: 4 },
        weight: 1,
        tags: ["local"],
      },
    ],
    model_groups: [
      {
        name: "extract",
        deployments: ["openai-gpt-4o-mini", "gemini-2.5-flash", "ollama-llama3.1"],
        strategy: "weighted",
      },
    ],
    requests: { model_group: "extract" },
  };
}

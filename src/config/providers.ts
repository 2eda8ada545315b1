/** The providers switchyard builds LangChain chat models for (src/backends/build-model.ts). */
export const providers = ["openai", "google-genai", "ollama"] as const;
export type Provider = (typeof providers)[number];

/** The output modes: direct emit, transport compressed, local reconstruction (src/output-modes). The one list. */
export const OUTPUT_MODES = ["emit", "compressed", "reconstruct"] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];

/**
 * Each provider's mode before any evidence: the one its native features make most reliable. The config's
 * `output_modes.defaults` and the adaptive policy's prior both start here.
 */
export const DEFAULT_OUTPUT_MODES: Readonly<Record<Provider, OutputMode>> = { openai: "emit", "google-genai": "compressed", ollama: "reconstruct" };

import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatGoogleGenerativeAI } from "@langchain/google-genai";
import { ChatOllama } from "@langchain/ollama";
import { ChatOpenAI } from "@langchain/openai";
import type { DeploymentConfig, Provider } from "../config/schema.ts";
import { SwitchyardError } from "../errors.ts";

/** Where each provider's in-process emulator listens, when a deployment says `base_url: emulator`. */
export type EmulatorUrls = Record<"openai" | "gemini" | "ollama", string>;

export class MissingApiKeyError extends SwitchyardError {
  readonly deployment: string;
  readonly variable: string;

  constructor(deployment: string, variable: string) {
    super(
      "config_invalid",
      `deployment ${deployment} reads its API key from $${variable}, which is not set. Fix: export ${variable}=..., or point the deployment at the emulator with base_url: emulator.`,
    );
    this.deployment = deployment;
    this.variable = variable;
  }
}

export interface BuildModelOptions {
  emulators?: EmulatorUrls;
  env?: Record<string, string | undefined>;
}

const EMULATOR_KEY = "emulator-key";

function emulatorUrl(provider: Provider, deployment: DeploymentConfig, emulators: EmulatorUrls | undefined): string {
  if (emulators === undefined) {
    throw new SwitchyardError(
      "config_invalid",
      `deployment ${deployment.id} uses base_url: emulator but no emulator is running. Fix: start the engine with startEngine(), or give the deployment a real base_url.`,
    );
  }
  return provider === "openai" ? emulators.openai : provider === "google-genai" ? emulators.gemini : emulators.ollama;
}

/**
 * Builds the real LangChain chat model for a deployment. SDK-level retries are off everywhere: the
 * gateway graph is the only retry loop, so a 429 is seen once, by the router, and not three times.
 *
 * @example
 * const model = buildChatModel(config.deployments[0], { emulators: running.urls });
 */
export function buildChatModel(deployment: DeploymentConfig, options: BuildModelOptions = {}): BaseChatModel {
  const env = options.env ?? process.env;
  const onEmulator = deployment.base_url === "emulator";
  const baseUrl = onEmulator ? emulatorUrl(deployment.provider, deployment, options.emulators) : deployment.base_url;
  const apiKey = (): string => {
    if (onEmulator) return EMULATOR_KEY;
    const variable = deployment.api_key_env;
    if (variable === undefined) return "";
    const value = env[variable];
    if (value === undefined || value === "") throw new MissingApiKeyError(deployment.id, variable);
    return value;
  };
  switch (deployment.provider) {
    case "openai":
      return new ChatOpenAI({
        model: deployment.model,
        apiKey: apiKey(),
        maxRetries: 0,
        timeout: deployment.timeout_ms,
        maxTokens: deployment.max_output_tokens,
        // Usage arrives on streamed calls too; never `streaming: true`, whose invoke path estimates tokens
        // with a tokenizer download that stalls offline. call_model streams explicitly instead.
        streamUsage: true,
        configuration: { baseURL: baseUrl },
      });
    case "google-genai":
      return new ChatGoogleGenerativeAI({
        model: deployment.model,
        apiKey: apiKey(),
        maxRetries: 0,
        maxOutputTokens: deployment.max_output_tokens,
        baseUrl,
      });
    case "ollama":
      return new ChatOllama({ model: deployment.model, baseUrl, maxRetries: 0 });
  }
}

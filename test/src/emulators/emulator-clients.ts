import { ChatGoogleGenerativeAI } from "@langchain/google-genai";
import { ChatOllama } from "@langchain/ollama";
import { ChatOpenAI } from "@langchain/openai";
import type { RunningEmulators } from "../../../src/emulators/index.ts";

/** The three real LangChain clients pointed at running emulators, retries off so each fault shows. */
export function emulatorClients(emulators: RunningEmulators, options: { timeoutMs?: number } = {}) {
  return {
    openai: new ChatOpenAI({ model: "gpt-4o-mini", apiKey: "sk-emulator", maxRetries: 0, timeout: options.timeoutMs, configuration: { baseURL: emulators.urls.openai } }),
    gemini: new ChatGoogleGenerativeAI({ model: "gemini-2.5-flash", apiKey: "emulator", maxRetries: 0, baseUrl: emulators.urls.gemini }),
    ollama: new ChatOllama({ model: "llama3.1", baseUrl: emulators.urls.ollama, maxRetries: 0 }),
  };
}

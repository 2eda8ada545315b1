import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { StatsRecorder, type EmulatorStats } from "./emulator-stats.ts";
import { geminiDialect, handleGemini } from "./gemini-server.ts";
import { ollamaDialect, handleOllama } from "./ollama-server.ts";
import { handleOpenAI, openaiDialect } from "./openai-server.ts";
import { workloadOracle, type Oracle } from "./oracle.ts";
import { defaultProfile, emulatorProfileSchema, type EmulatorProfile, type EmulatorProvider } from "./profile.ts";
import { sendProviderError, type EmulatorContext, type ProviderDialect } from "./serve-chat.ts";

/** Options of {@link startEmulators}. */
export interface EmulatorOptions {
  /** Behaviour profile; {@link defaultProfile} when absent. */
  profile?: EmulatorProfile;
  /** Seed of every random draw; wins over the profile's own seed. */
  seed?: number;
  /** Interface to listen on; loopback by default. */
  host?: string;
  /** Ports per provider; 0 (the default) picks a free one. */
  ports?: { openai?: number; gemini?: number; ollama?: number };
  /**
   * Prefix of every response id, unique per start by default: like a real provider's ids, a reply's id must
   * not repeat when a thread goes on in another process (LangGraph's messages reducer replaces a message
   * whose id it already holds).
   */
  instanceId?: string;
  /** What the emulators answer; the bundled workload's gold labels by default. */
  oracle?: Oracle;
  /** Clock for response timestamps; `Date.now` by default. */
  now?: () => number;
}

/** Running emulators: where they listen, and handles to steer and stop them. */
export interface RunningEmulators {
  urls: {
    /** Ends with `/v1`: ready for ChatOpenAI's `configuration.baseURL`. */
    openai: string;
    /** For ChatGoogleGenerativeAI's `baseUrl`. */
    gemini: string;
    /** For ChatOllama's `baseUrl`. */
    ollama: string;
  };
  /** Changes the behaviour of requests that arrive from now on. */
  setProfile(profile: EmulatorProfile): void;
  stats(): EmulatorStats;
  close(): Promise<void>;
}

const defaultModels: Record<EmulatorProvider, string[]> = {
  openai: ["gpt-4o-mini", "gpt-4o"],
  gemini: ["gemini-2.5-flash"],
  ollama: ["llama3.1"],
};

type Handler = (request: IncomingMessage, response: ServerResponse, context: EmulatorContext) => Promise<void>;

/**
 * Starts one loopback HTTP server per provider (OpenAI, Gemini, Ollama) speaking its wire protocol, so
 * the real LangChain clients run unchanged against them. A test and demo harness, not a model.
 *
 * @example
 * const emulators = await startEmulators({ profile: quietProfile() });
 * const model = new ChatOpenAI({ model: "gpt-4o-mini", apiKey: "sk-emulator", configuration: { baseURL: emulators.urls.openai } });
 * await emulators.close();
 */
export async function startEmulators(options: EmulatorOptions = {}): Promise<RunningEmulators> {
  let profile = emulatorProfileSchema.parse(options.profile ?? defaultProfile());
  const oracle = options.oracle ?? workloadOracle;
  const now = options.now ?? Date.now;
  const host = options.host ?? "127.0.0.1";
  const stats = new StatsRecorder();
  const occurrences = new Map<string, number>();
  const seenModels: Record<EmulatorProvider, Set<string>> = { openai: new Set(), gemini: new Set(), ollama: new Set() };
  let sequence = 0;
  const instanceId = options.instanceId ?? randomBytes(4).toString("hex");

  const context: EmulatorContext = {
    planContext: () => ({
      profile,
      seed: options.seed ?? profile.seed ?? 0,
      oracle,
      occurrence: (key) => {
        const count = occurrences.get(key) ?? 0;
        occurrences.set(key, count + 1);
        return count;
      },
    }),
    record: (row) => {
      if (row.model !== "") seenModels[row.backend].add(row.model);
      stats.record(row.backend, row.model, row.mode, row.outcome);
    },
    knownModels: (provider) => [...new Set([...defaultModels[provider], ...Object.keys(profile.models ?? {}), ...seenModels[provider]])],
    now,
    nextId: () => `emu${instanceId}${(++sequence).toString(36).padStart(6, "0")}`,
  };

  const servers = await Promise.all([
    listen(handleOpenAI, openaiDialect, context, host, options.ports?.openai ?? 0),
    listen(handleGemini, geminiDialect, context, host, options.ports?.gemini ?? 0),
    listen(handleOllama, ollamaDialect, context, host, options.ports?.ollama ?? 0),
  ]);
  const [openai, gemini, ollama] = servers.map((server) => {
    const address = server.address() as AddressInfo;
    const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
    return `http://${shownHost}:${address.port}`;
  }) as [string, string, string];

  return {
    urls: { openai: `${openai}/v1`, gemini, ollama },
    setProfile: (next) => {
      profile = emulatorProfileSchema.parse(next);
    },
    stats: () => stats.snapshot(),
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              // Held (timeout) and streaming responses would keep close() waiting; end them now.
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}

function listen(handler: Handler, dialect: ProviderDialect, context: EmulatorContext, host: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    handler(request, response, context).catch((error: unknown) => {
      // A handler bug must cost one request, never the server.
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const tooLarge = error instanceof Error && error.message === "too_large";
      sendProviderError(dialect, response, tooLarge ? "bad_request" : "serverError", tooLarge ? "The request body is too large for the emulator (8 MiB at most)." : `Emulator error: ${String(error)}`);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

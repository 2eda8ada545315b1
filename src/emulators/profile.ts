import { z } from "zod";
import type { OutputMode } from "../output-modes/protocol.ts";

/** The providers the emulators speak. */
export const emulatorProviders = ["openai", "gemini", "ollama"] as const;
export type EmulatorProvider = (typeof emulatorProviders)[number];

const probability = z.number().min(0).max(1);

export const latencySchema = z.strictObject({
  ttftMs: z.number().min(0),
  tokensPerSecond: z.number().positive(),
  jitterMs: z.number().min(0),
});

export const errorMixSchema = z.strictObject({
  rateLimit: probability,
  serverError: probability,
  unavailable: probability,
  timeout: probability,
  droppedStream: probability,
  /** Sent as the Retry-After header of a 429. */
  retryAfterSeconds: z.number().min(0),
  /** How long a timed-out request is held before the emulator gives up on it (504). */
  timeoutMs: z.number().min(0),
});

export const fidelitySchema = z.strictObject({
  brokenJson: probability,
  missingField: probability,
  extraProse: probability,
  wrongValue: probability,
});

export const behaviourSchema = z.strictObject({ latency: latencySchema, errors: errorMixSchema, fidelity: fidelitySchema });

/** A behaviour with every part optional: what `models` overrides and profile files hold. */
export const partialBehaviourSchema = z.strictObject({
  latency: latencySchema.partial().optional(),
  errors: errorMixSchema.partial().optional(),
  fidelity: fidelitySchema.partial().optional(),
});

const modeFidelitySchema = z.strictObject({
  emit: fidelitySchema.partial().optional(),
  compressed: fidelitySchema.partial().optional(),
  reconstruct: fidelitySchema.partial().optional(),
});

export const emulatorProfileSchema = z.strictObject({
  seed: z.number().int().optional(),
  backends: z.strictObject({ openai: behaviourSchema, gemini: behaviourSchema, ollama: behaviourSchema }),
  models: z.record(z.string(), partialBehaviourSchema).optional(),
  modes: z
    .strictObject({ openai: modeFidelitySchema.optional(), gemini: modeFidelitySchema.optional(), ollama: modeFidelitySchema.optional() })
    .optional(),
});

export type LatencySpec = z.infer<typeof latencySchema>;
export type ErrorMixSpec = z.infer<typeof errorMixSchema>;
export type FidelitySpec = z.infer<typeof fidelitySchema>;
/** How one backend (or one model) behaves: latency, error mix, structural fidelity. */
export type BehaviourSpec = z.infer<typeof behaviourSchema>;
export type PartialBehaviourSpec = z.infer<typeof partialBehaviourSchema>;
/** The whole behaviour profile of a set of emulators. */
export type EmulatorProfile = z.infer<typeof emulatorProfileSchema>;

const perfect: FidelitySpec = { brokenJson: 0, missingField: 0, extraProse: 0, wrongValue: 0 };
const noErrors: ErrorMixSpec = { rateLimit: 0, serverError: 0, unavailable: 0, timeout: 0, droppedStream: 0, retryAfterSeconds: 1, timeoutMs: 30_000 };

/**
 * The demo profile: small latencies (first token after 20–60 ms, fast tokens), a little noise, and a
 * different best output mode per backend: Ollama is weak at native emit, Gemini at reconstruct, OpenAI
 * slightly weak at positional compression.
 */
export function defaultProfile(): EmulatorProfile {
  const noise: ErrorMixSpec = { ...noErrors, rateLimit: 0.02, serverError: 0.01, unavailable: 0.005, droppedStream: 0.005 };
  const mild: FidelitySpec = { brokenJson: 0.01, missingField: 0.01, extraProse: 0.02, wrongValue: 0.02 };
  return {
    seed: 7,
    backends: {
      openai: { latency: { ttftMs: 35, tokensPerSecond: 2000, jitterMs: 10 }, errors: noise, fidelity: mild },
      gemini: { latency: { ttftMs: 25, tokensPerSecond: 2500, jitterMs: 5 }, errors: noise, fidelity: mild },
      ollama: { latency: { ttftMs: 50, tokensPerSecond: 1200, jitterMs: 10 }, errors: { ...noise, rateLimit: 0 }, fidelity: mild },
    },
    modes: {
      openai: { compressed: { wrongValue: 0.08, missingField: 0.04 } },
      gemini: { reconstruct: { missingField: 0.15, wrongValue: 0.12, extraProse: 0.1 } },
      ollama: { emit: { brokenJson: 0.15, missingField: 0.1, wrongValue: 0.12 }, compressed: { wrongValue: 0.01 } },
    },
  };
}

/** Zero latency, zero faults, perfect fidelity: for tests that check wire shapes and answers. */
export function quietProfile(): EmulatorProfile {
  const quiet: BehaviourSpec = { latency: { ttftMs: 0, tokensPerSecond: 1_000_000, jitterMs: 0 }, errors: { ...noErrors }, fidelity: { ...perfect } };
  return { seed: 1, backends: { openai: structuredClone(quiet), gemini: structuredClone(quiet), ollama: structuredClone(quiet) } };
}

/**
 * The behaviour for one request: the backend's, then the provider's per-mode fidelity, then the model's
 * own overrides (the most specific wins).
 */
export function resolveBehaviour(profile: EmulatorProfile, provider: EmulatorProvider, model: string, mode: OutputMode | undefined): BehaviourSpec {
  const base = profile.backends[provider];
  const modeFidelity = mode === undefined ? undefined : profile.modes?.[provider]?.[mode];
  const modelOverride = profile.models?.[model];
  return {
    latency: { ...base.latency, ...modelOverride?.latency },
    errors: { ...base.errors, ...modelOverride?.errors },
    fidelity: { ...base.fidelity, ...modeFidelity, ...modelOverride?.fidelity },
  };
}

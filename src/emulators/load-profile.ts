import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { SwitchyardError } from "../errors.ts";
import { defaultProfile, emulatorProfileSchema, partialBehaviourSchema, type EmulatorProfile } from "./profile.ts";

/** A behaviour profile that cannot be read or does not validate; names the file, field, value and fix. */
export class EmulatorProfileError extends SwitchyardError {
  readonly file: string;
  readonly field: string;

  constructor(file: string, field: string, message: string, options: { cause?: unknown } = {}) {
    super("emulator_profile_invalid", `emulator profile ${file}: ${field ? `${field}: ` : ""}${message}`, options);
    this.file = file;
    this.field = field;
  }
}

const profileFileSchema = z.strictObject({
  seed: z.number().int().optional(),
  backends: z
    .strictObject({ openai: partialBehaviourSchema.optional(), gemini: partialBehaviourSchema.optional(), ollama: partialBehaviourSchema.optional() })
    .optional(),
  models: emulatorProfileSchema.shape.models,
  modes: emulatorProfileSchema.shape.modes,
});

/**
 * Reads a behaviour profile from YAML or JSON. Every field is optional; what the file leaves out comes
 * from {@link defaultProfile}.
 *
 * @example
 * const emulators = await startEmulators({ profile: loadEmulatorProfile("profiles/flaky.yaml") });
 */
export function loadEmulatorProfile(path: string): EmulatorProfile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new EmulatorProfileError(path, "", `cannot read the file (${String(error)}). Check the path.`, { cause: error });
  }
  let raw: unknown;
  try {
    raw = path.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new EmulatorProfileError(path, "", `is not valid ${path.endsWith(".json") ? "JSON" : "YAML"} (${String(error)}). Fix the syntax.`, { cause: error });
  }
  return parseEmulatorProfile(raw ?? {}, path);
}

/** Validates a profile object (as read from a file) and fills what it leaves out from the default. */
export function parseEmulatorProfile(raw: unknown, source = "(inline)"): EmulatorProfile {
  const parsed = profileFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    const field = path.map(String).join(".") || "(root)";
    const value = path.reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined), raw);
    const fix = fieldFix(field);
    throw new EmulatorProfileError(source, field, `${issue?.message ?? "invalid"} (value: ${JSON.stringify(value)}). ${fix}`);
  }
  const base = defaultProfile();
  const file = parsed.data;
  const merged: EmulatorProfile = {
    seed: file.seed ?? base.seed,
    backends: {
      openai: mergeBehaviour(base.backends.openai, file.backends?.openai),
      gemini: mergeBehaviour(base.backends.gemini, file.backends?.gemini),
      ollama: mergeBehaviour(base.backends.ollama, file.backends?.ollama),
    },
    models: file.models,
    modes: file.modes ?? base.modes,
  };
  return emulatorProfileSchema.parse(merged);
}

function mergeBehaviour<T extends { latency: object; errors: object; fidelity: object }>(base: T, override: Partial<{ [K in keyof T]: Partial<T[K]> }> | undefined): T {
  return {
    ...base,
    latency: { ...base.latency, ...override?.latency },
    errors: { ...base.errors, ...override?.errors },
    fidelity: { ...base.fidelity, ...override?.fidelity },
  };
}

function fieldFix(field: string): string {
  const last = field.split(".").at(-1) ?? "";
  if (["rateLimit", "serverError", "unavailable", "timeout", "droppedStream", "brokenJson", "missingField", "extraProse", "wrongValue"].includes(last)) {
    return "Use a probability between 0 and 1.";
  }
  if (["ttftMs", "jitterMs", "timeoutMs", "retryAfterSeconds"].includes(last)) return "Use a number >= 0.";
  if (last === "tokensPerSecond") return "Use a number > 0.";
  return "Allowed top-level keys: seed, backends (openai|gemini|ollama), models, modes; each behaviour has latency, errors, fidelity.";
}

import { z } from "zod";
import type { JsonSchema } from "./json-schema.ts";
import { normalizeForGemini } from "./normalize-gemini.ts";
import { normalizeForOllama } from "./normalize-ollama.ts";
import { normalizeForOpenAI } from "./normalize-openai.ts";
import type { NormalizeOptions } from "./normalize-options.ts";
import { SwitchyardError } from "../errors.ts";
import type { OutputProvider } from "./schema-unsupported-error.ts";

/**
 * Rewrites a JSON schema into the subset the provider's native structured output accepts; throws
 * `SchemaUnsupportedError` (code `schema_unsupported`) naming the path of what cannot be expressed.
 *
 * @example
 * normalizeSchema("openai", toJsonSchema(z.object({ note: z.string().optional() })))
 * // { type: "object", properties: { note: { type: ["string", "null"] } }, required: ["note"], additionalProperties: false }
 */
export function normalizeSchema(provider: OutputProvider, schema: JsonSchema, options: NormalizeOptions = {}): JsonSchema {
  switch (provider) {
    case "openai":
      return normalizeForOpenAI(schema, options);
    case "google-genai":
      return normalizeForGemini(schema, options);
    case "ollama":
      return normalizeForOllama(schema, options);
  }
}

/**
 * The JSON schema of what the model must produce: zod's input side (what `parse` accepts), draft 2020-12.
 *
 * @example
 * toJsonSchema(z.object({ amount: z.number().nullable() })).properties?.amount // { type: ["number", "null"] }
 */
export function toJsonSchema(schema: z.ZodType): JsonSchema {
  try {
    return z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" }) as JsonSchema;
  } catch (error) {
    throw new SwitchyardError(
      "schema_unsupported",
      `the output schema has a zod type with no JSON Schema form (${String(error)}); use JSON-representable zod types (no dates, maps, sets, transforms)`,
      { cause: error },
    );
  }
}

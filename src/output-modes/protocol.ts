import type { OutputMode } from "../config/providers.ts";
import type { JsonSchema } from "./json-schema.ts";

/**
 * The contract between the output modes and any model that follows their instructions (a real model, or
 * the emulators). Direct emit needs no marker: it rides on the provider's native structured-output
 * feature. The other two modes put a marker and the target schema into the system prompt.
 */
export { OUTPUT_MODES, type OutputMode } from "../config/providers.ts";

/** Marks a prompt that asks for the positional (compressed) encoding of the schema. */
export const COMPRESSED_MARKER = "[switchyard:compressed]";
/** Marks a prompt that asks for loose `key: value` lines, rebuilt locally. */
export const RECONSTRUCT_MARKER = "[switchyard:reconstruct]";

const SCHEMA_FENCE = "```schema";

/** Renders the schema block that follows a marker in the system prompt. */
export function renderSchemaBlock(schema: JsonSchema): string {
  return `${SCHEMA_FENCE}\n${JSON.stringify(schema)}\n\`\`\``;
}

/** Finds the schema block in a prompt; undefined when there is none or it is not JSON. */
export function extractSchemaBlock(text: string): JsonSchema | undefined {
  const start = text.indexOf(SCHEMA_FENCE);
  if (start < 0) return undefined;
  const bodyStart = start + SCHEMA_FENCE.length;
  const end = text.indexOf("```", bodyStart);
  if (end < 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(text.slice(bodyStart, end));
    return typeof parsed === "object" && parsed !== null ? (parsed as JsonSchema) : undefined;
  } catch {
    return undefined;
  }
}

/** Which marked mode a prompt asks for, if any. */
export function markedMode(text: string): Exclude<OutputMode, "emit"> | undefined {
  if (text.includes(COMPRESSED_MARKER)) return "compressed";
  if (text.includes(RECONSTRUCT_MARKER)) return "reconstruct";
  return undefined;
}

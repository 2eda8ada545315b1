import type { JsonSchema } from "./json-schema.ts";
import { COMPRESSED_MARKER, RECONSTRUCT_MARKER, type OutputMode } from "./protocol.ts";
import { shapeLines, usesTags } from "./shape-notation.ts";

/**
 * The instruction text for a mode. Compressed and reconstruct start with the protocol marker, then one short
 * instruction and the schema in the compact {@link shapeLines} notation (once: no JSON Schema copy beside
 * it, which used to double the prompt); emit is a short hint, since the provider's native structured output
 * carries the schema.
 *
 * @example
 * const system = modePrompt("compressed", toJsonSchema(ticketExtractionSchema));
 */
export function modePrompt(mode: OutputMode, jsonSchema: JsonSchema): string {
  switch (mode) {
    case "emit":
      return "Answer with a single JSON object that matches the requested schema. Output only the JSON, no prose, no code fences.";
    case "compressed":
      return [
        COMPRESSED_MARKER,
        "Reply with one JSON array on one line: these values in order, no keys. Write an object as the array of its values, a list as an array, null when absent."
          + (usesTags(jsonSchema) ? " `#n [...]` means write [n, ...]." : ""),
        ...shapeLines(jsonSchema),
      ].join("\n");
    case "reconstruct":
      return [
        RECONSTRUCT_MARKER,
        'Reply with one "key: value" line per field below. Write text plainly (as a JSON string if it has a line break or looks like a number), lists and objects as one-line JSON, null when absent.',
        ...shapeLines(jsonSchema),
      ].join("\n");
  }
}

/**
 * The prompt for a cheap repair call: the broken answer, what was wrong with it, and the schema, asking for
 * corrected JSON only. The router decides whether the repair is worth a call.
 */
export function repairPrompt(raw: string, jsonSchema: JsonSchema, failureMessage: string, input?: string): string {
  return [
    "The answer below was meant to be a JSON object matching the schema, but it is not valid.",
    ...(input === undefined ? [] : ["Request:", input.length > 8000 ? `${input.slice(0, 8000)}…` : input]),
    `Problem: ${failureMessage}`,
    "Schema:",
    JSON.stringify(jsonSchema),
    "Answer:",
    raw.length > 4000 ? `${raw.slice(0, 4000)}…` : raw,
    "Reply with the corrected JSON object only: keep every value the answer got right, fix or fill in only what the problem names, no prose, no code fences.",
  ].join("\n");
}

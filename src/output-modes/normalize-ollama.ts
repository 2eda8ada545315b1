import type { JsonSchema } from "./json-schema.ts";
import { inlineRefs } from "./resolve-refs.ts";
import { childPath } from "./schema-unsupported-error.ts";
import type { NormalizeOptions } from "./normalize-options.ts";

/** Annotations a grammar cannot use; dropping them keeps the `format` payload small. */
const DROPPED = new Set(["default", "examples", "title", "$comment", "readOnly", "writeOnly", "deprecated"]);

/**
 * Ollama takes a JSON schema as `format` and compiles it to a grammar: it accepts most of the standard,
 * but references are inlined (recursion refused) and closed objects keep small models from inventing keys.
 */
export function normalizeForOllama(schema: JsonSchema, options: NormalizeOptions = {}): JsonSchema {
  const inlined = inlineRefs("ollama", schema);
  return walk(inlined, "", options);
}

function walk(schema: JsonSchema, path: string, options: NormalizeOptions): JsonSchema {
  const result: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (DROPPED.has(keyword)) {
      options.onDropped?.(path, keyword);
    } else if (keyword === "properties") {
      result.properties = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([key, child]) => [key, walk(child, childPath(path, key), options)]),
      );
    } else if (keyword === "items" && typeof value === "object" && value !== null) {
      result.items = walk(value as JsonSchema, `${path}[]`, options);
    } else if ((keyword === "anyOf" || keyword === "oneOf" || keyword === "allOf") && Array.isArray(value)) {
      result[keyword] = (value as JsonSchema[]).map((branch, index) => walk(branch, `${path}<${keyword}:${index}>`, options));
    } else {
      result[keyword] = value;
    }
  }
  if (result.properties !== undefined && result.additionalProperties === undefined) result.additionalProperties = false;
  return result;
}

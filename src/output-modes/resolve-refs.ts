import type { JsonSchema } from "./json-schema.ts";
import { SchemaUnsupportedError, childPath, type OutputProvider } from "./schema-unsupported-error.ts";

/**
 * Inlines every `$ref` (`#`, `#/$defs/Name`, `#/definitions/Name`) and drops `$defs`. A reference that
 * reaches itself (a recursive schema) cannot be inlined and is refused with the path where it recurs:
 * the providers' constrained decoders either reject recursion or expand it unpredictably.
 */
export function inlineRefs(provider: OutputProvider, root: JsonSchema): JsonSchema {
  const definitions = { ...(root.definitions as Record<string, JsonSchema> | undefined), ...root.$defs };
  const resolve = (ref: string, path: string): JsonSchema => {
    if (ref === "#") return root;
    const match = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref);
    const target = match?.[1] === undefined ? undefined : definitions[decodeURIComponent(match[1])];
    if (target === undefined) {
      throw new SchemaUnsupportedError(provider, path, `the reference ${JSON.stringify(ref)}`, "only local #/$defs references can be resolved; define the target under $defs");
    }
    return target;
  };
  const walk = (schema: JsonSchema, path: string, active: ReadonlySet<string>): JsonSchema => {
    if (schema.$ref !== undefined) {
      const ref = schema.$ref;
      if (active.has(ref)) {
        throw new SchemaUnsupportedError(provider, path, `a recursive reference (${ref})`, "flatten the recursion to a fixed depth, or use the compressed or reconstruct mode");
      }
      const { $ref: _ignored, ...siblings } = schema;
      return walk({ ...resolve(ref, path), ...siblings }, path, new Set([...active, ref]));
    }
    const rootActive = schema === root ? new Set([...active, "#"]) : active;
    const result: JsonSchema = {};
    for (const [keyword, value] of Object.entries(schema)) {
      if (keyword === "$defs" || keyword === "definitions") continue;
      if (keyword === "properties" && value !== null && typeof value === "object") {
        result.properties = Object.fromEntries(
          Object.entries(value as Record<string, JsonSchema>).map(([key, child]) => [key, walk(child, childPath(path, key), rootActive)]),
        );
      } else if ((keyword === "items" || keyword === "additionalProperties") && isSchemaObject(value)) {
        result[keyword] = walk(value, keyword === "items" ? `${path}[]` : childPath(path, "*"), rootActive);
      } else if ((keyword === "anyOf" || keyword === "oneOf" || keyword === "allOf") && Array.isArray(value)) {
        result[keyword] = (value as JsonSchema[]).map((branch, index) => walk(branch, `${path}<${keyword}:${index}>`, rootActive));
      } else {
        result[keyword] = value;
      }
    }
    return result;
  };
  return walk(root, "", new Set());
}

/** True for a JSON-schema object (not a boolean schema, not an array). */
export function isSchemaObject(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

import type { JsonSchema } from "../output-modes/json-schema.ts";

/** Options for {@link synthesiseValue}. */
export interface SynthesiseOptions {
  /** Used for string fields instead of the default word (for example a place named in the prompt). */
  stringHint?: string;
}

/**
 * A deterministic value that conforms to `schema`: enums take their first value, strings a short word,
 * numbers 1, arrays one item, nullable fields null. What the emulators answer for prompts the oracle
 * does not know.
 *
 * @example
 * synthesiseValue({ type: "object", properties: { n: { type: "number" } }, required: ["n"] }); // { n: 1 }
 */
export function synthesiseValue(schema: JsonSchema, options: SynthesiseOptions = {}): unknown {
  return synthesise(schema, schema, options, 0);
}

function synthesise(schema: JsonSchema, root: JsonSchema, options: SynthesiseOptions, depth: number): unknown {
  if (depth > 12) return null;
  if (schema.$ref !== undefined) {
    const target = resolveReference(root, schema.$ref);
    return target === undefined ? null : synthesise(target, root, options, depth + 1);
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum !== undefined && schema.enum.length > 0) return schema.enum[0];
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches !== undefined) {
    if (branches.some((branch) => branch.type === "null")) return null;
    const first = branches[0];
    return first === undefined ? null : synthesise(first, root, options, depth + 1);
  }
  if (schema.nullable === true) return null;
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (types.includes("null")) return null;
  const type = (types[0] ?? (schema.properties !== undefined ? "object" : schema.items !== undefined ? "array" : "string")).toLowerCase();
  switch (type) {
    case "object": {
      const result: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(schema.properties ?? {})) result[key] = synthesise(child, root, options, depth + 1);
      return result;
    }
    case "array":
      return schema.items === undefined ? [] : [synthesise(schema.items, root, options, depth + 1)];
    case "number":
    case "integer":
      return typeof schema.minimum === "number" ? Math.max(1, schema.minimum) : 1;
    case "boolean":
      return true;
    default:
      return options.stringHint ?? "example";
  }
}

function resolveReference(root: JsonSchema, reference: string): JsonSchema | undefined {
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(reference);
  if (match === null) return reference === "#" ? root : undefined;
  const table = root[match[1] as string] as Record<string, JsonSchema> | undefined;
  return table?.[match[2] as string];
}

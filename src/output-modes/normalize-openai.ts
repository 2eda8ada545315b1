import type { JsonSchema } from "./json-schema.ts";
import { inlineRefs, isSchemaObject } from "./resolve-refs.ts";
import { SchemaUnsupportedError, childPath } from "./schema-unsupported-error.ts";
import type { NormalizeOptions } from "./normalize-options.ts";

/** Keywords OpenAI strict mode accepts; everything else is stripped (and reported through `onDropped`). */
const KEPT = new Set([
  "type", "properties", "required", "additionalProperties", "items", "enum", "const", "anyOf", "description", "title",
  "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems",
]);
const FORMATS = new Set(["date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"]);
const MAX_DEPTH = 10;
/** OpenAI's documented limit on enum values across one schema. */
const MAX_ENUM_VALUES = 1000;

/**
 * OpenAI's strict structured-output subset: every property required (optional ones become nullable),
 * `additionalProperties: false` on every object, an object at the root, no recursion, no open maps.
 */
export function normalizeForOpenAI(schema: JsonSchema, options: NormalizeOptions = {}): JsonSchema {
  const inlined = inlineRefs("openai", schema);
  if (!isObjectLike(inlined)) {
    throw new SchemaUnsupportedError("openai", "", "a root that is not an object", "wrap the value in an object with one property");
  }
  assertEnumBudget(inlined);
  const result = walk(inlined, "", 0, options);
  if (typeof schema.$schema === "string") return { $schema: schema.$schema, ...result };
  return result;
}

function isObjectLike(schema: JsonSchema): boolean {
  return schema.type === "object" || (schema.type === undefined && schema.properties !== undefined);
}

function walk(schema: JsonSchema, path: string, depth: number, options: NormalizeOptions): JsonSchema {
  if (depth > MAX_DEPTH) {
    throw new SchemaUnsupportedError("openai", path, `nesting deeper than ${MAX_DEPTH} levels`, "flatten the schema");
  }
  if (schema.allOf !== undefined) {
    throw new SchemaUnsupportedError("openai", path, "allOf (an intersection)", "merge the intersected objects into one object schema");
  }
  const union = schema.anyOf ?? schema.oneOf;
  if (union !== undefined) {
    const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = schema;
    const result = keep(rest, path, options);
    result.anyOf = union.map((branch, index) => walk(branch, `${path}<anyOf:${index}>`, depth + 1, options));
    return result;
  }
  if (Array.isArray(schema.type) && schema.type.filter((type) => type !== "null").length > 1) {
    const { type: types, ...rest } = schema;
    return walk({ ...rest, anyOf: types.map((type) => ({ type })) }, path, depth, options);
  }
  if (schema.type === undefined && schema.enum === undefined && schema.const === undefined && schema.properties === undefined) {
    throw new SchemaUnsupportedError("openai", path, "an untyped value (any/unknown)", "give the field a concrete type");
  }
  const result = keep(schema, path, options);
  if (isObjectLike(schema) || schema.additionalProperties !== undefined) {
    if (isSchemaObject(schema.additionalProperties) || schema.properties === undefined) {
      throw new SchemaUnsupportedError("openai", path, "an open-ended map (record)", "list the keys as properties, or use an array of {key, value} objects");
    }
    const required = new Set(schema.required ?? []);
    result.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, child]) => {
        const normalized = walk(child, childPath(path, key), depth + 1, options);
        return [key, required.has(key) ? normalized : makeNullable(normalized)];
      }),
    );
    result.required = Object.keys(schema.properties);
    result.additionalProperties = false;
  }
  if (schema.items !== undefined) result.items = walk(schema.items, `${path}[]`, depth + 1, options);
  return result;
}

function keep(schema: JsonSchema, path: string, options: NormalizeOptions): JsonSchema {
  const result: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === "properties" || keyword === "items" || keyword === "required" || keyword === "additionalProperties") continue;
    const supported = KEPT.has(keyword) && (keyword !== "format" || FORMATS.has(String(value)));
    if (supported) result[keyword] = value;
    else options.onDropped?.(path, keyword);
  }
  return result;
}

/** Optional becomes "required but may be null": strict mode has no optional properties. */
export function makeNullable(schema: JsonSchema): JsonSchema {
  if (schema.anyOf !== undefined) {
    return schema.anyOf.some((branch) => branch.type === "null") ? schema : { ...schema, anyOf: [...schema.anyOf, { type: "null" }] };
  }
  if (schema.const !== undefined) {
    const { const: constant, description, ...rest } = schema;
    return { ...(description === undefined ? {} : { description }), anyOf: [{ ...rest, const: constant }, { type: "null" }] };
  }
  const result: JsonSchema = { ...schema };
  if (typeof schema.type === "string") result.type = schema.type === "null" ? "null" : [schema.type, "null"];
  else if (Array.isArray(schema.type) && !schema.type.includes("null")) result.type = [...schema.type, "null"];
  if (schema.enum !== undefined && !schema.enum.includes(null)) result.enum = [...schema.enum, null];
  return result;
}

/** Refuses a schema whose enums hold more values in total than OpenAI accepts, naming the enum that crosses the limit. */
function assertEnumBudget(root: JsonSchema): void {
  let total = 0;
  const visit = (schema: JsonSchema, path: string): void => {
    if (schema.enum !== undefined) {
      total += schema.enum.length;
      if (total > MAX_ENUM_VALUES) {
        throw new SchemaUnsupportedError("openai", path, `more than ${MAX_ENUM_VALUES} enum values in one schema`, "use a plain string checked by a refinement, or fewer enum members");
      }
    }
    for (const [key, child] of Object.entries(schema.properties ?? {})) visit(child, childPath(path, key));
    if (schema.items !== undefined) visit(schema.items, `${path}[]`);
    (schema.anyOf ?? schema.oneOf ?? []).forEach((branch, index) => visit(branch, `${path}<anyOf:${index}>`));
  };
  visit(root, "");
}

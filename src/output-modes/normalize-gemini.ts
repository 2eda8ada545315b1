import type { JsonSchema } from "./json-schema.ts";
import { inlineRefs, isSchemaObject } from "./resolve-refs.ts";
import { SchemaUnsupportedError, childPath } from "./schema-unsupported-error.ts";
import type { NormalizeOptions } from "./normalize-options.ts";

/** Keywords of Gemini's OpenAPI-style `responseSchema`; everything else is stripped. */
const KEPT = new Set(["type", "format", "description", "nullable", "enum", "minItems", "maxItems", "minimum", "maximum"]);
const FORMATS = new Set(["enum", "date-time", "int32", "int64", "float", "double"]);

/**
 * Gemini's `responseSchema` subset: `nullable: true` instead of a null branch, string enums, no
 * `additionalProperties`/`$schema`/`$defs`/`title`/`default`. Gemini ignores what it does not understand,
 * so what this strips is also what the caller must check locally (structureOutput always validates).
 */
export function normalizeForGemini(schema: JsonSchema, options: NormalizeOptions = {}): JsonSchema {
  return walk(inlineRefs("google-genai", schema), "", options);
}

function walk(schema: JsonSchema, path: string, options: NormalizeOptions): JsonSchema {
  if (schema.allOf !== undefined) {
    throw new SchemaUnsupportedError("google-genai", path, "allOf (an intersection)", "merge the intersected objects into one object schema");
  }
  const branches = schema.anyOf ?? schema.oneOf ?? typeBranches(schema);
  if (branches !== undefined) {
    const nonNull = branches.filter((branch) => branch.type !== "null");
    const nullable = nonNull.length < branches.length || schema.nullable === true;
    const { anyOf: _anyOf, oneOf: _oneOf, type: _type, nullable: _nullable, ...rest } = schema;
    const merged: JsonSchema =
      nonNull.length === 1 ? walk({ ...rest, ...(nonNull[0] as JsonSchema) }, path, options)
      : { ...keep(rest, path, options), anyOf: nonNull.map((branch, index) => walk(branch, `${path}<anyOf:${index}>`, options)) };
    return nullable ? { ...merged, nullable: true } : merged;
  }
  if (schema.const !== undefined) {
    const { const: constant, ...rest } = schema;
    return walk({ ...rest, type: "string", enum: [constant] }, path, options);
  }
  const result = keep(schema, path, options);
  if (schema.enum !== undefined) {
    const values = schema.enum.filter((value) => value !== null);
    result.type = "string";
    result.enum = values.map((value) => String(value));
    if (values.length < schema.enum.length) result.nullable = true;
  }
  if (schema.type === "object" || schema.properties !== undefined) {
    if (isSchemaObject(schema.additionalProperties) || schema.properties === undefined || Object.keys(schema.properties).length === 0) {
      throw new SchemaUnsupportedError("google-genai", path, "an object without fixed properties (a record or empty object)", "list the keys as properties, or use an array of {key, value} objects");
    }
    result.type = "object";
    result.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, child]) => [key, walk(child, childPath(path, key), options)]),
    );
    if (schema.required !== undefined && schema.required.length > 0) result.required = [...schema.required];
  }
  if (schema.items !== undefined) result.items = walk(schema.items, `${path}[]`, options);
  if (result.type === undefined && result.anyOf === undefined) {
    throw new SchemaUnsupportedError("google-genai", path, "an untyped value (any/unknown)", "give the field a concrete type");
  }
  return result;
}

/** `type: ["number", "null"]` read as branches, so it takes the same path as `anyOf`. */
function typeBranches(schema: JsonSchema): JsonSchema[] | undefined {
  if (!Array.isArray(schema.type)) return undefined;
  return schema.type.map((type) => ({ type }));
}

function keep(schema: JsonSchema, path: string, options: NormalizeOptions): JsonSchema {
  const result: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === "properties" || keyword === "items" || keyword === "required") continue;
    const supported = KEPT.has(keyword) && (keyword !== "format" || FORMATS.has(String(value)));
    if (supported) result[keyword] = value;
    else options.onDropped?.(path, keyword);
  }
  return result;
}

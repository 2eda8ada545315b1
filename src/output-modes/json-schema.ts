/**
 * The subset of JSON Schema that switchyard reads and writes: what zod's `z.toJSONSchema` emits for
 * the schemas we accept, and what the providers' structured-output features take.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  nullable?: boolean;
  description?: string;
  additionalProperties?: boolean | JsonSchema;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  [keyword: string]: unknown;
}

/** True when the schema describes a JSON object with named properties. */
export function isObjectSchema(schema: JsonSchema): schema is JsonSchema & { properties: Record<string, JsonSchema> } {
  return schema.properties !== undefined && (schema.type === undefined || schema.type === "object");
}

/** The branches of a union schema that are not `null`; a plain schema is its own single branch. */
export function nonNullBranches(schema: JsonSchema): JsonSchema[] {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches === undefined) return [schema];
  return branches.filter((branch) => branch.type !== "null");
}

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const typeChecks: Readonly<Record<string, (value: unknown) => boolean>> = {
  string: (value) => typeof value === "string",
  number: (value) => typeof value === "number",
  integer: (value) => typeof value === "number" && Number.isInteger(value),
  boolean: (value) => typeof value === "boolean",
  array: (value) => Array.isArray(value),
  object: isRecord,
};

/**
 * Whether a value has a JSON Schema `type` (one name); undefined for a name JSON Schema has no check for here
 * (`null`, a typo), so each caller decides what an unknown type means.
 *
 * @example
 * hasJsonType("integer", 3) // true
 */
export function hasJsonType(type: string | undefined, value: unknown): boolean | undefined {
  return type === undefined ? undefined : typeChecks[type]?.(value);
}

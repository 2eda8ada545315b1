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

import type { OutputContract } from "../state/output-contract.ts";
import type { JsonSchema } from "./json-schema.ts";

/** The {@link prepareModeCall} options a request's contract maps to. */
export interface ContractCallOptions {
  emitMethod?: "jsonSchema" | "functionCalling";
  schemaConstraint?: boolean;
  compactContract?: boolean;
}

/**
 * Maps a request's `output_contract` onto prepareModeCall options (empty when the request has none).
 *
 * @example
 * prepareModeCall({ model, provider, mode, schema, schemaName, ...contractCallOptions(request.output_contract) });
 */
export function contractCallOptions(contract: OutputContract | undefined): ContractCallOptions {
  if (contract === undefined) return {};
  return {
    ...(contract.emit_method === undefined ? {} : { emitMethod: contract.emit_method === "tool" ? "functionCalling" : "jsonSchema" }),
    ...(contract.schema_constraint === undefined ? {} : { schemaConstraint: contract.schema_constraint }),
    ...(contract.compact === undefined ? {} : { compactContract: contract.compact }),
  };
}

const CONSTRAINT_KEYWORDS = new Set([
  "enum", "const", "required", "additionalProperties", "pattern", "format", "minimum", "maximum", "exclusiveMinimum",
  "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "minLength", "maxLength", "nullable",
]);
const DESCRIPTIVE_KEYWORDS = new Set(["description", "title", "$schema", "examples", "default"]);

/**
 * The schema without its constraints: names, nesting, order and types stay; enum lists (an enum becomes its
 * values' type), required, additionalProperties, bounds and nullability go.
 *
 * @example
 * relaxSchema({ type: "object", properties: { tier: { enum: ["a", "b"] } }, required: ["tier"] })
 * // { type: "object", properties: { tier: { type: "string" } } }
 */
export function relaxSchema(schema: JsonSchema): JsonSchema {
  const result: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (CONSTRAINT_KEYWORDS.has(keyword)) continue;
    if (keyword === "properties" && schema.properties !== undefined) {
      result.properties = Object.fromEntries(Object.entries(schema.properties).map(([key, child]) => [key, relaxSchema(child)]));
    } else if (keyword === "items" && schema.items !== undefined) result.items = relaxSchema(schema.items);
    else if ((keyword === "anyOf" || keyword === "oneOf") && Array.isArray(value)) {
      const branches = (value as JsonSchema[]).filter((branch) => branch.type !== "null").map(relaxSchema);
      if (branches.length === 1) Object.assign(result, branches[0]);
      else result[keyword] = branches;
    } else if (keyword === "type" && Array.isArray(value)) {
      const types = (value as string[]).filter((type) => type !== "null");
      result.type = types.length === 1 ? types[0] : types;
    } else result[keyword] = value;
  }
  const values = schema.enum ?? (schema.const === undefined ? undefined : [schema.const]);
  if (result.type === undefined && values !== undefined) {
    const types = [...new Set(values.filter((entry) => entry !== null).map((entry) => (typeof entry === "number" ? "number" : typeof entry === "boolean" ? "boolean" : "string")))];
    result.type = types.length === 1 ? types[0] : types;
  }
  return result;
}

/** The schema without descriptions, titles, examples and defaults: what a compact contract sends. */
export function compactSchema(schema: JsonSchema): JsonSchema {
  const result: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (DESCRIPTIVE_KEYWORDS.has(keyword)) continue;
    if (keyword === "properties" && schema.properties !== undefined) {
      result.properties = Object.fromEntries(Object.entries(schema.properties).map(([key, child]) => [key, compactSchema(child)]));
    } else if (keyword === "items" && schema.items !== undefined) result.items = compactSchema(schema.items);
    else if ((keyword === "anyOf" || keyword === "oneOf") && Array.isArray(value)) result[keyword] = (value as JsonSchema[]).map(compactSchema);
    else if (keyword === "$defs" && schema.$defs !== undefined) {
      result.$defs = Object.fromEntries(Object.entries(schema.$defs).map(([key, child]) => [key, compactSchema(child)]));
    } else result[keyword] = value;
  }
  return result;
}

/** Applies a contract's shaping to the schema that travels (never to the one answers are checked against). */
export function shapeContract(schema: JsonSchema, options: { schemaConstraint?: boolean; compactContract?: boolean }): JsonSchema {
  const relaxed = options.schemaConstraint === false ? relaxSchema(schema) : schema;
  return options.compactContract === true ? compactSchema(relaxed) : relaxed;
}

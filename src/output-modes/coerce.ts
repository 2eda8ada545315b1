import { hasJsonType, isRecord, type JsonSchema } from "./json-schema.ts";
import { parseLenientJson } from "./lenient-json.ts";

/** Words models use for "no value". */
const NULLISH = /^(?:none|null|nil|n\/a|na|not applicable|not mentioned|unknown|-|—)?\.?$/i;
const NUMERIC = /^[^\d+-.]{0,4}\s*([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)\s*[^\d]{0,12}$/;

/** Records what coercion changed, so callers can report `repaired`. */
export interface CoercionLog {
  changes: string[];
}

/** True when the schema admits `null` (type array, `nullable`, a null branch, or null in the enum). */
export function allowsNull(schema: JsonSchema): boolean {
  if (schema.nullable === true) return true;
  if (schema.type === "null" || (Array.isArray(schema.type) && schema.type.includes("null"))) return true;
  if (schema.enum?.includes(null) === true) return true;
  return (schema.anyOf ?? schema.oneOf ?? []).some((branch) => allowsNull(branch));
}

/**
 * Bends a loosely typed value toward the schema: "3" -> 3, "High" -> "high" (enums case-insensitively),
 * "none"/"n/a" -> null where nullable, "a, b" -> ["a", "b"], one object -> an array of one, JSON inside a
 * string -> the value, keys matched case- and separator-insensitively. Never invents a value: what cannot be
 * bent is returned as it came, for zod to report.
 *
 * @example
 * coerceToSchema({ type: "object", properties: { n: { type: "number" } } }, { N: "3" }, log) // { n: 3 }
 */
export function coerceToSchema(schema: JsonSchema, value: unknown, log: CoercionLog, path = ""): unknown {
  if (value === undefined || value === null) return value;
  if (typeof value === "string" && NULLISH.test(value.trim()) && allowsNull(schema) && !acceptsString(schema, value)) {
    log.changes.push(`${path}: "${value}" -> null`);
    return null;
  }
  const branches = concreteBranches(schema);
  if (branches.length > 1) {
    const matching = branches.find((branch) => matchesType(branch, value));
    if (matching !== undefined) return coerceToSchema(matching, value, log, path);
    for (const branch of branches) {
      const attempt: CoercionLog = { changes: [] };
      const coerced = coerceToSchema(branch, value, attempt, path);
      if (matchesType(branch, coerced)) {
        log.changes.push(...attempt.changes);
        return coerced;
      }
    }
    return value;
  }
  const branch = branches[0] ?? schema;
  const result = coerceSingle(branch, value, log, path);
  if (result !== value && typeof value !== "object") log.changes.push(`${path}: ${JSON.stringify(value)} -> ${JSON.stringify(result)}`);
  return result;
}

function coerceSingle(schema: JsonSchema, value: unknown, log: CoercionLog, path: string): unknown {
  if (schema.enum !== undefined) return coerceEnum(schema.enum, value);
  if (schema.const !== undefined) return coerceEnum([schema.const], value);
  const type = primaryType(schema);
  if (type === "number" || type === "integer") return coerceNumber(value);
  if (type === "boolean") return coerceBoolean(value);
  if (type === "string") return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
  if (type === "array" || schema.items !== undefined) return coerceArray(schema, value, log, path);
  if (type === "object" || schema.properties !== undefined) return coerceObject(schema, value, log, path);
  return value;
}

function coerceEnum(members: unknown[], value: unknown): unknown {
  if (members.includes(value)) return value;
  const wanted = canonical(String(value));
  return members.find((member) => member !== null && canonical(String(member)) === wanted) ?? value;
}

function coerceNumber(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const match = NUMERIC.exec(value.trim());
  if (match?.[1] === undefined) return value;
  const parsed = Number(match[1].replaceAll(",", ""));
  return Number.isFinite(parsed) ? parsed : value;
}

function coerceBoolean(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const word = value.trim().toLowerCase();
  if (["true", "yes", "y", "1"].includes(word)) return true;
  if (["false", "no", "n", "0"].includes(word)) return false;
  return value;
}

function coerceArray(schema: JsonSchema, value: unknown, log: CoercionLog, path: string): unknown {
  let list: unknown[];
  if (Array.isArray(value)) {
    list = value;
  } else if (typeof value === "string") {
    const text = value.trim();
    const parsed = text.startsWith("[") || text.startsWith("{") ? parseLenientJson(text)?.value : undefined;
    if (parsed !== undefined) list = Array.isArray(parsed) ? parsed : [parsed];
    else if (NULLISH.test(text)) list = [];
    else list = text.split(/\s*[,;]\s*/).filter((item) => item !== "");
    log.changes.push(`${path}: text -> array of ${list.length}`);
  } else {
    log.changes.push(`${path}: single value -> array of one`);
    list = [value];
  }
  const items = schema.items;
  return items === undefined ? list : list.map((item, index) => coerceToSchema(items, item, log, `${path}[${index}]`));
}

function coerceObject(schema: JsonSchema, value: unknown, log: CoercionLog, path: string): unknown {
  let record = value;
  if (typeof value === "string" && value.trim().startsWith("{")) {
    record = parseLenientJson(value)?.value ?? value;
    if (record !== value) log.changes.push(`${path}: JSON text -> object`);
  }
  if (Array.isArray(record) && record.length === 1 && isRecord(record[0])) {
    log.changes.push(`${path}: array of one -> object`);
    record = record[0];
  }
  if (!isRecord(record)) return record;
  const properties = schema.properties ?? {};
  const byCanonical = new Map(Object.keys(properties).map((key) => [canonical(key), key]));
  const required = new Set(schema.required ?? []);
  const result: Record<string, unknown> = {};
  for (const [rawKey, child] of Object.entries(record)) {
    const key = rawKey in properties ? rawKey : (byCanonical.get(canonical(rawKey)) ?? rawKey);
    if (key !== rawKey) log.changes.push(`${path}: key "${rawKey}" -> "${key}"`);
    const childSchema = properties[key];
    result[key] = childSchema === undefined ? child : coerceToSchema(childSchema, child, log, path === "" ? key : `${path}.${key}`);
  }
  return dropAbsentOptionals(schema, result, required);
}

/**
 * A null in an optional, non-nullable property means "absent": OpenAI strict mode and the positional
 * encoding both write optional fields as null, and zod's optional() only accepts undefined.
 */
export function dropAbsentOptionals(schema: JsonSchema, record: Record<string, unknown>, required = new Set(schema.required ?? [])): Record<string, unknown> {
  const properties = schema.properties ?? {};
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(record)) {
    const childSchema = properties[key];
    if (child === null && !required.has(key) && childSchema !== undefined && !allowsNull(childSchema)) continue;
    result[key] = child;
  }
  return result;
}

function canonical(text: string): string {
  return text.trim().replace(/^["'`]|["'`.]$/g, "").toLowerCase().replace(/[\s-]+/g, "_");
}

function primaryType(schema: JsonSchema): string | undefined {
  if (typeof schema.type === "string") return schema.type;
  return schema.type?.find((type) => type !== "null");
}

function acceptsString(schema: JsonSchema, value: string): boolean {
  return concreteBranches(schema).some((branch) =>
    branch.enum !== undefined ? branch.enum.includes(value) : primaryType(branch) === "string" && value.trim() !== "" && !NULLISH.test(value.trim()),
  );
}

/** The non-null alternatives of a schema: anyOf/oneOf branches, or one per type in a type array. */
function concreteBranches(schema: JsonSchema): JsonSchema[] {
  const union = schema.anyOf ?? schema.oneOf;
  if (union !== undefined) return union.filter((branch) => branch.type !== "null");
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((type) => type !== "null");
    if (types.length > 1) return types.map((type) => ({ ...schema, type }));
  }
  return [schema];
}

function matchesType(schema: JsonSchema, value: unknown): boolean {
  if (schema.enum !== undefined) return schema.enum.includes(value);
  if (schema.const !== undefined) return schema.const === value;
  return hasJsonType(primaryType(schema), value) ?? (schema.properties !== undefined ? isRecord(value) : false);
}

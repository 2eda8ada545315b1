import { SwitchyardError } from "../errors.ts";
import { hasJsonType, isObjectSchema, isRecord, type JsonSchema } from "./json-schema.ts";
import { arrayShaped, isTaggedUnion, taggedBranches, unionBranches } from "./union-tags.ts";

/**
 * Transport compression by position: an object becomes the array of its property values in the schema's
 * property order, recursively. Keys never cross the wire, which is where JSON spends most of its tokens
 * on small extraction schemas. A value of a union with several array-shaped branches is written with its
 * branch number first (see `union-tags.ts`); `$ref`s (recursive schemas) are followed against the root.
 *
 * @example
 * encodePositional(schema, { category: "billing", priority: "high" }) // ["billing", "high"]
 */
export function encodePositional(root: JsonSchema, value: unknown): unknown {
  const encode = (schema: JsonSchema, item: unknown, depth: number): unknown => {
    if (item === null || item === undefined) return null;
    const resolved = resolve(root, schema, depth);
    if (isTaggedUnion(resolved)) {
      const branches = taggedBranches(resolved);
      const tag = branches.findIndex((branch) => conforms(root, branch, item, 0)) + 1;
      if (tag > 0 && (Array.isArray(item) || isRecord(item))) {
        const encoded = encode(branches[tag - 1] as JsonSchema, item, depth + 1);
        return Array.isArray(encoded) ? [tag, ...encoded] : encoded;
      }
      return item;
    }
    const branch = pickBranch(root, resolved, item);
    if (isObjectSchema(branch) && isRecord(item)) {
      return Object.entries(branch.properties).map(([key, child]) => encode(child, item[key], depth + 1));
    }
    if (branch.items !== undefined && Array.isArray(item)) {
      const items = branch.items;
      return item.map((entry) => encode(items, entry, depth + 1));
    }
    return item;
  };
  return encode(root, value, 0);
}

export class PositionalDecodeError extends SwitchyardError {
  readonly path: string;
  readonly expected: string;

  constructor(path: string, expected: string, received: unknown) {
    super(
      "decode_failed",
      `compressed output at ${path || "(root)"}: expected ${expected}, received ${JSON.stringify(received)?.slice(0, 80)}`,
    );
    this.path = path;
    this.expected = expected;
  }
}

/** Inverse of {@link encodePositional}; throws {@link PositionalDecodeError} naming the path that does not fit. */
export function decodePositional(root: JsonSchema, encoded: unknown): unknown {
  const decode = (schema: JsonSchema, item: unknown, path: string, depth: number): unknown => {
    if (item === null) return null;
    const resolved = resolve(root, schema, depth);
    if (isTaggedUnion(resolved) && Array.isArray(item)) {
      const branches = taggedBranches(resolved);
      const tag = item[0];
      const branch = typeof tag === "number" ? branches[tag - 1] : undefined;
      if (branch === undefined) throw new PositionalDecodeError(path, `a branch number 1..${branches.length} first`, item);
      return decode(branch, item.slice(1), path, depth + 1);
    }
    const branch = pickEncodedBranch(root, resolved, item);
    if (isObjectSchema(branch)) {
      const keys = Object.keys(branch.properties);
      if (!Array.isArray(item)) throw new PositionalDecodeError(path, `an array of ${keys.length} positions`, item);
      if (item.length !== keys.length) throw new PositionalDecodeError(path, `${keys.length} positions (${keys.join(", ")})`, item);
      const required = new Set(branch.required ?? []);
      const result: Record<string, unknown> = {};
      keys.forEach((key, index) => {
        const decoded = decode(branch.properties[key] as JsonSchema, item[index], path === "" ? key : `${path}.${key}`, depth + 1);
        // A null in an optional position means "absent", which is how zod's optional() reads it back.
        if (decoded !== null || required.has(key)) result[key] = decoded;
      });
      return result;
    }
    if (branch.items !== undefined) {
      if (!Array.isArray(item)) throw new PositionalDecodeError(path, "an array", item);
      const items = branch.items;
      return item.map((entry, index) => decode(items, entry, `${path}[${index}]`, depth + 1));
    }
    return item;
  };
  return decode(root, encoded, "", 0);
}

/** Follows `$ref`s (`#`, `#/$defs/X`) against the root; recursion is bounded by the value, the depth guards a cycle of bare refs. */
export function resolve(root: JsonSchema, schema: JsonSchema, depth = 0): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref !== undefined && hops < 32 && depth < 10_000; hops += 1) {
    const reference = current.$ref;
    const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(reference);
    const table = match === null ? undefined : root[match[1] as string];
    const target = reference === "#" ? root : typeof table === "object" && table !== null ? (table as Record<string, JsonSchema>)[decodeURIComponent(match?.[2] ?? "")] : undefined;
    if (target === undefined) return {};
    const { $ref: _reference, ...siblings } = current;
    current = { ...target, ...siblings };
  }
  return current;
}

/** The non-null branches (anyOf/oneOf members, resolved) of a schema; a plain schema is its own branch. */
function branchesOf(root: JsonSchema, schema: JsonSchema): JsonSchema[] {
  if ((schema.anyOf ?? schema.oneOf) === undefined) return [schema];
  return unionBranches(schema).map((branch) => resolve(root, branch)).filter((branch) => branch.type !== "null");
}

function pickBranch(root: JsonSchema, schema: JsonSchema, value: unknown): JsonSchema {
  const branches = branchesOf(root, schema);
  if (branches.length === 1) return branches[0] as JsonSchema;
  return branches.find((branch) => conforms(root, branch, value, 0)) ?? schema;
}

function pickEncodedBranch(root: JsonSchema, schema: JsonSchema, encoded: unknown): JsonSchema {
  const branches = branchesOf(root, schema);
  if (branches.length === 1) return branches[0] as JsonSchema;
  // Untagged: at most one branch is array-shaped, so an array belongs to it and anything else is a scalar.
  if (Array.isArray(encoded)) return branches.find(arrayShaped) ?? schema;
  return branches.find((branch) => !arrayShaped(branch)) ?? schema;
}

/**
 * Whether a value fits a schema's structure (types, enums, consts, required and known keys), enough to tell
 * which branch of a union it came from. Not a validator: zod still checks every answer.
 */
export function conforms(root: JsonSchema, schema: JsonSchema, value: unknown, depth: number): boolean {
  if (depth > 64) return true;
  const resolved = resolve(root, schema);
  if (resolved.const !== undefined) return JSON.stringify(resolved.const) === JSON.stringify(value);
  if (resolved.enum !== undefined) return resolved.enum.some((member) => JSON.stringify(member) === JSON.stringify(value));
  const union = resolved.anyOf ?? resolved.oneOf;
  if (union !== undefined) return union.some((branch) => conforms(root, branch, value, depth + 1));
  const types = Array.isArray(resolved.type) ? resolved.type : resolved.type === undefined ? [] : [resolved.type];
  if (value === null) return types.includes("null") || resolved.nullable === true;
  if (isObjectSchema(resolved)) {
    if (!isRecord(value)) return false;
    const properties = resolved.properties;
    if (!(resolved.required ?? []).every((key) => key in value)) return false;
    return Object.entries(value).every(([key, child]) => key in properties && conforms(root, properties[key] as JsonSchema, child, depth + 1));
  }
  if (resolved.items !== undefined) return Array.isArray(value) && value.every((item) => conforms(root, resolved.items as JsonSchema, item, depth + 1));
  if (types.length === 0) return resolved.additionalProperties === undefined || isRecord(value);
  return types.some((type) => hasJsonType(type, value) ?? false);
}


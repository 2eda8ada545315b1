import { SwitchyardError } from "../errors.ts";
import { isObjectSchema, nonNullBranches, type JsonSchema } from "./json-schema.ts";

/**
 * Transport compression by position: an object becomes the array of its property values in the schema's
 * property order, recursively. Keys never cross the wire, which is where JSON spends most of its tokens
 * on small extraction schemas.
 *
 * @example
 * encodePositional(schema, { category: "billing", priority: "high" }) // ["billing", "high"]
 */
export function encodePositional(schema: JsonSchema, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const branch = pickBranch(schema, value);
  if (isObjectSchema(branch) && typeof value === "object" && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    return Object.entries(branch.properties).map(([key, child]) => encodePositional(child, record[key]));
  }
  if (branch.items !== undefined && Array.isArray(value)) {
    const items = branch.items;
    return value.map((item) => encodePositional(items, item));
  }
  return value;
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
export function decodePositional(schema: JsonSchema, encoded: unknown, path = ""): unknown {
  if (encoded === null) return null;
  const branch = pickEncodedBranch(schema, encoded);
  if (isObjectSchema(branch)) {
    const keys = Object.keys(branch.properties);
    if (!Array.isArray(encoded)) throw new PositionalDecodeError(path, `an array of ${keys.length} positions`, encoded);
    if (encoded.length !== keys.length) {
      throw new PositionalDecodeError(path, `${keys.length} positions (${keys.join(", ")})`, encoded);
    }
    const result: Record<string, unknown> = {};
    keys.forEach((key, index) => {
      const child = branch.properties[key] as JsonSchema;
      const decoded = decodePositional(child, encoded[index], `${path}.${key}`);
      // A null in an optional position means "absent", which is how zod's optional() reads it back.
      if (decoded !== null || (branch.required ?? []).includes(key)) result[key] = decoded;
    });
    return result;
  }
  if (branch.items !== undefined) {
    if (!Array.isArray(encoded)) throw new PositionalDecodeError(path, "an array", encoded);
    const items = branch.items;
    return encoded.map((item, index) => decodePositional(items, item, `${path}[${index}]`));
  }
  return encoded;
}

function pickBranch(schema: JsonSchema, value: unknown): JsonSchema {
  const branches = nonNullBranches(schema);
  if (branches.length === 1) return branches[0] as JsonSchema;
  const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
  return branches.find((branch) => (isObject ? isObjectSchema(branch) : !isObjectSchema(branch))) ?? schema;
}

function pickEncodedBranch(schema: JsonSchema, encoded: unknown): JsonSchema {
  const branches = nonNullBranches(schema);
  if (branches.length === 1) return branches[0] as JsonSchema;
  // Encoded objects and arrays both arrive as arrays; prefer the object branch when lengths match.
  if (Array.isArray(encoded)) {
    const object = branches.find((branch) => isObjectSchema(branch) && Object.keys(branch.properties).length === encoded.length);
    if (object !== undefined) return object;
    return branches.find((branch) => branch.items !== undefined) ?? schema;
  }
  return branches.find((branch) => !isObjectSchema(branch) && branch.items === undefined) ?? schema;
}

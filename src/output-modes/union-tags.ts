import { isObjectSchema, type JsonSchema } from "./json-schema.ts";

/**
 * Whether a branch is written on the wire as a JSON array (an object or a list), so it needs a tag in a union.
 * A `$ref` counts as one without being followed: both sides of the codec decide from the union alone.
 */
export function arrayShaped(schema: JsonSchema): boolean {
  return (isObjectSchema(schema) && schema.properties !== undefined) || schema.items !== undefined || schema.type === "array" || schema.$ref !== undefined;
}

/**
 * A union with two or more branches that the positional encoding writes as arrays: their encodings can have
 * the same length and shape, so each such value is written with its branch number first (`[2, …]`) instead
 * of being guessed from its length — the guess is how a same-length second branch decoded silently as the first.
 */
export function isTaggedUnion(schema: JsonSchema): boolean {
  return unionBranches(schema).filter(arrayShaped).length >= 2;
}

/** The array-shaped branches of a tagged union, in order: tag n is `branches[n - 1]`. */
export function taggedBranches(schema: JsonSchema): JsonSchema[] {
  return unionBranches(schema).filter(arrayShaped);
}

/**
 * The members of a union with nested unions spread out: zod writes `z.union([a, b]).nullable()` as
 * anyOf [anyOf [a, b], null], and both sides of the codec must see a, b and null as one union.
 */
export function unionBranches(schema: JsonSchema): JsonSchema[] {
  const members = schema.anyOf ?? schema.oneOf;
  if (members === undefined) return [];
  return members.flatMap((member) => (isPureUnion(member) ? unionBranches(member) : [member]));
}

function isPureUnion(schema: JsonSchema): boolean {
  return (schema.anyOf ?? schema.oneOf) !== undefined && Object.keys(schema).every((keyword) => ["anyOf", "oneOf", "description", "title", "default"].includes(keyword));
}

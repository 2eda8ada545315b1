import { z } from "zod";

/** Strips optional/default/nullable wrappers so the walk sees the schema a value is checked against. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
      current = current.unwrap() as z.ZodType;
    } else {
      return current;
    }
  }
}

/**
 * The schema that governs a value at a config path, found by walking objects, arrays and records. Used to
 * list the valid keys when a user writes an unknown one.
 */
export function schemaAt(root: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrap(root);
  for (const segment of path) {
    if (current === undefined) return undefined;
    if (current instanceof z.ZodObject && typeof segment === "string") {
      const shape = current.shape as Record<string, z.ZodType>;
      current = shape[segment] === undefined ? undefined : unwrap(shape[segment]);
    } else if (current instanceof z.ZodArray && typeof segment === "number") {
      current = unwrap(current.element as z.ZodType);
    } else if (current instanceof z.ZodRecord) {
      current = unwrap(current.valueType as z.ZodType);
    } else {
      return undefined;
    }
  }
  return current;
}

/** The keys an object schema accepts, or an empty list when the path is not an object. */
export function keysAt(root: z.ZodType, path: readonly PropertyKey[]): string[] {
  const schema = schemaAt(root, path);
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape as Record<string, unknown>);
  if (schema instanceof z.ZodRecord) {
    const keyType = schema.keyType as z.ZodType;
    if (keyType instanceof z.ZodEnum) return keyType.options.map(String);
  }
  return [];
}

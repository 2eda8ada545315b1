import { z } from "zod";

/** A spot in a zod schema that cannot travel to a model as JSON Schema and come back as the same value. */
export interface UncarriableSpot {
  path: string;
  construct: string;
  fix: string;
}

const NO_JSON_FORM = "use JSON types (string, number, boolean, null, arrays, objects, enums, literals)";

/** Types with no JSON value: a model can never write one. */
function noJsonForm(schema: z.ZodType): string | undefined {
  if (schema instanceof z.ZodDate) return "a date (z.date())";
  if (schema instanceof z.ZodBigInt) return "a bigint";
  if (schema instanceof z.ZodMap) return "a Map";
  if (schema instanceof z.ZodSet) return "a Set";
  if (schema instanceof z.ZodSymbol) return "a symbol";
  if (schema instanceof z.ZodUndefined || schema instanceof z.ZodVoid) return "undefined";
  if (schema instanceof z.ZodNaN) return "NaN";
  if (schema instanceof z.ZodFunction) return "a function";
  if (schema instanceof z.ZodPromise) return "a promise";
  if (schema instanceof z.ZodFile) return "a file";
  if (schema instanceof z.ZodCustom) return "a custom type (z.custom or z.instanceof)";
  return undefined;
}

/**
 * The first spot in a zod schema the gateway cannot carry, if any. Walks the zod tree itself (not
 * `z.toJSONSchema`) because the JSON Schema of the input side hides transforms, and a transformed value
 * fails the second parse in `validate`, wasting every attempt of the request. Refinements are allowed:
 * the model never sees them, but they are checked on every answer like any other constraint.
 *
 * @example
 * findUncarriable(z.object({ total: z.string().transform(Number) })) // { path: "total", construct: "a .transform()", ... }
 */
export function findUncarriable(root: z.ZodType): UncarriableSpot | undefined {
  const seen = new Set<z.ZodType>();
  const walk = (schema: z.ZodType, path: string): UncarriableSpot | undefined => {
    // A recursive schema meets itself again through z.lazy or a getter; once is enough.
    if (seen.has(schema)) return undefined;
    seen.add(schema);
    const missing = noJsonForm(schema);
    if (missing !== undefined) return { path, construct: missing, fix: NO_JSON_FORM };
    if (schema instanceof z.ZodTransform || schema instanceof z.ZodCodec) {
      return {
        path,
        construct: "a .transform() (or z.preprocess, z.codec)",
        fix: "register the schema of the JSON the model writes, and transform the validated result in your own code",
      };
    }
    if (schema instanceof z.ZodObject) {
      for (const [key, child] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
        const found = walk(child, path === "" ? key : `${path}.${key}`);
        if (found) return found;
      }
      return undefined;
    }
    if (schema instanceof z.ZodArray) return walk(schema.element as z.ZodType, `${path}[]`);
    if (schema instanceof z.ZodTuple) {
      const items = schema.def.items as readonly z.ZodType[];
      for (const [index, item] of items.entries()) {
        const found = walk(item, `${path}[${index}]`);
        if (found) return found;
      }
      return schema.def.rest ? walk(schema.def.rest as z.ZodType, `${path}[]`) : undefined;
    }
    if (schema instanceof z.ZodRecord) return walk(schema.valueType as z.ZodType, `${path}.*`);
    if (schema instanceof z.ZodUnion) {
      for (const [index, option] of (schema.options as readonly z.ZodType[]).entries()) {
        const found = walk(option, `${path}<anyOf:${index}>`);
        if (found) return found;
      }
      return undefined;
    }
    if (schema instanceof z.ZodIntersection) return walk(schema.def.left as z.ZodType, path) ?? walk(schema.def.right as z.ZodType, path);
    if (schema instanceof z.ZodPipe) return walk(schema.def.in as z.ZodType, path) ?? walk(schema.def.out as z.ZodType, path);
    if (schema instanceof z.ZodLazy) return walk(schema.def.getter() as z.ZodType, path);
    if (
      schema instanceof z.ZodOptional ||
      schema instanceof z.ZodNullable ||
      schema instanceof z.ZodDefault ||
      schema instanceof z.ZodPrefault ||
      schema instanceof z.ZodReadonly ||
      schema instanceof z.ZodNonOptional ||
      schema instanceof z.ZodCatch
    ) {
      return walk(schema.def.innerType as z.ZodType, path);
    }
    return undefined;
  };
  return walk(root, "");
}

import { isObjectSchema, type JsonSchema } from "./json-schema.ts";
import { resolve } from "./positional-codec.ts";
import type { OutputMode } from "./protocol.ts";
import { arrayShaped } from "./union-tags.ts";

/** Why a local codec (compressed or reconstruct) cannot carry a schema without changing some value. */
export interface CodecRefusal {
  mode: Exclude<OutputMode, "emit">;
  path: string;
  construct: string;
  fix: string;
}

const KEY = /^[A-Za-z_][\w.-]{0,60}$/;

/**
 * The first construct a local codec cannot round-trip, found up front so the router asks for another mode
 * instead of the codec corrupting a value. Compressed: an optional field that is also nullable (absent and
 * null are both written null), a union mixing an untyped branch with an object or list (the array on the
 * wire fits both), a `$ref` that does not resolve. Reconstruct: a root that is not an object with fixed
 * properties, a top-level key a `key: value` line cannot name, two keys that read the same.
 * Recursion is carried by both: the positional codec follows `$ref`s, reconstruct nests JSON.
 *
 * @example
 * codecRefusal("compressed", toJsonSchema(z.object({ note: z.string().nullish() })))
 * // { mode: "compressed", path: "note", construct: "an optional field that is also nullable", ... }
 */
export function codecRefusal(mode: Exclude<OutputMode, "emit">, root: JsonSchema): CodecRefusal | undefined {
  return mode === "compressed" ? compressedRefusal(root) : reconstructRefusal(root);
}

function compressedRefusal(root: JsonSchema): CodecRefusal | undefined {
  const visited = new Set<string>();
  const refuse = (path: string, construct: string, fix: string): CodecRefusal => ({ mode: "compressed", path, construct, fix });
  const walk = (schema: JsonSchema, path: string): CodecRefusal | undefined => {
    if (schema.$ref !== undefined) {
      const target = resolve(root, schema);
      if (target.$ref !== undefined || Object.keys(target).length === 0) return refuse(path, `the reference ${JSON.stringify(schema.$ref)}`, "define the target under $defs");
      // A definition is checked once, however often (or recursively) it is referred to.
      if (visited.has(schema.$ref)) return undefined;
      visited.add(schema.$ref);
      schema = target;
    }
    const union = schema.anyOf ?? schema.oneOf;
    if (union !== undefined) {
      const untyped = union.some((branch) => branch.$ref === undefined && branch.type === undefined && branch.enum === undefined && branch.const === undefined && branch.properties === undefined && branch.items === undefined && branch.anyOf === undefined);
      if (untyped && union.some(arrayShaped)) return refuse(path, "a union of an untyped value with an object or list", "give every branch of the union a type");
      for (const [index, branch] of union.entries()) {
        const found = walk(branch, `${path}<anyOf:${index}>`);
        if (found) return found;
      }
    }
    if (isObjectSchema(schema)) {
      const required = new Set(schema.required ?? []);
      for (const [key, child] of Object.entries(schema.properties)) {
        const childPath = path === "" ? key : `${path}.${key}`;
        if (!required.has(key) && admitsNull(root, child)) {
          return refuse(childPath, "an optional field that is also nullable (absent and null would both be written null)", "make it .nullable() or .optional(), not both (or .nullish()), or use emit or reconstruct");
        }
        const found = walk(child, childPath);
        if (found) return found;
      }
    }
    if (schema.items !== undefined) return walk(schema.items, `${path}[]`);
    if (typeof schema.additionalProperties === "object") return walk(schema.additionalProperties, `${path}.*`);
    return undefined;
  };
  return walk(root, "");
}

function reconstructRefusal(root: JsonSchema): CodecRefusal | undefined {
  const body = resolve(root, root);
  const refuse = (path: string, construct: string, fix: string): CodecRefusal => ({ mode: "reconstruct", path, construct, fix });
  if (!isObjectSchema(body) || body.anyOf !== undefined || body.oneOf !== undefined) {
    return refuse("", "a root that is not one object with fixed properties", "wrap the value in an object with one property, or use emit or compressed");
  }
  if (Object.keys(body.properties).length === 0) return refuse("", "an object with no properties (there is no line to write)", "use emit or compressed");
  const seen = new Map<string, string>();
  for (const key of Object.keys(body.properties)) {
    if (!KEY.test(key)) return refuse(key, `the key ${JSON.stringify(key)}, which a "key: value" line cannot name`, "use letters, digits, _ . - (starting with a letter or _), or use emit or compressed");
    const canonical = key.toLowerCase().replace(/-/g, "_");
    const other = seen.get(canonical);
    if (other !== undefined) return refuse(key, `the keys ${JSON.stringify(other)} and ${JSON.stringify(key)}, which read the same`, "rename one of them, or use emit or compressed");
    seen.set(canonical, key);
  }
  return undefined;
}

function admitsNull(root: JsonSchema, schema: JsonSchema, depth = 0): boolean {
  const resolved = resolve(root, schema);
  if (depth > 16) return false;
  if (resolved.nullable === true || resolved.type === "null" || (Array.isArray(resolved.type) && resolved.type.includes("null"))) return true;
  if (resolved.enum?.includes(null) === true || resolved.const === null) return true;
  const untyped = resolved.type === undefined && resolved.enum === undefined && resolved.const === undefined && resolved.properties === undefined && resolved.items === undefined && resolved.anyOf === undefined && resolved.oneOf === undefined && resolved.$ref === undefined;
  if (untyped) return true;
  return (resolved.anyOf ?? resolved.oneOf ?? []).some((branch) => admitsNull(root, branch, depth + 1));
}

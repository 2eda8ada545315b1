import type { JsonSchema } from "../output-modes/json-schema.ts";
import { formattedString, plainText } from "./synthesise-strings.ts";

/** Options for {@link synthesiseValue}. */
export interface SynthesiseOptions {
  /** Used for string fields instead of the default word (for example a place named in the prompt). */
  stringHint?: string;
  /**
   * Uniform draws in [0, 1). With them the value varies like a real answer: lists of 1–8 items (within
   * minItems/maxItems), any enum member, numbers in range, text of a few words, nullable fields null one
   * time in five. Without them the value is the fixed minimal one (first enum member, one item, null).
   */
  random?: () => number;
}

/**
 * A value that conforms to `schema`; what the emulators answer for prompts the oracle does not know.
 * Strings with a `format` (email, date, date-time, uri, uuid, …) get a realistic value of that format
 * either way, so answer sizes — and the token counts benches measure — look like a real model's.
 *
 * @example
 * synthesiseValue({ type: "object", properties: { n: { type: "number" } }, required: ["n"] }); // { n: 1 }
 */
export function synthesiseValue(schema: JsonSchema, options: SynthesiseOptions = {}): unknown {
  return synthesise(schema, schema, options, 0);
}

function synthesise(schema: JsonSchema, root: JsonSchema, options: SynthesiseOptions, depth: number): unknown {
  const random = options.random;
  if (depth > 12) return null;
  if (schema.$ref !== undefined) {
    const target = resolveReference(root, schema.$ref);
    // A recursive schema bottoms out in a null or an empty list once deep enough (below).
    return target === undefined ? null : synthesise(target, root, options, depth + 1);
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum !== undefined && schema.enum.length > 0) {
    const members = random === undefined ? schema.enum : schema.enum.filter((member) => member !== null);
    return random === undefined || members.length === 0 ? schema.enum[0] : members[Math.floor(random() * members.length)];
  }
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches !== undefined) {
    const hasNull = branches.some((branch) => branch.type === "null");
    const concrete = branches.filter((branch) => branch.type !== "null");
    if (hasNull && (random === undefined || random() < 0.2 || depth > 6)) return null;
    const pick = random === undefined ? concrete[0] : concrete[Math.floor(random() * concrete.length)];
    return pick === undefined ? null : synthesise(pick, root, options, depth + 1);
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (schema.nullable === true || types.includes("null")) {
    if (random === undefined || random() < 0.2) return null;
  }
  const type = (types.find((entry) => entry !== "null") ?? (schema.properties !== undefined ? "object" : schema.items !== undefined ? "array" : "string")).toLowerCase();
  switch (type) {
    case "object": {
      const result: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(schema.properties ?? {})) result[key] = synthesise(child, root, options, depth + 1);
      return result;
    }
    case "array": {
      if (schema.items === undefined) return [];
      const items = schema.items;
      return Array.from({ length: itemCount(schema, random, depth) }, () => synthesise(items, root, options, depth + 1));
    }
    case "number":
    case "integer":
      return number(schema, type === "integer", random);
    case "boolean":
      return random === undefined ? true : random() < 0.5;
    default: {
      const format = typeof schema.format === "string" ? formattedString(schema.format, random ?? (() => 0)) : undefined;
      if (format !== undefined) return format;
      return options.stringHint ?? (random === undefined ? "example" : plainText(random));
    }
  }
}

function itemCount(schema: JsonSchema, random: (() => number) | undefined, depth: number): number {
  // Deep in a recursive schema lists thin out and then end, so the value stays finite.
  const minimum = typeof schema.minItems === "number" ? schema.minItems : random === undefined ? 1 : depth > 2 ? 0 : 1;
  const maximum = typeof schema.maxItems === "number" ? schema.maxItems : depth > 6 ? minimum : minimum + (depth > 2 ? 2 : 7);
  if (random === undefined) return Math.min(Math.max(1, minimum), maximum);
  return minimum + Math.floor(random() * (Math.max(minimum, maximum) - minimum + 1));
}

/**
 * A bound at the edge of the safe integers is no bound: zod's `z.int()` writes them into every integer
 * schema, and a quantity drawn up to 9e15 is 16 digits no real answer has.
 */
function realBound(value: unknown, offset: number): number | undefined {
  return typeof value === "number" && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value + offset : undefined;
}

function number(schema: JsonSchema, integer: boolean, random: (() => number) | undefined): number {
  const low = realBound(schema.minimum, 0) ?? realBound(schema.exclusiveMinimum, 1);
  const high = realBound(schema.maximum, 0) ?? realBound(schema.exclusiveMaximum, -1);
  if (random === undefined) return low === undefined ? 1 : Math.max(1, low);
  const from = low ?? (high === undefined ? 1 : Math.min(1, high));
  const to = high ?? from + (integer ? 99 : 499);
  const drawn = from + random() * Math.max(0, to - from);
  return integer ? Math.min(to, Math.max(from, Math.round(drawn))) : Math.round(drawn * 100) / 100;
}

function resolveReference(root: JsonSchema, reference: string): JsonSchema | undefined {
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(reference);
  if (match === null) return reference === "#" ? root : undefined;
  const table = root[match[1] as string] as Record<string, JsonSchema> | undefined;
  return table?.[match[2] as string];
}

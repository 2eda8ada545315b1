import { bpeCounter } from "../tokens/bpe-counter.ts";
import { isObjectSchema, type JsonSchema } from "./json-schema.ts";
import { writeKeyValueLines } from "./key-value-lines.ts";
import { encodePositional, resolve } from "./positional-codec.ts";
import type { OutputMode } from "./protocol.ts";
import { unionBranches } from "./union-tags.ts";

/** What the cost model assumes about answers it has not seen. */
export interface AnswerSizeOptions {
  /** Items in a list without minItems/maxItems; default 3 (a real extraction answer, not the one-item minimum). */
  itemsPerList?: number;
}

/** Typical values of string formats: their length is what costs tokens. */
const FORMAT_EXAMPLES: Record<string, string> = {
  email: "maria.chen@example.com",
  date: "2026-03-14",
  "date-time": "2026-03-14T09:26:53Z",
  time: "09:26:53",
  uri: "https://shop.example.net/orders/482913",
  url: "https://shop.example.net/orders/482913",
  uuid: "3f2b8c1e-9d4a-4e7b-a1c6-5e8f0d2b7a94",
  hostname: "mail.example.org",
  ipv4: "192.168.14.201",
};

/**
 * A representative answer for a schema: lists of their expected length (minItems..maxItems, else
 * `itemsPerList`), a two-word text for a plain string, a typical value for a string format, the longest enum
 * member, a four-digit number, the first branch of a union, one level into a recursion. Deterministic, so a
 * schema always gets the same estimate.
 *
 * @example
 * representativeAnswer({ type: "array", items: { type: "string", format: "email" } }) // three emails
 */
export function representativeAnswer(root: JsonSchema, options: AnswerSizeOptions = {}): unknown {
  const perList = options.itemsPerList ?? 3;
  const build = (schema: JsonSchema, depth: number): unknown => {
    const resolved = resolve(root, schema);
    if (depth > 8) return null;
    if (resolved.const !== undefined) return resolved.const;
    if (resolved.enum !== undefined) return [...resolved.enum].sort((left, right) => String(right).length - String(left).length)[0] ?? null;
    if ((resolved.anyOf ?? resolved.oneOf) !== undefined) {
      const branch = unionBranches(resolved).find((candidate) => candidate.type !== "null");
      return branch === undefined ? null : build(branch, depth + 1);
    }
    const type = Array.isArray(resolved.type) ? resolved.type.find((entry) => entry !== "null") : resolved.type;
    if (isObjectSchema(resolved)) return Object.fromEntries(Object.entries(resolved.properties).map(([key, child]) => [key, build(child, depth + 1)]));
    if (resolved.items !== undefined || type === "array") {
      // Deeper lists (a recursion's children) are shorter: the estimate must stay finite and plausible.
      const wanted = depth > 2 ? 1 : perList;
      const low = typeof resolved.minItems === "number" ? resolved.minItems : 0;
      const high = typeof resolved.maxItems === "number" ? resolved.maxItems : Math.max(low, wanted);
      const count = Math.min(high, Math.max(low, wanted));
      return resolved.items === undefined ? [] : Array.from({ length: count }, () => build(resolved.items as JsonSchema, depth + 1));
    }
    if (type === "number") return 1234.5;
    if (type === "integer") return 1234;
    if (type === "boolean") return true;
    if (type === "string") return typeof resolved.format === "string" ? (FORMAT_EXAMPLES[resolved.format] ?? "example value") : "example value";
    return "example value";
  };
  return build(root, 0);
}

/**
 * The expected output tokens of an answer to the schema in each mode (o200k_base, counted offline): the
 * representative answer as JSON, as its positional encoding, and as `key: value` lines. Repeated keys are
 * what compressed saves, so it wins on lists of objects and loses nothing on a flat answer.
 *
 * @example
 * expectedAnswerTokens(toJsonSchema(invoiceSchema)).compressed // well under .emit for 20 line items
 */
export function expectedAnswerTokens(root: JsonSchema, options: AnswerSizeOptions = {}): Record<OutputMode, number> {
  const counter = bpeCounter("o200k_base");
  const value = representativeAnswer(root, options);
  const record = typeof value === "object" && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : undefined;
  return {
    emit: counter.count(JSON.stringify(value)),
    compressed: counter.count(JSON.stringify(encodePositional(root, value))),
    reconstruct: counter.count(record === undefined ? JSON.stringify(value) : writeKeyValueLines(record)),
  };
}

import { replyText } from "../tokens/content-text.ts";
import type { AIMessage } from "@langchain/core/messages";
import type { z } from "zod";
import { SwitchyardError } from "../errors.ts";
import { coerceToSchema, dropAbsentOptionals, type CoercionLog } from "./coerce.ts";
import { isObjectSchema, type JsonSchema } from "./json-schema.ts";
import { readKeyValueLines } from "./key-value-lines.ts";
import { parseLenientJson } from "./lenient-json.ts";
import { decodePositional } from "./positional-codec.ts";
import type { OutputMode } from "./protocol.ts";

/** Why an answer could not be turned into the object: nothing said, unreadable, undecodable, or schema-invalid. */
export type StructureFailure = "empty" | "parse" | "decode" | "schema";

/** The object built from a model's answer, or why it could not be built. `raw` is the text that was read. */
export type StructureResult =
  | { ok: true; value: unknown; repaired: boolean; raw: string }
  | { ok: false; failure: StructureFailure; message: string; issues?: string[]; raw: string };

/**
 * Builds the typed object from a model's answer as its mode dictates, and validates it with zod:
 * emit reads the forced tool call's arguments or the content JSON (prose and fences tolerated); compressed
 * decodes the positional array; reconstruct reads `key: value` lines (or JSON) and repairs types guided by
 * the schema. `repaired` says leniency or coercion was needed. `jsonSchema` is `toJsonSchema(schema)`.
 *
 * @example
 * const result = structureOutput(reply, "reconstruct", ticketExtractionSchema, toJsonSchema(ticketExtractionSchema));
 * if (result.ok) use(result.value); else console.warn(result.failure, result.message);
 */
export function structureOutput(message: AIMessage, mode: OutputMode, schema: z.ZodType, jsonSchema: JsonSchema): StructureResult {
  const toolCall = message.tool_calls?.[0];
  const text = messageText(message);
  if (mode === "emit" && toolCall !== undefined) return validate(schema, jsonSchema, toolCall.args, false, JSON.stringify(toolCall.args));
  const invalidArgs = message.invalid_tool_calls?.[0]?.args;
  const raw = text.trim() === "" && mode === "emit" && typeof invalidArgs === "string" ? invalidArgs : text;
  if (raw.trim() === "") return { ok: false, failure: "empty", message: "the model returned no text and no tool call", raw };
  switch (mode) {
    case "emit": {
      const parsed = strictScalar(raw, jsonSchema) ?? parseLenientJson(raw, isObjectSchema(jsonSchema) ? "object" : "any");
      if (parsed === undefined) return parseFailure(raw, "no JSON object found in the answer");
      return validate(schema, jsonSchema, parsed.value, parsed.repaired, raw);
    }
    case "compressed":
      return structureCompressed(raw, schema, jsonSchema);
    case "reconstruct":
      return structureReconstructed(raw, schema, jsonSchema);
  }
}

function structureCompressed(raw: string, schema: z.ZodType, jsonSchema: JsonSchema): StructureResult {
  const parsed = strictScalar(raw, jsonSchema) ?? parseLenientJson(raw, "any");
  if (parsed === undefined) return parseFailure(raw, "no JSON array found in the answer");
  if (!Array.isArray(parsed.value) && isObjectSchema(jsonSchema)) {
    // The model answered with keyed JSON instead of positions: usable, but not what was asked.
    return validate(schema, jsonSchema, parsed.value, true, raw);
  }
  let decoded: unknown;
  try {
    decoded = decodePositional(jsonSchema, parsed.value);
  } catch (error) {
    if (error instanceof SwitchyardError) return { ok: false, failure: "decode", message: error.message, raw };
    throw error;
  }
  return validate(schema, jsonSchema, decoded, parsed.repaired, raw);
}

function structureReconstructed(raw: string, schema: z.ZodType, jsonSchema: JsonSchema): StructureResult {
  const json = /^\s*(?:```\w*\s*)?\{/m.test(raw) ? parseLenientJson(raw, "object") : undefined;
  if (json !== undefined && hasSchemaKey(json.value, jsonSchema)) return validate(schema, jsonSchema, json.value, true, raw);
  if (raw.trim() === "{}") return validate(schema, jsonSchema, {}, false, raw);
  const lines = readKeyValueLines(raw, jsonSchema);
  if (lines.matched === 0) return parseFailure(raw, `no "key: value" line names a field of the schema (${Object.keys(jsonSchema.properties ?? {}).join(", ")})`);
  // zod first: coercing before it would bend valid values ("n/a" in a nullable string, "42" in string | number).
  return validate(schema, jsonSchema, lines.value, false, raw);
}

/** zod decides. A value that fails is coerced toward the schema once and tried again; that counts as repaired. */
function validate(schema: z.ZodType, jsonSchema: JsonSchema, value: unknown, repaired: boolean, raw: string, coerceFirst = false): StructureResult {
  const base = isRecord(value) && isObjectSchema(jsonSchema) ? dropAbsentOptionals(jsonSchema, value) : value;
  const log: CoercionLog = { changes: [] };
  const first = coerceFirst ? coerceToSchema(jsonSchema, base, log) : base;
  const direct = schema.safeParse(first);
  if (direct.success) return { ok: true, value: direct.data, repaired: repaired || log.changes.length > 0, raw };
  const coerced = coerceToSchema(jsonSchema, first, log);
  // Nested optional nulls are dropped without a log entry (a protocol convention, not a repair), so compare values.
  const retried = JSON.stringify(coerced) !== JSON.stringify(first) ? schema.safeParse(coerced) : direct;
  if (retried.success) return { ok: true, value: retried.data, repaired: repaired || log.changes.length > 0, raw };
  const issues = retried.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  return { ok: false, failure: "schema", message: `the answer does not match the schema: ${issues.slice(0, 5).join("; ")}`, issues, raw };
}

/** A whole answer that is one JSON scalar, for a schema whose root is not an object (the lenient reader looks for objects and arrays). */
function strictScalar(raw: string, jsonSchema: JsonSchema): { value: unknown; repaired: boolean } | undefined {
  if (isObjectSchema(jsonSchema)) return undefined;
  try {
    const value: unknown = JSON.parse(raw.trim());
    return typeof value === "object" && value !== null ? undefined : { value, repaired: false };
  } catch {
    return undefined;
  }
}

function parseFailure(raw: string, message: string): StructureResult {
  return { ok: false, failure: "parse", message, raw };
}

function hasSchemaKey(value: unknown, jsonSchema: JsonSchema): boolean {
  if (!isRecord(value)) return false;
  const keys = new Set(Object.keys(jsonSchema.properties ?? {}).map((key) => key.toLowerCase()));
  return Object.keys(value).some((key) => keys.has(key.toLowerCase()));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The text of a reply, whether its content is a string or a list of content blocks. */
export function messageText(message: AIMessage): string {
  return replyText(message.content);
}

import { isObjectSchema, nonNullBranches, type JsonSchema } from "./json-schema.ts";
import { COMPRESSED_MARKER, RECONSTRUCT_MARKER, renderSchemaBlock, type OutputMode } from "./protocol.ts";

/**
 * The instruction text for a mode. For compressed and reconstruct it ends with the protocol marker and the
 * schema block (what the emulators and {@link extractSchemaBlock} look for); for emit it is a short hint, since
 * the provider's native structured output carries the schema.
 *
 * @example
 * const system = modePrompt("compressed", toJsonSchema(ticketExtractionSchema));
 */
export function modePrompt(mode: OutputMode, jsonSchema: JsonSchema): string {
  switch (mode) {
    case "emit":
      return "Answer with a single JSON object that matches the requested schema. Output only the JSON, no prose, no code fences.";
    case "compressed":
      return [
        "Answer in the compact positional encoding described here, and nothing else.",
        "Encoding: write the answer as a JSON array. An object is written as the array of its field values in exactly the order listed below, without keys. A list is a JSON array whose items are encoded the same way. Text, numbers and booleans are written as JSON values. Write null for a missing or optional value; never leave a position out.",
        "Positions:",
        ...describePositions(jsonSchema, "", 0),
        `Example shape: ${skeleton(jsonSchema)}`,
        "Output only the JSON array on one line: no keys, no prose, no code fences.",
        "",
        COMPRESSED_MARKER,
        renderSchemaBlock(jsonSchema),
      ].join("\n");
    case "reconstruct":
      return [
        "Answer with one `key: value` line per field, in the order listed below, and nothing else.",
        "Write text and enum values plainly (no quotes), numbers as digits, and null when a field has no value. Write lists and nested objects as inline JSON on the same line.",
        "Fields:",
        ...describeFields(jsonSchema),
        "",
        RECONSTRUCT_MARKER,
        renderSchemaBlock(jsonSchema),
      ].join("\n");
  }
}

/**
 * The prompt for a cheap repair call: the broken answer, what was wrong with it, and the schema, asking for
 * corrected JSON only. The router decides whether the repair is worth a call.
 */
export function repairPrompt(raw: string, jsonSchema: JsonSchema, failureMessage: string, input?: string): string {
  return [
    "The answer below was meant to be a JSON object matching the schema, but it is not valid.",
    ...(input === undefined ? [] : ["Request:", input.length > 8000 ? `${input.slice(0, 8000)}…` : input]),
    `Problem: ${failureMessage}`,
    "Schema:",
    JSON.stringify(jsonSchema),
    "Answer:",
    raw.length > 4000 ? `${raw.slice(0, 4000)}…` : raw,
    "Reply with the corrected JSON object only: keep every value the answer got right, fix or fill in only what the problem names, no prose, no code fences.",
  ].join("\n");
}

function describeType(schema: JsonSchema): string {
  const branches = nonNullBranches(schema);
  const nullable = branches.length < (schema.anyOf ?? schema.oneOf ?? [schema]).length || (Array.isArray(schema.type) && schema.type.includes("null"));
  const branch = branches[0] ?? schema;
  let text: string;
  if (branch.enum !== undefined) text = `one of ${branch.enum.filter((value) => value !== null).map((value) => JSON.stringify(value)).join(" | ")}`;
  else if (isObjectSchema(branch)) text = "object";
  else if (branch.items !== undefined) text = "list";
  else text = (Array.isArray(branch.type) ? branch.type.filter((type) => type !== "null").join(" or ") : branch.type) ?? "value";
  const described = schema.description === undefined ? text : `${text} — ${schema.description}`;
  return nullable ? `${described} (or null)` : described;
}

function describePositions(schema: JsonSchema, indent: string, depth: number): string[] {
  const branch = nonNullBranches(schema)[0] ?? schema;
  if (!isObjectSchema(branch) || depth > 4) return [];
  const required = new Set(branch.required ?? []);
  return Object.entries(branch.properties).flatMap(([key, child], index) => {
    const childBranch = nonNullBranches(child)[0] ?? child;
    const optional = required.has(key) ? "" : " (optional: null when absent)";
    const line = `${indent}${index + 1}. ${key}: ${describeType(child)}${optional}`;
    if (isObjectSchema(childBranch)) return [line + ", written as an array of:", ...describePositions(childBranch, `${indent}   `, depth + 1)];
    const items = childBranch.items;
    if (items !== undefined && isObjectSchema(nonNullBranches(items)[0] ?? items)) {
      return [line + ", each item written as an array of:", ...describePositions(items, `${indent}   `, depth + 1)];
    }
    return [line];
  });
}

function describeFields(schema: JsonSchema): string[] {
  const branch = nonNullBranches(schema)[0] ?? schema;
  if (!isObjectSchema(branch)) return [];
  return Object.entries(branch.properties).map(([key, child]) => {
    const childBranch = nonNullBranches(child)[0] ?? child;
    const json = isObjectSchema(childBranch) || childBranch.items !== undefined ? ` (inline JSON, e.g. ${exampleJson(childBranch)})` : "";
    return `${key}: ${describeType(child)}${json}`;
  });
}

function skeleton(schema: JsonSchema): string {
  const branch = nonNullBranches(schema)[0] ?? schema;
  if (isObjectSchema(branch)) return `[${Object.entries(branch.properties).map(([key, child]) => placeholder(key, child)).join(", ")}]`;
  return placeholder("value", schema);
}

function placeholder(key: string, schema: JsonSchema): string {
  const branch = nonNullBranches(schema)[0] ?? schema;
  if (isObjectSchema(branch)) return skeleton(branch);
  if (branch.items !== undefined) return `[${placeholder(key, branch.items)}, …]`;
  const type = Array.isArray(branch.type) ? branch.type.find((entry) => entry !== "null") : branch.type;
  return type === "string" || branch.enum !== undefined ? `"<${key}>"` : `<${key}>`;
}

function exampleJson(schema: JsonSchema): string {
  if (isObjectSchema(schema)) return `{${Object.keys(schema.properties).map((key) => `"${key}": …`).join(", ")}}`;
  const items = schema.items === undefined ? undefined : (nonNullBranches(schema.items)[0] ?? schema.items);
  if (items !== undefined && isObjectSchema(items)) return `[${exampleJson(items)}]`;
  return "[…]";
}

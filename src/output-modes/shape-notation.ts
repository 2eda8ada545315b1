import { isObjectSchema, type JsonSchema } from "./json-schema.ts";
import { arrayShaped, isTaggedUnion, unionBranches } from "./union-tags.ts";

/**
 * A compact, line-based type notation for the compressed and reconstruct prompts. It replaces the JSON
 * Schema those prompts used to carry twice (once described, once as JSON): one line per top-level field,
 * nested objects inline as `[key: type, …]`, lists as `[type, ...]`, enums as `"a"|"b"`, `key?:` for an
 * optional field, `string(email)` for a format, `type Name = …` for a recursive definition, `#n [...]` for
 * the n-th tagged branch of a union. A model reads it as text; {@link parseShapeNotation} reads it back.
 *
 * @example
 * shapeLines(toJsonSchema(z.object({ tags: z.array(z.string()), note: z.string().optional() })))
 * // ["tags: [string, ...]", "note?: string"]
 */
export function shapeLines(root: JsonSchema, options: { descriptions?: boolean } = {}): string[] {
  const names = definitionNames(root);
  const render = (schema: JsonSchema): string => renderType(schema, names);
  const lines: string[] = [];
  for (const [reference, name] of names) {
    const target = reference === "#" ? root : resolveDefinition(root, reference);
    if (target !== undefined) lines.push(`type ${name} = ${render(stripDefinitions(target))}`);
  }
  const body = stripDefinitions(root);
  const empty = isObjectSchema(body) && Object.keys(body.properties).length === 0;
  if (names.has("#") || !isObjectSchema(body) || empty || body.anyOf !== undefined || body.oneOf !== undefined) {
    lines.push(`=> ${names.get("#") ?? render(body)}`);
    return lines;
  }
  const required = new Set(body.required ?? []);
  for (const [key, child] of Object.entries(body.properties)) {
    const description = options.descriptions !== false && typeof child.description === "string" ? ` # ${child.description.replace(/\s+/g, " ")}` : "";
    lines.push(`${renderKey(key)}${required.has(key) ? "" : "?"}: ${render(child)}${description}`);
  }
  return lines;
}

/** True when the notation of this schema uses `#n [...]` tags (the prompt then explains them). */
export function usesTags(root: JsonSchema): boolean {
  let found = false;
  const visit = (schema: JsonSchema): void => {
    if (found) return;
    if (isTaggedUnion(schema)) found = true;
    for (const child of [...Object.values(schema.properties ?? {}), ...(schema.anyOf ?? schema.oneOf ?? []), ...Object.values(schema.$defs ?? {})]) visit(child);
    if (schema.items !== undefined) visit(schema.items);
    if (typeof schema.additionalProperties === "object") visit(schema.additionalProperties);
  };
  visit(root);
  return found;
}

function renderType(schema: JsonSchema, names: ReadonlyMap<string, string>): string {
  if (schema.$ref !== undefined) return names.get(schema.$ref) ?? "any";
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum !== undefined) return schema.enum.map((member) => JSON.stringify(member)).join("|");
  if ((schema.anyOf ?? schema.oneOf) !== undefined) {
    const union = unionBranches(schema);
    const tagged = isTaggedUnion(schema);
    let tag = 0;
    return union
      .map((branch) => {
        const text = renderType(branch, names);
        if (!tagged || !arrayShaped(branch)) return text;
        tag += 1;
        return `#${tag} ${text}`;
      })
      .join("|");
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  const nullable = schema.nullable === true || types.includes("null");
  const concrete = types.filter((type) => type !== "null");
  if (nullable && concrete.length === 0 && schema.properties === undefined && schema.items === undefined) return "null";
  const base = concrete.length > 1 ? concrete.map((type) => renderType({ ...schema, type, nullable: false }, names)).join("|") : renderSingle(schema, concrete[0], names);
  return nullable && base !== "null" ? `${base}|null` : base;
}

function renderSingle(schema: JsonSchema, type: string | undefined, names: ReadonlyMap<string, string>): string {
  if (isObjectSchema(schema) || type === "object") {
    if (schema.properties === undefined) {
      const values = typeof schema.additionalProperties === "object" ? renderType(schema.additionalProperties, names) : "any";
      return `{string: ${values}}`;
    }
    const required = new Set(schema.required ?? []);
    return `[${Object.entries(schema.properties).map(([key, child]) => `${renderKey(key)}${required.has(key) ? "" : "?"}: ${renderType(child, names)}`).join(", ")}]`;
  }
  if (schema.items !== undefined || type === "array") return `[${schema.items === undefined ? "any" : renderType(schema.items, names)}, ...]`;
  if (type === "string") return typeof schema.format === "string" ? `string(${schema.format})` : "string";
  if (type === "number" || type === "integer" || type === "boolean" || type === "null") return type;
  return "any";
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function renderKey(key: string): string {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

function stripDefinitions(schema: JsonSchema): JsonSchema {
  const { $defs: _defs, definitions: _definitions, $schema: _dialect, ...rest } = schema;
  return rest;
}

/** `#` and each `#/$defs/X` the schema refers to, with the type name the notation gives it. */
function definitionNames(root: JsonSchema): Map<string, string> {
  const references = new Set<string>();
  const visit = (schema: unknown): void => {
    if (typeof schema !== "object" || schema === null) return;
    if (Array.isArray(schema)) return schema.forEach(visit);
    for (const [keyword, value] of Object.entries(schema)) {
      if (keyword === "$ref" && typeof value === "string") references.add(value);
      else visit(value);
    }
  };
  visit(root);
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const reference of [...references].sort()) {
    const raw = reference === "#" ? "Root" : (reference.split("/").at(-1) ?? "T");
    let name = raw.replace(/[^\w$]/g, "_").replace(/^(\d)/, "_$1") || "T";
    while (taken.has(name) || ["string", "number", "integer", "boolean", "null", "any", "type"].includes(name)) name = `${name}_`;
    taken.add(name);
    names.set(reference, name);
  }
  return names;
}

function resolveDefinition(root: JsonSchema, reference: string): JsonSchema | undefined {
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(reference);
  if (match === null) return undefined;
  const table = root[match[1] as string];
  return typeof table === "object" && table !== null ? (table as Record<string, JsonSchema>)[decodeURIComponent(match[2] as string)] : undefined;
}

export { parseShapeNotation } from "./shape-notation-parse.ts";

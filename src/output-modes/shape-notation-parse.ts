import type { JsonSchema } from "./json-schema.ts";

const TOKEN = /\s*(?:("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(\.\.\.|…)|(#\d+)|([A-Za-z_$][\w$-]*)|([[\]{}(),:|?=]))/y;

type Token = { kind: "string" | "number" | "ellipsis" | "tag" | "word" | "punct"; text: string };

/**
 * Reads the notation {@link shapeLines} writes back into a JSON Schema: the lines after a prompt's protocol
 * marker, up to a blank line. Lines it cannot read are skipped (a model's prompt may carry other text), so
 * the result holds only what the notation states. Undefined when no line is notation.
 *
 * @example
 * parseShapeNotation("[switchyard:compressed] ...\nn: integer\nnote?: string")
 * // { type: "object", properties: { n: { type: "integer" }, note: { type: "string" } }, required: ["n"] }
 */
export function parseShapeNotation(text: string, marker?: string): JsonSchema | undefined {
  const start = marker === undefined ? 0 : text.indexOf(marker);
  if (start < 0) return undefined;
  const lines = text.slice(start + (marker?.length ?? 0)).split(/\r?\n/);
  const definitions: Record<string, JsonSchema> = {};
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  let root: JsonSchema | undefined;
  let seen = false;
  for (const line of lines) {
    if (line.trim() === "") {
      if (seen) break;
      continue;
    }
    const definition = /^type ([A-Za-z_$][\w$]*) = (.*)$/.exec(line);
    const parsed = definition !== null ? readType(definition[2] as string) : line.startsWith("=> ") ? readType(line.slice(3)) : readField(line);
    if (parsed === undefined) continue;
    seen = true;
    if (definition !== null) definitions[definition[1] as string] = parsed.schema;
    else if (line.startsWith("=> ")) root = parsed.schema;
    else if (parsed.key !== undefined) {
      properties[parsed.key] = parsed.description === undefined ? parsed.schema : { ...parsed.schema, description: parsed.description };
      if (!parsed.optional) required.push(parsed.key);
    }
  }
  if (!seen) return undefined;
  const body: JsonSchema = root ?? { type: "object", properties, required };
  return Object.keys(definitions).length === 0 ? body : { ...body, $defs: definitions };
}

interface Parsed {
  schema: JsonSchema;
  key?: string;
  optional?: boolean;
  description?: string;
}

function readField(line: string): Parsed | undefined {
  const tokens = tokenize(line);
  if (tokens === undefined) return undefined;
  const parser = new Parser(tokens.tokens);
  const field = parser.field();
  if (field === undefined || !parser.done()) return undefined;
  const description = tokens.rest.startsWith("#") ? tokens.rest.slice(1).trim() : undefined;
  return { schema: field.schema, key: field.key, optional: field.optional, ...(description === undefined ? {} : { description }) };
}

function readType(text: string): Parsed | undefined {
  const tokens = tokenize(text);
  if (tokens === undefined) return undefined;
  const parser = new Parser(tokens.tokens);
  const schema = parser.type();
  return schema === undefined || !parser.done() ? undefined : { schema };
}

/** Tokens up to the first ` # ` (a description) or the end; undefined when something else is in the way. */
function tokenize(text: string): { tokens: Token[]; rest: string } | undefined {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let position = 0;
  while (position < text.length) {
    if (/^\s*(?:#\s|#$)/.test(text.slice(position))) return { tokens, rest: text.slice(position).trim() };
    if (/^\s*$/.test(text.slice(position))) break;
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(text);
    if (match === null) return undefined;
    position = TOKEN.lastIndex;
    const kind: Token["kind"] = match[1] ? "string" : match[2] ? "number" : match[3] ? "ellipsis" : match[4] ? "tag" : match[5] ? "word" : "punct";
    tokens.push({ kind, text: match[1] ?? match[2] ?? match[3] ?? match[4] ?? match[5] ?? match[6] ?? "" });
  }
  return { tokens, rest: "" };
}

const SCALARS = new Set(["string", "number", "integer", "boolean", "null"]);

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  done(): boolean {
    return this.index === this.tokens.length;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  private take(text?: string): Token | undefined {
    const token = this.peek();
    if (token === undefined || (text !== undefined && token.text !== text)) return undefined;
    this.index += 1;
    return token;
  }

  field(): { key: string; optional: boolean; schema: JsonSchema } | undefined {
    const name = this.take();
    if (name === undefined || (name.kind !== "word" && name.kind !== "string")) return undefined;
    const key = name.kind === "string" ? (JSON.parse(name.text) as string) : name.text;
    const optional = this.take("?") !== undefined;
    if (this.take(":") === undefined) return undefined;
    const schema = this.type();
    return schema === undefined ? undefined : { key, optional, schema };
  }

  type(): JsonSchema | undefined {
    const branches: JsonSchema[] = [];
    do {
      if (this.peek()?.kind === "tag") this.index += 1;
      const atom = this.atom();
      if (atom === undefined) return undefined;
      branches.push(atom);
    } while (this.take("|") !== undefined);
    return combine(branches);
  }

  private atom(): JsonSchema | undefined {
    const token = this.take();
    if (token === undefined) return undefined;
    if (token.kind === "string" || token.kind === "number") return { const: JSON.parse(token.text) as unknown };
    if (token.kind === "word") {
      if (token.text === "true" || token.text === "false") return { const: token.text === "true" };
      if (token.text === "any") return {};
      if (token.text === "string" && this.take("(") !== undefined) {
        const format = this.take();
        if (format === undefined || this.take(")") === undefined) return undefined;
        return { type: "string", format: format.text };
      }
      if (SCALARS.has(token.text)) return { type: token.text };
      return { $ref: `#/$defs/${token.text}` };
    }
    if (token.text === "{") {
      if (this.take("string") === undefined || this.take(":") === undefined) return undefined;
      const values = this.type();
      return values === undefined || this.take("}") === undefined ? undefined : { type: "object", additionalProperties: values };
    }
    if (token.text !== "[") return undefined;
    if (this.take("]") !== undefined) return { type: "object", properties: {}, required: [] };
    const next = this.peek(1)?.text;
    if ((this.peek()?.kind === "word" || this.peek()?.kind === "string") && (next === ":" || next === "?")) return this.object();
    const items = this.type();
    if (items === undefined || this.take(",") === undefined || this.peek()?.kind !== "ellipsis") return undefined;
    this.index += 1;
    return this.take("]") === undefined ? undefined : { type: "array", items };
  }

  private object(): JsonSchema | undefined {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    do {
      const field = this.field();
      if (field === undefined) return undefined;
      properties[field.key] = field.schema;
      if (!field.optional) required.push(field.key);
    } while (this.take(",") !== undefined);
    return this.take("]") === undefined ? undefined : { type: "object", properties, required };
  }
}

/** One schema from `a|b|…`: literals become an enum, `x|null` a nullable type, else anyOf. */
function combine(branches: JsonSchema[]): JsonSchema {
  if (branches.length === 1) return branches[0] as JsonSchema;
  const literals = branches.every((branch) => "const" in branch || branch.type === "null");
  if (literals) return { enum: branches.map((branch) => ("const" in branch ? branch.const : null)) };
  return { anyOf: branches };
}

import type { JsonSchema } from "./json-schema.ts";
import { parseLenientJson } from "./lenient-json.ts";
import { resolve } from "./positional-codec.ts";

/** A bullet or number, then what may be a key (up to the first `:` or `=`), then the value. */
// The value is [^]* rather than .*: text may hold U+2028/U+2029, which `.` does not match.
const LINE = /^\s*(?:[-*•]\s+|\d+[.)]\s+)?([^:=\n]{1,70}?)\s*[:=]\s*([^]*)$/;
const LIST_ITEM = /^\s*(?:[-*•]|\d+[.)])\s+([^]*)$/;

/** The fields read from `key: value` lines, keyed by the schema's own property names. */
export interface KeyValueRead {
  value: Record<string, unknown>;
  matched: number;
}

/**
 * Reads the reconstruct mode's loose answer: one `key: value` line per top-level property, in any order,
 * with prose, bullets or bold around it. Keys are matched to the schema case- and separator-insensitively
 * and unknown keys are ignored (prose like "Note: ..." is not a field). A value may be inline JSON spread
 * over several lines, or an empty value followed by `- item` lines.
 *
 * @example
 * readKeyValueLines("Category: Billing\namount: 12.5", schema).value // { category: "Billing", amount: 12.5 }
 */
export function readKeyValueLines(text: string, schema: JsonSchema): KeyValueRead {
  const properties = Object.keys(schema.properties ?? {});
  const byCanonical = new Map(properties.map((key) => [canonicalKey(key), key]));
  const lines = text.split(/\r?\n/).filter((line) => !/^\s*```/.test(line));
  const value: Record<string, unknown> = {};
  let matched = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const match = LINE.exec(lines[index] as string);
    const key = match?.[1] === undefined ? undefined : schemaKey(match[1], byCanonical);
    if (key === undefined || key in value) continue;
    let raw = (match?.[2] ?? "").trim();
    if (raw === "") {
      const items: unknown[] = [];
      while (index + 1 < lines.length && LIST_ITEM.test(lines[index + 1] as string) && !isKeyLine(lines[index + 1] as string, byCanonical)) {
        index += 1;
        items.push(readScalar(LIST_ITEM.exec(lines[index] as string)?.[1] ?? "", undefined));
      }
      value[key] = items.length > 0 ? items : "";
      matched += 1;
      continue;
    }
    if (/^[[{]/.test(raw)) {
      // Inline JSON may be pretty-printed over several lines; take lines until its brackets balance.
      while (!balanced(raw) && index + 1 < lines.length && !isKeyLine(lines[index + 1] as string, byCanonical)) {
        index += 1;
        raw += `\n${lines[index] as string}`;
      }
    }
    value[key] = readScalar(raw, fieldTypes(schema, schema.properties?.[key]));
    matched += 1;
  }
  return { value, matched };
}

function isKeyLine(line: string, byCanonical: Map<string, string>): boolean {
  const match = LINE.exec(line);
  return match?.[1] !== undefined && schemaKey(match[1], byCanonical) !== undefined && !/^\s*[[{]/.test(line);
}

/**
 * The schema key a line names: the text before the colon as it stands (so `total__` is `total__`), else
 * with markdown bold and quotes around it taken off (`**Total**`, `"total"`).
 */
function schemaKey(written: string, byCanonical: Map<string, string>): string | undefined {
  const exact = byCanonical.get(canonicalKey(written));
  if (exact !== undefined) return exact;
  const unwrapped = /^(\*\*|__)?["'`]?(.*?)["'`]?\1$/.exec(written.trim())?.[2];
  return unwrapped === undefined ? undefined : byCanonical.get(canonicalKey(unwrapped));
}

/**
 * A value as written: a JSON string, inline JSON, or bare text read by what the field admits. Bare `42` is a
 * number only where the field takes numbers (a `string` field keeps "42", and "007" stays "007"); `true`,
 * `false` and `null` likewise. Without a schema (list items) the old guess stands.
 */
function readScalar(raw: string, types: ReadonlySet<string> | undefined): unknown {
  const trimmed = raw.trim();
  if (trimmed.startsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (typeof parsed === "string") return parsed;
    } catch {
      // Not one JSON string: read leniently below.
    }
  }
  const text = trimmed.replace(/,$/, "").trim();
  if (/^[[{"']/.test(text)) {
    const parsed = parseLenientJson(text);
    if (parsed !== undefined) return parsed.value;
    if (/^(["'`]).*\1$/.test(text)) return text.slice(1, -1);
  }
  const admits = (type: string) => types === undefined || types.has(type) || types.has("any");
  if (/^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(text) && (admits("number") || admits("integer"))) return Number(text);
  if ((text === "true" || text === "false") && admits("boolean")) return text === "true";
  if (text === "null" && admits("null")) return null;
  return text.replace(/^`(.*)`$/, "$1");
}

/** The JSON types a field admits (after refs and unions), or undefined when it does not say. */
function fieldTypes(root: JsonSchema, field: JsonSchema | undefined): ReadonlySet<string> | undefined {
  if (field === undefined) return undefined;
  const types = new Set<string>();
  const visit = (schema: JsonSchema, depth: number): void => {
    const resolved = resolve(root, schema);
    if (depth > 16) return void types.add("any");
    if (resolved.nullable === true) types.add("null");
    if (resolved.const !== undefined || resolved.enum !== undefined) {
      for (const member of resolved.enum ?? [resolved.const]) types.add(member === null ? "null" : typeof member);
      return;
    }
    const union = resolved.anyOf ?? resolved.oneOf;
    if (union !== undefined) return union.forEach((branch) => visit(branch, depth + 1));
    const listed = Array.isArray(resolved.type) ? resolved.type : resolved.type === undefined ? [] : [resolved.type];
    if (listed.length === 0 && resolved.properties === undefined && resolved.items === undefined) types.add("any");
    for (const type of listed) types.add(type);
  };
  visit(field, 0);
  return types;
}

/**
 * Writes a value as the reconstruct mode's `key: value` lines, the way its prompt asks a model to: text
 * plainly unless plain text would read back as something else (a number, a line break, a quote, spaces at
 * an end, a trailing comma), then as a JSON string; everything else as one-line JSON. Absent keys are left out.
 *
 * @example
 * writeKeyValueLines({ code: "42", n: 42 }) // 'code: "42"\nn: 42'
 */
export function writeKeyValueLines(value: Record<string, unknown>): string {
  // Every field absent: "{}" says so (an empty reply would read as no answer at all).
  if (Object.values(value).every((field) => field === undefined)) return "{}";
  return Object.entries(value)
    .filter(([, field]) => field !== undefined)
    .map(([key, field]) => `${key}: ${typeof field === "string" && plainSafe(field) ? field : JSON.stringify(field)}`)
    .join("\n");
}

function plainSafe(text: string): boolean {
  if (text === "" || text !== text.trim() || /[\n\r\u2028\u2029]/.test(text)) return false;
  if (/^[[{"'`*_#>|-]|[,`'"]$/.test(text) || /^\d+[.)]\s/.test(text)) return false;
  if (/^(?:true|false|null)$/.test(text) || /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(text)) return false;
  return true;
}

function balanced(text: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quote !== undefined) {
      if (char === "\\") index += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '"') quote = char;
    else if (char === "{" || char === "[") depth += 1;
    else if (char === "}" || char === "]") depth -= 1;
  }
  return depth <= 0;
}

function canonicalKey(key: string): string {
  return key.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

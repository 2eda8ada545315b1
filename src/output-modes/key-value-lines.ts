import type { JsonSchema } from "./json-schema.ts";
import { parseLenientJson } from "./lenient-json.ts";

const LINE = /^\s*(?:[-*•]\s+|\d+[.)]\s+)?(?:\*\*|__)?["'`]?([A-Za-z_][\w .-]{0,60}?)["'`]?(?:\*\*|__)?\s*[:=]\s*(.*)$/;
const LIST_ITEM = /^\s*(?:[-*•]|\d+[.)])\s+(.*)$/;

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
    const key = match?.[1] === undefined ? undefined : byCanonical.get(canonicalKey(match[1]));
    if (key === undefined || key in value) continue;
    let raw = (match?.[2] ?? "").trim();
    if (raw === "") {
      const items: unknown[] = [];
      while (index + 1 < lines.length && LIST_ITEM.test(lines[index + 1] as string) && !isKeyLine(lines[index + 1] as string, byCanonical)) {
        index += 1;
        items.push(readScalar(LIST_ITEM.exec(lines[index] as string)?.[1] ?? ""));
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
    value[key] = readScalar(raw);
    matched += 1;
  }
  return { value, matched };
}

function isKeyLine(line: string, byCanonical: Map<string, string>): boolean {
  const match = LINE.exec(line);
  return match?.[1] !== undefined && byCanonical.has(canonicalKey(match[1])) && !/^\s*[[{]/.test(line);
}

/** A value as written: JSON when it looks like JSON, a number/boolean/null literal, else the text itself. */
function readScalar(raw: string): unknown {
  const text = raw.trim().replace(/,$/, "").trim();
  if (/^[[{"']/.test(text)) {
    const parsed = parseLenientJson(text);
    if (parsed !== undefined) return parsed.value;
    if (/^(["'`]).*\1$/.test(text)) return text.slice(1, -1);
  }
  if (/^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(text)) return Number(text);
  if (text === "true" || text === "false") return text === "true";
  if (text === "null") return null;
  return text.replace(/^`(.*)`$/, "$1");
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

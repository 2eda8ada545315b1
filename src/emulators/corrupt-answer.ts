import { nonNullBranches, type JsonSchema } from "../output-modes/json-schema.ts";

/** The structural faults a profile's `fidelity` injects. */
export type FidelityFault = "wrongValue" | "missingField" | "extraProse" | "brokenJson";

interface EnumSite {
  options: unknown[];
  current: unknown;
  replace: (value: unknown) => void;
}

/**
 * Changes one enum value to another valid one (schema-valid, but wrong); `draw` in [0, 1) picks which.
 * Returns the value unchanged when the schema has no enum with a second option.
 */
export function changeEnumValue(schema: JsonSchema, value: unknown, draw: number): unknown {
  const copy = structuredClone(value);
  const holder = { root: copy };
  const sites: EnumSite[] = [];
  collectEnumSites(schema, holder.root, (next) => (holder.root = next), sites);
  const usable = sites.filter((site) => site.options.length > 1);
  const site = usable[Math.floor(draw * usable.length)];
  if (site === undefined) return copy;
  const index = site.options.indexOf(site.current);
  site.replace(site.options[(index + 1) % site.options.length]);
  return holder.root;
}

function collectEnumSites(schema: JsonSchema, value: unknown, replace: (value: unknown) => void, sites: EnumSite[]): void {
  const branch = nonNullBranches(schema)[0] ?? schema;
  if (branch.enum !== undefined && value !== null) {
    sites.push({ options: branch.enum, current: value, replace });
    return;
  }
  if (branch.properties !== undefined && isRecord(value)) {
    for (const [key, child] of Object.entries(branch.properties)) {
      if (key in value) collectEnumSites(child, value[key], (next) => (value[key] = next), sites);
    }
    return;
  }
  if (branch.items !== undefined && Array.isArray(value)) {
    const items = branch.items;
    value.forEach((item, index) => collectEnumSites(items, item, (next) => (value[index] = next), sites));
  }
}

/**
 * Drops one required top-level key; `draw` picks which. Returns the key dropped, if any, so the
 * positional rendering can drop that position too.
 */
export function dropRequiredField(schema: JsonSchema, value: unknown, draw: number): { value: unknown; droppedKey?: string } {
  if (!isRecord(value)) return { value };
  const branch = nonNullBranches(schema)[0] ?? schema;
  const present = Object.keys(value);
  const required = (branch.required ?? present).filter((key) => present.includes(key));
  const key = required[Math.floor(draw * required.length)];
  if (key === undefined) return { value };
  const copy = { ...value };
  delete copy[key];
  return { value: copy, droppedKey: key };
}

/** Truncates the text somewhere between half and nine tenths of its length, leaving it unbalanced. */
export function breakJson(text: string, draw: number): string {
  const cut = Math.max(1, Math.floor(text.length * (0.5 + 0.4 * draw)));
  return text.slice(0, Math.min(cut, text.length - 1));
}

/** Wraps an answer in the chatter a model adds when it does not follow "JSON only". */
export function wrapInProse(text: string, fenced: boolean): string {
  return fenced
    ? `Sure! Here is the extracted data:\n\`\`\`json\n${text}\n\`\`\`\nLet me know if you need anything else.`
    : `Sure, here are the fields you asked for.\n${text}\nHope this helps!`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

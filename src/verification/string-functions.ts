import type { PolicyPattern } from "./policy-pattern.ts";
import type { StringFunction } from "./property-ast.ts";

/** Case-insensitive form: NFKC, zero-width characters removed, trimmed, lower case. */
export function foldCase(text: string): string {
  return visibleForm(text).trim().toLowerCase();
}

/**
 * NFKC with zero-width characters removed: what a reader sees. `matches()` reads this form, so a zero-width joiner
 * or full-width letters cannot split a phrase a rule looks for, and the automaton's ASCII `\s` meets the Unicode
 * spaces NFKC folds to a space (no-break, em, ideographic).
 */
export function visibleForm(text: string): string {
  return text.normalize("NFKC").replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "");
}

/**
 * A list argument's items. A string counts as a list split at commas, semicolons and spaces, so a second
 * address smuggled into a one-recipient string ("a@x.com, b@y.com") is one more item for `all ... in`.
 */
export function listItems(raw: unknown): string[] | undefined {
  const split = (text: string) => text.split(/[,;\s]+/).filter((item) => item !== "");
  if (typeof raw === "string") return split(raw);
  if (Array.isArray(raw) && raw.every((item): item is string => typeof item === "string")) return raw.flatMap(split);
  return undefined;
}

/** Applies a string function to evaluated operands (`pattern` is the vetted, compiled regex of `matches`). */
export function applyStringFunction(name: StringFunction, left: string, right: string, pattern?: PolicyPattern): boolean {
  switch (name) {
    case "iequals":
      return foldCase(left) === foldCase(right);
    case "starts_with":
      return left.startsWith(right);
    case "ends_with":
      return left.endsWith(right);
    case "contains":
      return left.includes(right);
    case "matches":
      // The whole argument: the automaton is linear, and a prefix would let padding hide what follows it.
      return pattern?.test(visibleForm(left)) ?? false;
  }
}

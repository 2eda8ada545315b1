import type { z } from "zod";
import type { ConfigProblem } from "./config-error.ts";
import { didYouMean } from "./did-you-mean.ts";
import { keysAt } from "./zod-walk.ts";

/** `["model_groups", 1, "deployments", 0]` -> `model_groups[1].deployments[0]` */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** Turns zod issues into problems a person can act on: path, value, and a concrete fix. */
export function problemsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  schema: z.ZodType,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      const allowed = keysAt(schema, issue.path);
      for (const key of issue.keys) {
        const suggestion = didYouMean(key, allowed);
        problems.push({
          path: formatPath([...issue.path, key]),
          message: `unknown key "${key}"`,
          fix: suggestion
            ? `did you mean "${suggestion}"?`
            : `remove it; valid keys here: ${allowed.join(", ") || "(none)"}`,
        });
      }
      continue;
    }
    const value = valueAt(input, issue.path);
    problems.push({ path: formatPath(issue.path), value, message: describe(issue, value), fix: fixFor(issue, value) });
  }
  return problems;
}

function describe(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === "invalid_type" && value === undefined) return `required ${issue.expected} is missing`;
  return issue.message;
}

/** Number bounds say exactly what passes: `> 0` for positive(), `>= 0` for nonnegative(). */
function bound(relation: ">" | "<", limit: unknown, inclusive: boolean | undefined): string {
  return `${relation}${inclusive === false ? "" : "="} ${String(limit)}`;
}

function plural(count: unknown, noun: string): string {
  return `${String(count)} ${noun}${count === 1 ? "" : "s"}`;
}

function formOf(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_value") return issue.values.map((choice) => JSON.stringify(choice)).join(", ");
  if (issue.code === "invalid_type") return `a ${issue.expected === "int" ? "whole number" : issue.expected}`;
  return "";
}

function fixFor(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case "invalid_value": {
      const choices = issue.values.map(String);
      const suggestion = typeof value === "string" ? didYouMean(value, choices) : undefined;
      return `${suggestion ? `did you mean "${suggestion}"? ` : ""}use one of: ${choices.join(", ")}`;
    }
    case "invalid_type": {
      const expected = issue.expected === "int" ? "whole number" : issue.expected;
      if (value === undefined) return `add this ${expected}`;
      if (typeof value === "string" && (issue.expected === "number" || issue.expected === "int") && value.trim() !== "" && Number.isFinite(Number(value))) {
        return `write the ${expected} without quotes: ${value.trim()}`;
      }
      return `write a ${expected} here`;
    }
    case "too_small":
      if (issue.origin === "array" || issue.origin === "set") return `list at least ${plural(issue.minimum, "item")}`;
      if (issue.origin === "string") return issue.minimum === 1 ? "write a non-empty string" : `write at least ${plural(issue.minimum, "character")}`;
      return `use a value ${bound(">", issue.minimum, issue.inclusive)}`;
    case "too_big":
      if (issue.origin === "array" || issue.origin === "set") return `list at most ${plural(issue.maximum, "item")}`;
      if (issue.origin === "string") return `write at most ${plural(issue.maximum, "character")}`;
      return `use a value ${bound("<", issue.maximum, issue.inclusive)}`;
    case "not_multiple_of":
      return `use a multiple of ${String(issue.divisor)}`;
    case "invalid_format":
      return issue.format === "url" ? "write a full URL such as http://127.0.0.1:11434, or the word emulator" : issue.message;
    case "invalid_union": {
      // Name the accepted forms when the branches say them at this spot (e.g. "stderr", "none" or a string).
      const forms = [...new Set(issue.errors.flatMap((branch) => branch.filter((inner) => inner.path.length === 0).map(formOf)))].filter(Boolean);
      return forms.length > 0 ? `write ${forms.join(" or ")}` : "see switchyard.example.yaml for the accepted forms";
    }
    case "custom":
      return typeof issue.params?.fix === "string" ? issue.params.fix : issue.message;
    default:
      return issue.message;
  }
}

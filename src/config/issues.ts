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

function fixFor(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case "invalid_value": {
      const choices = issue.values.map(String);
      const suggestion = typeof value === "string" ? didYouMean(value, choices) : undefined;
      return `${suggestion ? `did you mean "${suggestion}"? ` : ""}use one of: ${choices.join(", ")}`;
    }
    case "invalid_type":
      return value === undefined ? `add this ${issue.expected}` : `write a ${issue.expected} here`;
    case "too_small":
      return issue.origin === "array" ? `list at least ${String(issue.minimum)} item(s)` : `use a value >= ${String(issue.minimum)}`;
    case "too_big":
      return `use a value <= ${String(issue.maximum)}`;
    case "invalid_format":
      return issue.format === "url" ? "write a full URL such as http://127.0.0.1:11434, or the word emulator" : issue.message;
    case "invalid_union":
      return "see switchyard.example.yaml for the accepted forms";
    default:
      return issue.message;
  }
}

import fs from "node:fs";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { ConfigError, ConfigNotFoundError, type ConfigProblem } from "./config-error.ts";
import { defaultConfigInput } from "./default-config.ts";
import { didYouMean } from "./did-you-mean.ts";
import { formatPath, problemsFromIssues } from "./issues.ts";
import { switchyardConfigSchema, type SwitchyardConfig } from "./schema.ts";
import { resolveStorage } from "./storage.ts";

export interface LoadedConfig {
  config: SwitchyardConfig;
  /** The file it came from, or `(built-in default)`. */
  source: string;
}

export const BUILT_IN = "(built-in default)";

/**
 * Loads switchyard.yaml. Without a path, the built-in default (every backend on its emulator).
 *
 * @example
 * const { config } = loadConfig("switchyard.yaml");
 */
export function loadConfig(file?: string): LoadedConfig {
  if (file === undefined) return { config: parseConfigValue(defaultConfigInput(), BUILT_IN), source: BUILT_IN };
  const resolved = path.resolve(file);
  if (!fs.existsSync(resolved)) throw new ConfigNotFoundError(file);
  return { config: parseConfigText(fs.readFileSync(resolved, "utf8"), file), source: file };
}

/** Parses YAML (or JSON) text; problems carry file:line:column. */
export function parseConfigText(text: string, file: string): SwitchyardConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new ConfigError(
      file,
      document.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return {
          path: "",
          location: `${file}:${position.line}:${position.col}`,
          message: `YAML syntax error: ${error.message.split("\n")[0] ?? error.code}`,
          fix: "correct the YAML syntax at that line (indentation, quotes, a missing colon)",
        };
      }),
    );
  }
  const locate = (problemPath: string): string | undefined => {
    const node = document.getIn(splitPath(problemPath), true) as { range?: [number, number, number] } | undefined;
    if (!node?.range) return undefined;
    const position = lineCounter.linePos(node.range[0]);
    return `${file}:${position.line}:${position.col}`;
  };
  return parseConfigValue(document.toJS() ?? {}, file, locate);
}

/** Validates an already-parsed value (from app code, or the built-in default). */
export function parseConfigValue(
  value: unknown,
  file: string,
  locate: (problemPath: string) => string | undefined = () => undefined,
): SwitchyardConfig {
  const result = switchyardConfigSchema.safeParse(value);
  const problems = result.success
    ? [...resolveStorage(value, result.data), ...crossReferenceProblems(result.data)]
    : problemsFromIssues(result.error.issues, value, switchyardConfigSchema);
  if (problems.length > 0) {
    throw new ConfigError(
      file,
      problems.map((problem) => ({ ...problem, location: problem.location ?? locateNearest(problem.path, locate) })),
    );
  }
  return result.data as SwitchyardConfig;
}

/** A missing key has no node of its own: point at the closest enclosing one. */
function locateNearest(problemPath: string, locate: (problemPath: string) => string | undefined): string | undefined {
  for (let current = problemPath; current !== ""; current = current.replace(/(\.?[^.[\]]+|\[\d+\])$/, "")) {
    const found = locate(current);
    if (found !== undefined) return found;
  }
  return undefined;
}

function splitPath(problemPath: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const match of problemPath.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[1] !== undefined) segments.push(match[1]);
  }
  return segments;
}

/** What zod cannot see: ids that must exist, names that must be unique. */
function crossReferenceProblems(config: SwitchyardConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const deploymentIds = config.deployments.map((deployment) => deployment.id);
  const groupNames = config.model_groups.map((group) => group.name);
  const duplicates = (names: string[], key: string) =>
    names.forEach((name, index) => {
      if (names.indexOf(name) !== index) {
        problems.push({
          path: formatPath([key, index, key === "deployments" ? "id" : "name"]),
          value: name,
          message: `duplicate ${key === "deployments" ? "deployment id" : "model group name"}`,
          fix: "give each one a unique name",
        });
      }
    });
  duplicates(deploymentIds, "deployments");
  duplicates(groupNames, "model_groups");
  const unknown = (value: string, known: string[], problemPath: (string | number)[], kind: string) => {
    if (known.includes(value)) return;
    const suggestion = didYouMean(value, known);
    problems.push({
      path: formatPath(problemPath),
      value,
      message: `no ${kind} is named "${value}"`,
      fix: suggestion ? `did you mean "${suggestion}"?` : `use one of: ${known.join(", ")}`,
    });
  };
  config.model_groups.forEach((group, groupIndex) => {
    group.deployments.forEach((id, index) =>
      unknown(id, deploymentIds, ["model_groups", groupIndex, "deployments", index], "deployment"),
    );
    group.fallbacks.forEach((name, index) => {
      unknown(name, groupNames, ["model_groups", groupIndex, "fallbacks", index], "model group");
      if (name === group.name) {
        problems.push({
          path: formatPath(["model_groups", groupIndex, "fallbacks", index]),
          value: name,
          message: "a group cannot fall back to itself",
          fix: "name a different model group",
        });
      }
    });
    for (const key of ["context_window_fallback", "content_policy_fallback"] as const) {
      const name = group[key];
      if (name !== undefined) unknown(name, groupNames, ["model_groups", groupIndex, key], "model group");
    }
  });
  const repairGroup = config.output_modes.repair_call?.group;
  if (repairGroup !== undefined) unknown(repairGroup, groupNames, ["output_modes", "repair_call", "group"], "model group");
  if (config.requests.model_group !== undefined) {
    unknown(config.requests.model_group, groupNames, ["requests", "model_group"], "model group");
  }
  // ChatGoogleGenerativeAI refuses an empty key with a bare Error at the first call (and never reads
  // GOOGLE_API_KEY once switchyard passes its key), so a real Gemini deployment without one is caught here.
  config.deployments.forEach((deployment, index) => {
    if (deployment.provider === "google-genai" && deployment.base_url !== "emulator" && deployment.api_key_env === undefined) {
      problems.push({
        path: formatPath(["deployments", index, "api_key_env"]),
        message: "a google-genai deployment outside the emulator needs an API key",
        fix: "add api_key_env: GEMINI_API_KEY (the name of the environment variable that holds the key)",
      });
    }
  });
  return problems;
}

import { SwitchyardError } from "../errors.ts";

export interface ConfigProblem {
  /** e.g. `model_groups[1].deployments[0]` */
  path: string;
  /** file:line:column when the problem comes from a file */
  location?: string;
  value?: unknown;
  message: string;
  fix: string;
}

/**
 * A config that cannot be used. Lists every problem found, each with its path, value and fix, so a
 * user corrects the whole file in one pass.
 */
export class ConfigError extends SwitchyardError {
  readonly file: string;
  readonly problems: readonly ConfigProblem[];

  constructor(file: string, problems: readonly ConfigProblem[]) {
    const lines = problems.map((problem) => {
      const where = problem.location ?? file;
      const value = problem.value === undefined ? "" : ` (got ${formatValue(problem.value)})`;
      const path = problem.path || (problem.location === undefined ? "(top level)" : "");
      return `  ${where}${path ? ` ${path}` : ""}: ${problem.message}${value}. Fix: ${problem.fix}`;
    });
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super("config_invalid", `${file} has ${count}:\n${lines.join("\n")}`);
    this.file = file;
    this.problems = problems;
  }
}

export class ConfigNotFoundError extends SwitchyardError {
  readonly file: string;

  constructor(file: string) {
    super(
      "config_not_found",
      `config file ${file} does not exist. Fix: pass an existing file with --config, or omit --config to use the built-in default (see switchyard.example.yaml).`,
    );
    this.file = file;
  }
}

function formatValue(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

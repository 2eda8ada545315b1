import { SwitchyardError } from "../errors.ts";

/** Where in a policy file something went wrong: 1-based line and column, and the rule's text. */
export interface PolicyLocation {
  file: string;
  line: number;
  column: number;
  rule?: string;
}

/**
 * A policy that cannot be loaded or is inconsistent. The message names the file, line and column, quotes
 * the rule with a caret under the bad token, and says how to fix it.
 *
 * @example
 * try { loadPolicyFile("policies/support.yaml") } catch (error) {
 *   if (error instanceof PolicyError) console.error(error.message); // policies/support.yaml:12:25 ...
 * }
 */
export class PolicyError extends SwitchyardError {
  readonly location: PolicyLocation;

  constructor(location: PolicyLocation, problem: string, fix: string) {
    super("policy_invalid", PolicyError.render(location, problem, fix));
    this.location = location;
  }

  private static render(location: PolicyLocation, problem: string, fix: string): string {
    const head = `${location.file}:${location.line}:${location.column}: ${problem}`;
    const rule = location.rule === undefined ? "" : `\n  rule: ${location.rule}\n        ${" ".repeat(Math.max(0, location.column - 1))}^`;
    return `${head}${rule}\n  Fix: ${fix}`;
  }
}

/** A policy whose parts contradict each other (an action both allowed and forbidden, unsatisfiable properties). */
export class PolicyInconsistentError extends SwitchyardError {
  readonly conflicts: string[];

  constructor(file: string, conflicts: string[]) {
    super("policy_invalid", `${file}: the policy is inconsistent:\n  - ${conflicts.join("\n  - ")}\n  Fix: remove or relax one side of each conflict.`);
    this.conflicts = conflicts;
  }
}

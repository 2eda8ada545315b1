import { RE2JS } from "re2js";

/**
 * A policy's `matches()` pattern, run by an RE2 automaton (re2js): time linear in the argument, whatever the
 * pattern, so the whole argument is read. Backtracking engines forced a choice between a prefix (a hostile caller
 * pads the argument past it and the rule never sees the rest) and a pause (`\d+\d+\d+x` on 10,000 digits did
 * not finish in two minutes under V8's engine; here 1 ms).
 */
export interface PolicyPattern {
  readonly source: string;
  test(text: string): boolean;
}

/** Compiles a vetted pattern case-insensitively; throws with RE2's reason when the syntax is not RE2's. */
export function compilePolicyPattern(source: string): PolicyPattern {
  const compiled = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
  return { source, test: (text) => compiled.matcher(text).find() };
}

/** Why RE2 cannot compile the pattern, or undefined when it can. */
export function policyPatternProblem(source: string): string | undefined {
  try {
    compilePolicyPattern(source);
    return undefined;
  } catch (error) {
    return `not a pattern the linear-time engine accepts (${error instanceof Error ? error.message : String(error)})`;
  }
}

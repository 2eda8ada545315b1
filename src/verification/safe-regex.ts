import { policyPatternProblem } from "./policy-pattern.ts";

/**
 * Why a policy regex is refused, or undefined when it is safe to run on hostile text. Refused: back-references,
 * lookarounds, and a quantified group that itself holds a quantifier or an alternation (`(a+)+`, `(a|aa)*`):
 * the shapes that backtrack exponentially in a backtracking engine. The pattern then runs on an RE2 automaton
 * (`policy-pattern.ts`), linear in the argument, so these refusals are defence in depth, and keep a policy portable
 * to engines that backtrack.
 *
 * @example
 * regexProblem("(a+)+$"); // "a quantified group holds a quantifier ..."
 * regexProblem("^ord-[0-9]{4}$"); // undefined
 */
export function regexProblem(pattern: string): string | undefined {
  if (pattern.length > 200) return "the pattern is longer than 200 characters";
  if (/\\[1-9]|\\k</.test(pattern)) return "back-references are not allowed";
  if (/\(\?<?[=!]/.test(pattern)) return "lookarounds are not allowed";
  // Per open group: whether it holds a quantifier or an alternation so far.
  const groups: Array<{ risky: boolean }> = [];
  let inClass = false;
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index] as string;
    if (char === "\\") {
      index += 1;
      continue;
    }
    if (inClass) {
      if (char === "]") inClass = false;
      continue;
    }
    if (char === "[") inClass = true;
    else if (char === "(") groups.push({ risky: false });
    else if (char === "|" || char === "*" || char === "+" || (char === "{" && /^\{\d+,\d*\}/.test(pattern.slice(index)))) {
      const top = groups.at(-1);
      if (top !== undefined) top.risky = true;
    } else if (char === ")") {
      const group = groups.pop();
      const after = pattern[index + 1];
      // An exact count multiplies as a range does: `(a+){8}b` is a polynomial of degree 8.
      const quantified = after === "*" || after === "+" || (after === "{" && /^\{\d+(?:,\d*)?\}/.test(pattern.slice(index + 1)));
      if (group?.risky === true && quantified) return "a quantified group holds a quantifier or an alternation (catastrophic backtracking)";
      const outer = groups.at(-1);
      if (outer !== undefined && group?.risky === true) outer.risky = true;
    }
  }
  try {
    new RegExp(pattern, "iu");
  } catch (error) {
    return `not a valid regular expression (${(error as Error).message})`;
  }
  return policyPatternProblem(pattern);
}

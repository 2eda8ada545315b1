/** The longest text a policy regex is run on: a bound on the work of any pattern that passed the vetting. */
export const regexInputLimit = 10_000;

/** Backtracking steps a vetted pattern may take on one argument (tens of milliseconds). */
const stepBudget = 10_000_000;

/**
 * The longest prefix of an argument a vetted pattern is run on. Each unbounded quantifier, and an unanchored start,
 * can multiply the work by the text's length: `[a-z]+@[a-z]+\.com` took 300 ms on 10,000 letters and `\d+\d+\d+x`
 * did not finish in two minutes on 10,000 digits. The prefix keeps length^degree under the step budget; a pattern
 * with no quantifier keeps `regexInputLimit`.
 *
 * @example
 * regexInputLimitFor("internal use only"); // 10000
 * regexInputLimitFor("[a-z]+@[a-z]+\\.com"); // 215
 */
export function regexInputLimitFor(pattern: string): number {
  let quantifiers = 0;
  let inClass = false;
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index] as string;
    if (char === "\\") index += 1;
    else if (inClass) inClass = char !== "]";
    else if (char === "[") inClass = true;
    else if (char === "*" || char === "+" || (char === "{" && /^\{\d+,\d*\}/.test(pattern.slice(index)))) quantifiers += 1;
  }
  const degree = quantifiers + (pattern.startsWith("^") ? 0 : 1);
  return Math.min(regexInputLimit, Math.floor(stepBudget ** (1 / Math.max(degree, 1))));
}

/**
 * Why a policy regex is refused, or undefined when it is safe to run on hostile text. Refused: back-references,
 * lookarounds, and a quantified group that itself holds a quantifier or an alternation (`(a+)+`, `(a|aa)*`):
 * the shapes that backtrack exponentially. What remains runs in polynomial time on at most `regexInputLimit`
 * characters.
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
  return undefined;
}

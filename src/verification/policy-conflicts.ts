import type { Value } from "./expression.ts";
import type { Policy, PolicyRule } from "./policy.ts";

const named = (rule: PolicyRule) => `${rule.id} (line ${rule.line}) "${rule.text}"`;

/**
 * The contradictions a policy shows without a solver: an action both allowed and forbidden (or critical and
 * forbidden), an allowed action ruled out by `never` / `at most 0`, an `always` rule false in the initial
 * state. `parsePolicyText` refuses a policy with any (so it cannot load silently); `checkPolicyConsistency`
 * adds the z3 checks.
 *
 * @example
 * structuralConflicts(policy); // ['"refund" is in both allowed_actions and forbidden_actions']
 */
export function structuralConflicts(policy: Policy): string[] {
  const conflicts: string[] = [];
  for (const action of policy.allowed) if (policy.forbidden.has(action)) conflicts.push(`"${action}" is in both allowed_actions and forbidden_actions`);
  for (const action of policy.critical) if (policy.forbidden.has(action)) conflicts.push(`"${action}" is in both critical_actions and forbidden_actions`);
  for (const rule of policy.rules) {
    const property = rule.property;
    const ruledOut = property.kind === "never" || (property.kind === "at_most" && property.limit === 0);
    if (ruledOut && policy.allowed.has(property.action)) conflicts.push(`${named(rule)} rules out "${property.action}", which allowed_actions allows`);
  }
  const initial: Record<string, Value> = Object.fromEntries(Object.entries(policy.state).map(([name, variable]) => [name, variable.initial]));
  for (const rule of policy.rules) {
    if (rule.property.kind === "always" && rule.condition?.({ state: initial, args: {}, counts: {} }) === false) {
      conflicts.push(`${named(rule)} is false in the initial state`);
    }
  }
  return conflicts;
}

import type { Arith, Bool } from "z3-solver";
import type { Value } from "./expression.ts";
import type { Policy, PolicyRule } from "./policy.ts";
import { PolicyInconsistentError } from "./policy-error.ts";
import { constantOf, domainOf, encodeExpression, StringInterner, type Z3Value } from "./z3-encode.ts";
import { z3 } from "./z3-context.ts";

export interface ConsistencyReport {
  consistent: boolean;
  /** One line per conflict, naming the rules (`properties[2] "never refund"` vs `allowed_actions`). */
  conflicts: string[];
}

const named = (rule: PolicyRule) => `${rule.id} (line ${rule.line}) "${rule.text}"`;

/**
 * Checks that a policy can be kept at all: no action both allowed and forbidden (or critical and
 * forbidden), no allowed action ruled out by `never` / `at most 0`, the initial state keeps every
 * `always` rule, and (with z3) each allowed action has some state and arguments in which every rule
 * guarding it holds together with the `always` rules; otherwise the unsat core names the clashing rules.
 *
 * @example
 * const report = await checkPolicyConsistency(policy);
 * if (!report.consistent) console.error(report.conflicts.join("\n"));
 */
export async function checkPolicyConsistency(policy: Policy): Promise<ConsistencyReport> {
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

  const { context, exclusive } = await z3();
  for (const action of policy.allowed.size > 0 ? policy.allowed : policy.actions) {
    const guards = policy.rules.filter((rule) => (rule.property.kind === "before" && rule.property.action === action) || rule.property.kind === "always");
    if (!guards.some((rule) => rule.property.kind === "before")) continue;
    const interner = new StringInterner();
    const domains: Bool<"main">[] = [];
    const state: Record<string, Z3Value> = {};
    for (const [name, variable] of Object.entries(policy.state)) {
      state[name] = constantOf(context, name, variable.type);
      const domain = domainOf(context, interner, state[name], variable.type);
      if (domain !== undefined) domains.push(domain);
    }
    const counts: Record<string, Arith<"main">> = {};
    const args: Record<string, Z3Value> = {};
    const frame = {
      state: (name: string) => state[name] as Z3Value,
      symbol: (name: string) => context.Int.const(`$${name}`),
      count: (name: string) => {
        if (counts[name] === undefined) {
          counts[name] = context.Int.const(`count_${name}`);
          domains.push(counts[name].ge(0));
        }
        return counts[name];
      },
      arg: (name: string) => (args[name] ??= constantOf(context, `arg_${name}`, policy.arguments[action]?.[name] ?? { kind: "int" })),
    };
    const markers = guards.map((rule, index) => ({ rule, marker: context.Bool.const(`rule_${index}`) }));
    const implications = markers.map(({ rule, marker }) => {
      const property = rule.property as { condition: Parameters<typeof encodeExpression>[2] };
      return context.Implies(marker, encodeExpression(context, interner, property.condition, frame) as Bool<"main">);
    });
    const core = await exclusive(async (solver) => {
      solver.add(...domains, ...implications);
      if ((await solver.check(...markers.map((entry) => entry.marker))) !== "unsat") return undefined;
      const names = new Set([...solver.unsatCore()].map((marker) => marker.toString()));
      return markers.filter((entry) => names.has(entry.marker.toString())).map((entry) => entry.rule);
    });
    if (core !== undefined) conflicts.push(`"${action}" can never run: ${core.map(named).join(" and ")} cannot hold together`);
  }
  return { consistent: conflicts.length === 0, conflicts };
}

/** Throws `PolicyInconsistentError` listing every conflict. */
export async function assertPolicyConsistent(policy: Policy): Promise<void> {
  const report = await checkPolicyConsistency(policy);
  if (!report.consistent) throw new PolicyInconsistentError(policy.file, report.conflicts);
}

import type { Policy, PolicyRule } from "./policy.ts";
import { PolicyInconsistentError } from "./policy-error.ts";
import { structuralConflicts } from "./policy-conflicts.ts";
import type { Expression, ValueType } from "./property-ast.ts";
import { smtDomain, smtExpression, smtSort } from "./smt-encode.ts";
import { StringInterner } from "./string-interner.ts";
import { z3, type SmtScript } from "./z3-context.ts";

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
  const conflicts = structuralConflicts(policy);

  const { context, exclusive, assertScript } = await z3();
  for (const action of policy.allowed.size > 0 ? policy.allowed : policy.actions) {
    const guards = policy.rules.filter((rule) => (rule.property.kind === "before" && rule.property.action === action) || rule.property.kind === "always");
    if (!guards.some((rule) => rule.property.kind === "before")) continue;
    const encoding = encodeGuards(policy, action, guards);
    const core = await exclusive(async (solver) => {
      assertScript(solver, encoding.script);
      const markers = encoding.markers.map((name) => context.Bool.const(name));
      // Few checks, each on a small formula, off the hot path: the worker-thread check is fine here.
      if ((await solver.check(...markers)) !== "unsat") return undefined;
      const names = new Set([...solver.unsatCore()].map((marker) => marker.toString()));
      return guards.filter((_, index) => names.has(markers[index]?.toString() ?? ""));
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

/**
 * One action's guards as SMT-LIB2 text over free state, argument and counter constants: rule `i` holds
 * whenever its marker `markers[i]` is assumed, so the unsat core of the markers names the clashing rules.
 */
function encodeGuards(policy: Policy, action: string, guards: readonly PolicyRule[]): { script: SmtScript; markers: string[] } {
  const interner = new StringInterner();
  const declarations = new Map<string, "Int" | "Bool">();
  const facts: string[] = [];
  // The parser context outlives this check and keeps every declaration: names carry their sort (see encode-plan.ts).
  const declare = (base: string, type: ValueType) => {
    const sort = smtSort(type);
    const name = `consistency.${base}.${sort}`;
    if (!declarations.has(name)) {
      declarations.set(name, sort);
      const domain = smtDomain(interner, name, type);
      if (domain !== undefined) facts.push(domain);
    }
    return name;
  };
  const frame = {
    state: (name: string) => declare(`state.${name}`, policy.state[name]?.type ?? { kind: "int" }),
    arg: (name: string) => declare(`arg.${name}`, policy.arguments[action]?.[name] ?? { kind: "int" }),
    symbol: (name: string) => declare(`symbol.${name}`, { kind: "int" }),
    // A string operation is any Bool here: the check asks whether the guards can hold together at all.
    opaque: () => declare(`opaque_${declarations.size}`, { kind: "bool" }),
    count: (name: string) => {
      const known = declarations.size;
      const term = declare(`count.${name}`, { kind: "int" });
      if (declarations.size > known) facts.push(`(>= ${term} 0)`);
      return term;
    },
  };
  const markers = guards.map((_, index) => declare(`rule_${index}`, { kind: "bool" }));
  const implications = guards.map((rule, index) => `(=> ${markers[index]} ${smtExpression(interner, (rule.property as { condition: Expression }).condition, frame)})`);
  // Every state variable has a value, constrained to its domain even where no guard names it.
  for (const [name, variable] of Object.entries(policy.state)) declare(`state.${name}`, variable.type);
  const assertion = [...facts, ...implications].map((term) => `(assert ${term})`).join("");
  return { script: { declarations, assertion }, markers };
}

import type { Evaluator, Value } from "./expression.ts";
import type { Expression, Property, ValueType } from "./property-ast.ts";

/** One property rule, parsed and compiled, with where it was written. */
export interface PolicyRule {
  /** `properties[2]`, `forbidden_actions[0]`: how messages and counterexamples name the rule. */
  id: string;
  text: string;
  line: number;
  property: Property;
  /** For before/always rules: the compiled condition. */
  condition?: Evaluator;
}

export interface StateVariable {
  type: ValueType;
  initial: Value;
}

export interface Effect {
  variable: string;
  expression: Expression;
  evaluate: Evaluator;
}

/** A loaded, type-checked policy: what the prover and the monitor read. */
export interface Policy {
  file: string;
  name: string;
  /** sha256 of the canonical policy: half of a proof's cache key. */
  hash: string;
  allowed: ReadonlySet<string>;
  forbidden: ReadonlySet<string>;
  critical: ReadonlySet<string>;
  /** Every action the policy names anywhere. */
  actions: ReadonlySet<string>;
  safety: { no_pii_in_output: boolean; no_copyrighted_content: boolean };
  state: Readonly<Record<string, StateVariable>>;
  arguments: Readonly<Record<string, Readonly<Record<string, ValueType>>>>;
  effects: Readonly<Record<string, readonly Effect[]>>;
  rules: readonly PolicyRule[];
}

/** Whether a policy lets an action run at all (forbidden wins; an empty allow-list allows every non-forbidden action). */
export function actionPermitted(policy: Policy, action: string): "allowed" | "forbidden" | "not_allowed" {
  if (policy.forbidden.has(action)) return "forbidden";
  if (policy.allowed.size > 0 && !policy.allowed.has(action)) return "not_allowed";
  return "allowed";
}

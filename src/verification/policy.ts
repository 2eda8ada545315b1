import type { Evaluator, RuntimeValue, Value } from "./expression.ts";
import type { Expression, Property, ValueType } from "./property-ast.ts";

/** One property rule, parsed and compiled, with where it was written. */
export interface PolicyRule {
  /** `properties[2]`, `forbidden_actions[0]`: how messages and counterexamples name the rule. */
  id: string;
  text: string;
  line: number;
  property: Property;
  /** For before, approve, always and answer rules: the compiled condition. */
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
  /** Actions that always pause for a person (`critical_actions`); `approve ... when` rules add conditional ones. */
  critical: ReadonlySet<string>;
  /** Every action the policy names anywhere. */
  actions: ReadonlySet<string>;
  safety: { no_pii_in_output: boolean; no_copyrighted_content: boolean };
  state: Readonly<Record<string, StateVariable>>;
  /** Per-thread facts (set by trusted application code through the ledger, never by graph input) and their types. */
  facts: Readonly<Record<string, ValueType>>;
  arguments: Readonly<Record<string, Readonly<Record<string, ValueType>>>>;
  effects: Readonly<Record<string, readonly Effect[]>>;
  rules: readonly PolicyRule[];
}

/** A scalar from an evaluator whose type check said scalar (effects and state never hold lists). */
export function scalar(value: RuntimeValue): Value {
  if (typeof value === "object") throw new TypeError("a list where the policy's type check promised a scalar");
  return value;
}

/** Whether a policy lets an action run at all (forbidden wins; an empty allow-list allows every non-forbidden action). */
export function actionPermitted(policy: Policy, action: string): "allowed" | "forbidden" | "not_allowed" {
  if (policy.forbidden.has(action)) return "forbidden";
  if (policy.allowed.size > 0 && !policy.allowed.has(action)) return "not_allowed";
  return "allowed";
}

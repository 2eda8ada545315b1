import type { Value } from "./expression.ts";

/** The first step of a plan that breaks a rule, with the values that make it break. */
export interface Counterexample {
  /** 0-based index of the step. */
  step: number;
  action: string;
  /** `properties[1]`, `forbidden_actions`, `allowed_actions`. */
  rule: string;
  text: string;
  reason: string;
  /** The step breaks no rule but needs an approval it does not have (obtain it, then prove again). */
  needsApproval?: boolean;
  /** Values of the plan's symbols that break the rule. */
  symbols: Record<string, Value>;
  /** The state just before the step. */
  state: Record<string, Value>;
}

export type ProofResult =
  | { status: "proved"; key: string; cached: boolean }
  | { status: "violated"; key: string; cached: boolean; counterexample: Counterexample };


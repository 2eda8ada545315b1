import { ArgumentMismatchError } from "./expression.ts";
import type { MarkovModel } from "./markov-model.ts";
import { actionPermitted, type Policy } from "./policy.ts";
import type { MonitorState } from "./monitor-state.ts";
import { mentionedActions } from "./request-intent.ts";

export type { MonitorState };

export type MonitorVerdict = "allow" | "block" | "approve";

export interface MonitorDecision {
  verdict: MonitorVerdict;
  /** Why, one line per broken rule (empty when allowed). */
  reasons: string[];
  /** Ids of the broken rules (`properties[0]`, `forbidden_actions`, `risk`). */
  rules: string[];
  /** Probability of reaching a violation within the horizon, when a Markov model is attached. */
  risk?: number;
  /** The state after the action, if it runs. */
  next: MonitorState;
}

export interface RuntimeMonitorOptions {
  markov?: MarkovModel;
  /** Steps ahead the risk looks (default 3). */
  horizon?: number;
  /** Risk above which the action is stopped (default 0.5). */
  threshold?: number;
  /** What a risky action gets (default "approve": a person decides). */
  onRisk?: "block" | "approve";
}

/** The state a thread starts in. */
export function initialMonitorState(policy: Policy): MonitorState {
  return { values: Object.fromEntries(Object.entries(policy.state).map(([name, variable]) => [name, variable.initial])), counts: {} };
}

/**
 * Checks one tool call against the policy before it runs: deterministic rules first (forbidden, allowed,
 * never, at most, before-conditions on the current state and the call's arguments, always-invariants on
 * the state after it, undeclared or smuggled arguments), then the Markov risk, then critical-action
 * approval. Fails closed: an argument of the wrong type blocks the call.
 *
 * @example
 * const monitor = new RuntimeMonitor(policy);
 * const decision = monitor.check(initialMonitorState(policy), "write_to_database", { table: "orders", value: "x" });
 * decision.verdict; // "block": database_state must be "locked"
 */
export class RuntimeMonitor {
  constructor(
    readonly policy: Policy,
    private readonly options: RuntimeMonitorOptions = {},
  ) {}

  check(state: MonitorState, action: string, args: Readonly<Record<string, unknown>>): MonitorDecision {
    const policy = this.policy;
    const reasons: string[] = [];
    const rules: string[] = [];
    const fail = (rule: string, reason: string) => {
      rules.push(rule);
      reasons.push(reason);
    };
    const permitted = actionPermitted(policy, action);
    if (permitted === "forbidden") fail("forbidden_actions", `${action} is forbidden by the policy`);
    if (permitted === "not_allowed") fail("allowed_actions", `${action} is not an allowed action`);

    const declared = policy.arguments[action];
    for (const [name, value] of Object.entries(args)) {
      if (declared !== undefined && !(name in declared)) fail("arguments", `argument "${name}" is not declared for ${action}`);
      if (typeof value === "string") {
        const smuggled = mentionedActions(value, policy.forbidden);
        if (smuggled.length > 0) fail("forbidden_actions", `argument "${name}" carries a forbidden action (${smuggled.join(", ")})`);
      }
    }

    const context = { state: state.values, args, counts: state.counts };
    for (const rule of policy.rules) {
      const property = rule.property;
      if (property.kind === "never" && property.action === action) fail(rule.id, `${rule.text}`);
      if (property.kind === "at_most" && property.action === action && (state.counts[action] ?? 0) >= property.limit) {
        fail(rule.id, `${rule.text}: already ran ${state.counts[action] ?? 0} times`);
      }
      if (property.kind === "before" && property.action === action) {
        try {
          if (rule.condition?.(context) !== true) fail(rule.id, `${rule.text}: the condition is false now`);
        } catch (error) {
          if (!(error instanceof ArgumentMismatchError)) throw error;
          fail(rule.id, `${rule.text}: ${error.message}`);
        }
      }
    }

    const next: MonitorState = { values: { ...state.values }, counts: { ...state.counts, [action]: (state.counts[action] ?? 0) + 1 }, last_action: action };
    try {
      for (const effect of policy.effects[action] ?? []) next.values[effect.variable] = effect.evaluate(context);
    } catch (error) {
      if (!(error instanceof ArgumentMismatchError)) throw error;
      fail("effects", `${action}'s effect cannot be computed: ${error.message}`);
    }
    if (rules.length === 0) {
      const after = { state: next.values, args, counts: next.counts };
      for (const rule of policy.rules) {
        if (rule.property.kind === "always" && rule.condition?.(after) !== true) fail(rule.id, `${rule.text}: would be false after ${action}`);
      }
    }
    if (rules.length > 0) return { verdict: "block", reasons, rules, next: state };

    let risk: number | undefined;
    const markov = this.options.markov;
    if (markov !== undefined) {
      risk = markov.risk(next, this.options.horizon ?? 3);
      if (risk > (this.options.threshold ?? 0.5)) {
        return { verdict: this.options.onRisk ?? "approve", reasons: [`risk ${risk.toFixed(2)} of a violation within ${this.options.horizon ?? 3} steps`], rules: ["risk"], risk, next };
      }
    }
    if (policy.critical.has(action)) return { verdict: "approve", reasons: [`${action} is critical and needs approval`], rules: ["critical_actions"], risk, next };
    return { verdict: "allow", reasons: [], rules: [], risk, next };
  }
}

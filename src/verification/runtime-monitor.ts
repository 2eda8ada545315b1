import { normaliseActionName } from "./action-name.ts";
import { scopedAfter, scopedLimits, usedSoFar } from "./scoped-limits.ts";
import { ArgumentMismatchError, type EvaluationContext } from "./expression.ts";
import type { MdpModel } from "./mdp-model.ts";
import { actionPermitted, scalar, type Policy } from "./policy.ts";
import type { MonitorState } from "./monitor-state.ts";
import { smuggledActions } from "./request-intent.ts";
import { argumentStrings, piiFindings, type CopyrightChecker } from "./safety-check.ts";

export type { MonitorState };

export type MonitorVerdict = "allow" | "block" | "approve";

export interface MonitorDecision {
  verdict: MonitorVerdict;
  /** The action's normalised name: the name the tool must run under. */
  action: string;
  /** Why, one line per broken rule (empty when allowed). */
  reasons: string[];
  /** Ids of the broken rules (`properties[0]`, `forbidden_actions`, `risk`, `unseen`). */
  rules: string[];
  /** Probability of reaching a violation within the horizon, when an MDP is attached. */
  risk?: number;
  /** The state after the action, if it runs. */
  next: MonitorState;
}

export interface RuntimeMonitorOptions {
  /** The MDP learned online from the agent's traces; without one there is no probabilistic check. */
  mdp?: MdpModel;
  /** Steps ahead the risk looks (default 3). */
  horizon?: number;
  /** Risk above which the action is stopped (default 0.5). */
  threshold?: number;
  /** What a risky action gets (default "approve": a person decides). */
  onRisk?: "block" | "approve";
  /** What an action in a (state, action) pair the MDP never saw gets (default "approve"). */
  onUnseen?: "block" | "approve" | "allow";
  /** The protected corpus for `safety.no_copyrighted_content` (without one that flag checks nothing). */
  copyright?: CopyrightChecker;
}

export interface CheckOptions {
  /** A person approved this exact call (read from the ledger): approval rules and the risk check are satisfied. */
  approved?: boolean;
  /** Only the policy's rules: the executor's re-check inside the ledger transaction (the risk was judged before). */
  rulesOnly?: boolean;
}

/** The state a thread starts in. */
export function initialMonitorState(policy: Policy): MonitorState {
  const values = Object.fromEntries(Object.entries(policy.state).map(([name, variable]) => [name, variable.initial]));
  return scopedLimits(policy).length === 0 ? { values, counts: {} } : { values, counts: {}, scoped: {} };
}

/**
 * Checks one tool call against the policy before it runs: the name normalised (case, NFKC, zero-width), then
 * deterministic rules (forbidden, allowed, never, at most, before-conditions over state, arguments and facts,
 * always-invariants after it, undeclared arguments, forbidden calls smuggled inside arguments, personal data in
 * arguments when `safety.no_pii_in_output`), then approvals (`critical_actions`, `approve ... when`), then the
 * MDP's risk and its unseen rule. Fails closed: an argument of the wrong type or an unset fact blocks the call.
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

  get mdp(): MdpModel | undefined {
    return this.options.mdp;
  }

  check(state: MonitorState, rawAction: string, args: Readonly<Record<string, unknown>>, checkOptions: CheckOptions = {}): MonitorDecision {
    const policy = this.policy;
    const action = normaliseActionName(rawAction);
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
    const facts = state.facts ?? {};
    for (const name of Object.keys(args)) if (declared !== undefined && !(name in declared)) fail("arguments", `argument "${name}" is not declared for ${action}`);
    for (const [path, text] of argumentStrings(args, "arg")) {
      const smuggled = smuggledActions(text, policy.forbidden);
      if (smuggled.length > 0) fail("forbidden_actions", `${path} carries a call to a forbidden action (${smuggled.join(", ")})`);
      if (policy.safety.no_pii_in_output) {
        const found = piiFindings(text, facts);
        if (found.length > 0) fail("safety.no_pii_in_output", `${path} carries personal data (${[...new Set(found.map((finding) => finding.kind))].join(", ")})`);
      }
      const copyright = policy.safety.no_copyrighted_content ? this.options.copyright?.check(text) : undefined;
      if (copyright?.flagged === true) fail("safety.no_copyrighted_content", `${path} copies protected text (${Math.round(copyright.overlap * 100)} % overlap)`);
    }

    const context: EvaluationContext = { state: state.values, args, counts: state.counts, facts };
    const holds = (rule: (typeof policy.rules)[number], evaluation: EvaluationContext): boolean | string => {
      try {
        return rule.condition?.(evaluation) === true;
      } catch (error) {
        if (!(error instanceof ArgumentMismatchError)) throw error;
        return error.message;
      }
    };
    let needsApproval = policy.critical.has(action) ? [`${action} is critical and needs approval`] : [];
    for (const rule of policy.rules) {
      const property = rule.property;
      if (property.kind === "never" && property.action === action) fail(rule.id, `${rule.text}`);
      if (property.kind === "at_most" && property.action === action) {
        const used = usedSoFar(state, action, property.scope);
        // A limit counted per customer cannot be counted for a thread whose customer is unknown: fail closed.
        if (property.scope !== undefined && facts[property.scope.fact] === undefined) fail(rule.id, `${rule.text}: fact "${property.scope.fact}" is not set (trusted code sets it with setThreadFact)`);
        else if (used >= property.limit) fail(rule.id, `${rule.text}: already ran ${used} times${property.scope === undefined ? "" : ` for this ${property.scope.fact}, across threads`}`);
      }
      if (property.kind === "before" && property.action === action) {
        const result = holds(rule, context);
        if (result !== true) fail(rule.id, `${rule.text}: ${result === false ? "the condition is false now" : result}`);
      }
      if (property.kind === "approve" && property.action === action) {
        const result = holds(rule, context);
        if (typeof result === "string") fail(rule.id, `${rule.text}: ${result}`);
        else if (result) needsApproval = [...needsApproval, `${rule.text}: needs approval`];
      }
    }

    const scoped = scopedAfter(policy, state.scoped, action);
    const next: MonitorState = {
      values: { ...state.values },
      counts: { ...state.counts, [action]: (state.counts[action] ?? 0) + 1 },
      last_action: action,
      ...(scoped ? { scoped } : {}),
      ...(state.facts ? { facts: state.facts } : {}),
    };
    try {
      for (const effect of policy.effects[action] ?? []) next.values[effect.variable] = scalar(effect.evaluate(context));
    } catch (error) {
      if (!(error instanceof ArgumentMismatchError)) throw error;
      fail("effects", `${action}'s effect cannot be computed: ${error.message}`);
    }
    if (rules.length === 0) {
      const after = { state: next.values, args, counts: next.counts, facts };
      for (const rule of policy.rules) {
        if (rule.property.kind === "always" && holds(rule, after) !== true) fail(rule.id, `${rule.text}: would be false after ${action}`);
      }
    }
    if (rules.length > 0) return { verdict: "block", action, reasons, rules, next: state };
    if (checkOptions.approved === true) return { verdict: "allow", action, reasons: [], rules: [], next };
    if (needsApproval.length > 0) return { verdict: "approve", action, reasons: needsApproval, rules: ["approval"], next };
    if (checkOptions.rulesOnly === true) return { verdict: "allow", action, reasons: [], rules: [], next };

    const mdp = this.options.mdp;
    if (mdp === undefined) return { verdict: "allow", action, reasons: [], rules: [], next };
    const horizon = this.options.horizon ?? 3;
    const { risk, seen } = mdp.assess(state, action, horizon);
    if (!seen) {
      const rule = this.options.onUnseen ?? "approve";
      if (rule !== "allow") return { verdict: rule, action, reasons: [`${action} was never seen in this state (unseen rule: ${rule})`], rules: ["unseen"], risk, next };
    } else if (risk > (this.options.threshold ?? 0.5)) {
      return { verdict: this.options.onRisk ?? "approve", action, reasons: [`risk ${risk.toFixed(2)} of a violation within ${horizon} steps`], rules: ["risk"], risk, next };
    }
    return { verdict: "allow", action, reasons: [], rules: [], risk, next };
  }

  /** Answer rules (`answer: ...`) the final text breaks, one line each. */
  checkAnswer(state: MonitorState, text: string): string[] {
    const broken: string[] = [];
    const copyright = this.policy.safety.no_copyrighted_content ? this.options.copyright?.check(text) : undefined;
    if (copyright?.flagged === true) broken.push(`safety.no_copyrighted_content (${Math.round(copyright.overlap * 100)} % overlap with protected text)`);
    for (const rule of this.policy.rules) {
      if (rule.property.kind !== "answer") continue;
      try {
        if (rule.condition?.({ state: state.values, args: {}, counts: state.counts, facts: state.facts ?? {}, text }) !== true) broken.push(`${rule.id} "${rule.text}"`);
      } catch (error) {
        if (!(error instanceof ArgumentMismatchError)) throw error;
        broken.push(`${rule.id} "${rule.text}": ${error.message}`);
      }
    }
    return broken;
  }
}

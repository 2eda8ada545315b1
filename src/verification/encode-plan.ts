import { ArgumentMismatchError, compileExpression, typeOf, type Value } from "./expression.ts";
import { scopedAfter, usedSoFar } from "./scoped-limits.ts";
import type { MonitorState } from "./monitor-state.ts";
import { actionPermitted, type Policy } from "./policy.ts";
import { symbolOf, type Plan } from "./plan.ts";
import type { ValueType } from "./property-ast.ts";
import { parseExpression } from "./property-parser.ts";
import type { SmtScript } from "./z3-context.ts";
import { smtDomain, smtExpression, smtInt, smtLiteral, smtNot, smtOr, smtSort, smtValue, type SmtFrame } from "./smt-encode.ts";
import { StringInterner } from "./string-interner.ts";

/** One way a step can break a rule: a Bool constant of the formula that is true when it does. */
export interface PlanFlag {
  /** The constant's name in the flagged script. */
  name: string;
  /** When the step breaks the rule, as an SMT-LIB2 term. */
  condition: string;
  step: number;
  rule: string;
  text: string;
  reason: string;
  /** The step breaks nothing but needs a person's approval that it does not have yet. */
  needsApproval?: boolean;
}

/** Where a proof starts and what it may assume, beyond the plan itself. */
export interface PlanContext {
  /** The thread's state before the first step (from the ledger); default the policy's initial state. */
  start?: MonitorState;
  /** The thread's facts (the customer's address on file): rules over facts fold to true/false with them. */
  facts?: Readonly<Record<string, Value>>;
  /** Steps a person approved (read from the ledger, never from the plan): they need no further approval. */
  approved?: ReadonlySet<number>;
}

/** A state variable's term before a step: a literal, or a constant the model gives a value. */
export interface StateTerm {
  term: string;
  type: ValueType;
}

/** A plan as SMT-LIB2 text: satisfiable exactly when some flag can be true. */
export interface PlanEncoding {
  /** The script: its constants and one assertion (the facts and the disjunction of every flag's condition). */
  script: SmtScript;
  /** The same with a named Bool constant per flag, so a model says which rules break: for counterexamples only. */
  flaggedScript(): SmtScript;
  /** Every flag in plan order (step, then rule order): the first true one names the counterexample. */
  flags: PlanFlag[];
  /** Symbol name to its formula constant and type. */
  symbols: Map<string, StateTerm>;
  /** The state before each step. */
  states: Array<Map<string, StateTerm>>;
  /** Constant names (for reading a model back) and the string table. */
  constants: Set<string>;
  interner: StringInterner;
}

/** The type of each symbol: the declared type of the first argument it fills, else int. */
export function symbolTypes(policy: Policy, plan: Plan): Record<string, ValueType> {
  const types: Record<string, ValueType> = {};
  for (const step of plan.steps) {
    for (const [name, value] of Object.entries(step.args)) {
      const symbol = symbolOf(value);
      if (symbol !== undefined && types[symbol] === undefined) types[symbol] = policy.arguments[step.action]?.[name] ?? { kind: "int" };
    }
  }
  return types;
}

/**
 * Encodes a plan against a policy as text. Actions and call counts are concrete in a plan, so
 * `never`, `at most`, forbidden and allow-list rules reduce to true or false here and only
 * conditions over symbols reach the solver.
 */
export function encodePlan(policy: Policy, plan: Plan, planContext: PlanContext = {}): PlanEncoding {
  const interner = new StringInterner();
  const declarations = new Map<string, "Int" | "Bool">();
  const constraints: string[] = [];
  const flags: PlanFlag[] = [];
  const constants = new Set<string>();
  // z3's parser context outlives a proof and keeps every declaration: a name carries its sort so
  // that a later plan using it with another sort declares a different constant.
  const declare = (base: string, type: ValueType) => {
    const sort = smtSort(type);
    const name = `${base}.${sort}`;
    constants.add(name);
    declarations.set(name, sort);
    return name;
  };

  const symbolTypeMap = symbolTypes(policy, plan);
  const symbols = new Map<string, StateTerm>();
  for (const [name, type] of Object.entries(symbolTypeMap)) {
    // `$` is a legal SMT-LIB2 symbol character and plan symbols are identifiers, so `$name` needs no quoting.
    const term = declare(`$${name}`, type);
    symbols.set(name, { term, type });
    const domain = smtDomain(interner, term, type);
    if (domain !== undefined) constraints.push(domain);
  }
  const symbolTerm = (name: string) => symbols.get(name)?.term ?? "0";

  let state = new Map<string, StateTerm>();
  for (const [name, variable] of Object.entries(policy.state)) state.set(name, { term: smtValue(interner, planContext.start?.values[name] ?? variable.initial), type: variable.type });
  let counts: Record<string, number> = { ...planContext.start?.counts };
  let scoped: Record<string, number> | undefined = planContext.start?.scoped === undefined ? undefined : { ...planContext.start.scoped };
  const stateTypes = Object.fromEntries(Object.entries(policy.state).map(([name, variable]) => [name, variable.type]));
  const fresh = () => declare(`opaque_${constants.size}`, { kind: "bool" });
  const states: Array<Map<string, StateTerm>> = [];

  plan.steps.forEach((step, index) => {
    states.push(state);
    const argumentTypes = policy.arguments[step.action] ?? {};
    const missing = new Map<string, string>();
    const frame = (current: Map<string, StateTerm>, currentCounts: Record<string, number>): SmtFrame => ({
      state: (name) => current.get(name)?.term ?? "0",
      count: (name) => smtInt(currentCounts[name] ?? 0),
      symbol: symbolTerm,
      arg: (name) => {
        const raw = step.args[name];
        const symbol = symbolOf(raw);
        if (symbol !== undefined) return symbolTerm(symbol);
        // A list is only read by quantifiers and `in`, which `opaque` folds: no term is needed for it.
        if (Array.isArray(raw)) return "0";
        if (raw !== undefined) return smtValue(interner, raw);
        // A missing argument may hold anything: the proof must not rely on it.
        let term = missing.get(name);
        if (term === undefined) {
          term = declare(`missing_${index}_${missing.size}`, argumentTypes[name] ?? { kind: "int" });
          missing.set(name, term);
        }
        return term;
      },
      // Folded in JS when the step's arguments and the facts it reads are concrete; else any Bool.
      opaque: (expression) => {
        const concreteArgs = Object.fromEntries(Object.entries(step.args).filter(([, value]) => symbolOf(value) === undefined));
        const concreteState: Record<string, Value> = {};
        for (const [name, entry] of current) {
          const literal = smtLiteral(entry.term);
          if (literal === undefined) continue;
          concreteState[name] = typeof literal === "number" && (entry.type.kind === "string" || entry.type.kind === "enum") ? (interner.text(literal) ?? "") : literal;
        }
        try {
          const evaluate = compileExpression(expression, { state: stateTypes, args: argumentTypes, facts: policy.facts, actions: policy.actions });
          const value = evaluate({ state: concreteState, args: concreteArgs, counts: currentCounts, facts: planContext.facts ?? {} });
          return typeof value === "boolean" ? (value ? "true" : "false") : fresh();
        } catch (error) {
          if (error instanceof ArgumentMismatchError) return fresh();
          throw error;
        }
      },
    });
    const here = frame(state, counts);
    const flag = (rule: string, text: string, reason: string, condition: string, needsApproval = false) => {
      if (condition === "false") return;
      flags.push({ name: `flag_${flags.length}.Bool`, condition, step: index, rule, text, reason, ...(needsApproval ? { needsApproval } : {}) });
    };
    const approved = planContext.approved?.has(index) === true;
    if (!approved && policy.critical.has(step.action)) flag("critical_actions", `critical_actions: ${step.action}`, `${step.action} needs a person's approval`, "true", true);

    const permitted = actionPermitted(policy, step.action);
    if (permitted === "forbidden") flag("forbidden_actions", `forbidden_actions: ${step.action}`, `${step.action} is forbidden`, "true");
    if (permitted === "not_allowed") flag("allowed_actions", `allowed_actions: ${[...policy.allowed].join(", ")}`, `${step.action} is not an allowed action`, "true");
    for (const rule of policy.rules) {
      const property = rule.property;
      if (property.kind === "never" && property.action === step.action) flag(rule.id, rule.text, `${step.action} must never run`, "true");
      if (property.kind === "at_most" && property.action === step.action) {
        if (property.scope !== undefined && planContext.facts?.[property.scope.fact] === undefined) flag(rule.id, rule.text, `fact "${property.scope.fact}" is not set`, "true");
        else if (usedSoFar({ counts, ...(scoped ? { scoped } : {}) }, step.action, property.scope) >= property.limit) {
          flag(rule.id, rule.text, `run ${property.limit + 1} times or more${property.scope === undefined ? "" : ` for this ${property.scope.fact}, across threads`}`, "true");
        }
      }
      if (property.kind === "before" && property.action === step.action) {
        flag(rule.id, rule.text, "its precondition can be false", smtNot(smtExpression(interner, property.condition, here)));
      }
      if (property.kind === "approve" && property.action === step.action && !approved) {
        flag(rule.id, rule.text, "it needs a person's approval", smtExpression(interner, property.condition, here), true);
      }
    }

    const next = new Map(state);
    for (const effect of policy.effects[step.action] ?? []) {
      const variable = policy.state[effect.variable];
      if (variable === undefined) continue;
      const value = smtExpression(interner, effect.expression, here);
      if (smtLiteral(value) !== undefined || constants.has(value)) {
        next.set(effect.variable, { term: value, type: variable.type });
        continue;
      }
      // A named constant, not the term itself: terms would grow with every step, and a model can name its value.
      const term = declare(`state_${constants.size}`, variable.type);
      constraints.push(`(= ${term} ${value})`);
      next.set(effect.variable, { term, type: variable.type });
    }
    const nextCounts = { ...counts, [step.action]: (counts[step.action] ?? 0) + 1 };
    const after = frame(next, nextCounts);
    for (const rule of policy.rules) {
      if (rule.property.kind === "always") {
        flag(rule.id, rule.text, "the state after this step can break it", smtNot(smtExpression(interner, rule.property.condition, after)));
      }
    }
    state = next;
    counts = nextCounts;
    scoped = scopedAfter(policy, scoped, step.action);
  });

  for (const text of plan.assume) {
    const expression = parseExpression(text);
    typeOf(expression, { state: {}, symbols: symbolTypeMap, actions: policy.actions });
    constraints.push(smtExpression(interner, expression, { state: () => "0", arg: () => "0", count: () => "0", symbol: symbolTerm, opaque: fresh }));
  }
  const assertion = (facts: string[], goal: string) => (facts.length === 0 ? `(assert ${goal})` : `(assert (and ${facts.join(" ")} ${goal}))`);
  // An invariant over an unchanged state is one condition at many steps: the formula needs it once.
  const script = { declarations, assertion: assertion(constraints, smtOr([...new Set(flags.map((entry) => entry.condition))])) };
  const flaggedScript = () => {
    const flagged = new Map(declarations);
    for (const entry of flags) {
      constants.add(entry.name);
      flagged.set(entry.name, "Bool");
    }
    const definitions = flags.map((entry) => `(= ${entry.name} ${entry.condition})`);
    return { declarations: flagged, assertion: assertion([...constraints, ...definitions], smtOr(flags.map((entry) => entry.name))) };
  };
  return { script, flaggedScript, flags, symbols, states, constants, interner };
}

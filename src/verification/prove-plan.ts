import type { Arith, Bool, Model } from "z3-solver";
import { canonicalHash } from "./canonical-hash.ts";
import { typeOf, type Value } from "./expression.ts";
import { actionPermitted, type Policy } from "./policy.ts";
import { planSchema, symbolOf, type Plan, type PlanInput } from "./plan.ts";
import type { ValueType } from "./property-ast.ts";
import { parseExpression } from "./property-parser.ts";
import type { ProofCache } from "./proof-cache.ts";
import type { ProofResult } from "./proof-result.ts";
import { constantOf, domainOf, encodeExpression, StringInterner, valueOf, type Z3Frame, type Z3Value } from "./z3-encode.ts";
import { z3 } from "./z3-context.ts";

/** The cache key of a proof: the policy's hash and the canonical plan's. */
export function proofKey(policy: Policy, plan: Plan): string {
  return `${policy.hash}:${canonicalHash(plan)}`;
}

interface Violation {
  flag: Bool<"main">;
  step: number;
  rule: string;
  text: string;
  reason: string;
}

/**
 * Proves with z3 that every execution of a plan keeps the policy, for every value of its symbolic
 * arguments allowed by its assumptions; otherwise returns the first step and rule that can break.
 * A cache (keyed by policy hash + canonical plan) answers repeats without the solver.
 *
 * @example
 * const result = await provePlan(policy, { steps: [{ action: "refund", args: { amount: "$x" } }], assume: ["$x <= 100"] });
 * if (result.status === "violated") console.log(result.counterexample.step, result.counterexample.rule);
 */
export async function provePlan(policy: Policy, input: PlanInput, options: { cache?: ProofCache } = {}): Promise<ProofResult> {
  // The raw input's hash is checked first: a cache hit then costs one hash, not a zod parse.
  const rawKey = options.cache === undefined ? "" : `${policy.hash}:raw:${canonicalHash(input)}`;
  const rawHit = options.cache?.get(rawKey);
  if (rawHit !== undefined) return { ...rawHit, cached: true };
  const plan = planSchema.parse(input);
  const key = proofKey(policy, plan);
  const hit = options.cache?.get(key);
  if (hit !== undefined) return { ...hit, cached: true };
  const result = await solve(policy, plan, key);
  options.cache?.set(key, result);
  options.cache?.set(rawKey, result);
  return result;
}

/** The type of each symbol: the declared type of the first argument it fills, else int. */
function symbolTypes(policy: Policy, plan: Plan): Record<string, ValueType> {
  const types: Record<string, ValueType> = {};
  for (const step of plan.steps) {
    for (const [name, value] of Object.entries(step.args)) {
      const symbol = symbolOf(value);
      if (symbol !== undefined && types[symbol] === undefined) types[symbol] = policy.arguments[step.action]?.[name] ?? { kind: "int" };
    }
  }
  return types;
}

async function solve(policy: Policy, plan: Plan, key: string): Promise<ProofResult> {
  const { context, exclusive } = await z3();
  const interner = new StringInterner();
  const symbolTypeMap = symbolTypes(policy, plan);
  const symbols = Object.fromEntries(Object.entries(symbolTypeMap).map(([name, type]) => [name, constantOf(context, `$${name}`, type)]));
  const constraints: Bool<"main">[] = [];
  const violations: Violation[] = [];
  const counted = [...policy.actions];

  let state: Record<string, Z3Value> = {};
  for (const [name, variable] of Object.entries(policy.state)) state[name] = valueOf(context, interner, variable.initial);
  let counts: Record<string, Arith<"main">> = Object.fromEntries(counted.map((action) => [action, context.Int.val(0)]));
  const states: Array<Record<string, Z3Value>> = [];

  plan.steps.forEach((step, index) => {
    states.push(state);
    const action = context.Int.const(`action_${index}`);
    constraints.push(action.eq(interner.id(`action:${step.action}`)));
    const is = (name: string) => action.eq(interner.id(`action:${name}`));
    const argumentTypes = policy.arguments[step.action] ?? {};
    const frame = (current: Record<string, Z3Value>, currentCounts: Record<string, Arith<"main">>): Z3Frame => ({
      state: (name) => current[name] as Z3Value,
      count: (name) => currentCounts[name] ?? context.Int.val(0),
      symbol: (name) => symbols[name] as Z3Value,
      arg: (name) => {
        const raw = step.args[name];
        const symbol = symbolOf(raw);
        if (symbol !== undefined) return symbols[symbol] as Z3Value;
        // A missing argument may hold anything: the proof must not rely on it.
        if (raw === undefined) return constantOf(context, `step${index}.${name}`, argumentTypes[name] ?? { kind: "int" });
        return valueOf(context, interner, raw);
      },
    });
    const here = frame(state, counts);
    const flag = (rule: string, text: string, reason: string, condition: Bool<"main">) => {
      const name = context.Bool.const(`violates_${index}_${violations.length}`);
      constraints.push(name.eq(condition));
      violations.push({ flag: name, step: index, rule, text, reason });
    };

    const permitted = actionPermitted(policy, step.action);
    if (permitted === "forbidden") flag("forbidden_actions", `forbidden_actions: ${step.action}`, `${step.action} is forbidden`, context.Bool.val(true));
    if (permitted === "not_allowed") flag("allowed_actions", `allowed_actions: ${[...policy.allowed].join(", ")}`, `${step.action} is not an allowed action`, context.Bool.val(true));
    for (const rule of policy.rules) {
      const property = rule.property;
      if (property.kind === "never") flag(rule.id, rule.text, `${step.action} must never run`, is(property.action));
      if (property.kind === "at_most") {
        const count = counts[property.action] as Arith<"main">;
        flag(rule.id, rule.text, `run ${property.limit + 1} times or more`, context.And(is(property.action), count.ge(property.limit)));
      }
      if (property.kind === "before" && property.action === step.action) {
        flag(rule.id, rule.text, "its precondition can be false", context.Not(encodeExpression(context, interner, property.condition, here) as Bool<"main">));
      }
    }

    const next: Record<string, Z3Value> = { ...state };
    for (const effect of policy.effects[step.action] ?? []) {
      const variable = policy.state[effect.variable];
      if (variable === undefined) continue;
      const after = constantOf(context, `${effect.variable}_${index + 1}`, variable.type);
      constraints.push(after.eq(encodeExpression(context, interner, effect.expression, here)));
      next[effect.variable] = after;
    }
    const nextCounts = { ...counts, [step.action]: (counts[step.action] ?? context.Int.val(0)).add(1) };
    const after = frame(next, nextCounts);
    for (const rule of policy.rules) {
      if (rule.property.kind === "always") {
        flag(rule.id, rule.text, "the state after this step can break it", context.Not(encodeExpression(context, interner, rule.property.condition, after) as Bool<"main">));
      }
    }
    state = next;
    counts = nextCounts;
  });

  for (const text of plan.assume) {
    const expression = parseExpression(text);
    typeOf(expression, { state: {}, symbols: symbolTypeMap, actions: policy.actions });
    constraints.push(encodeExpression(context, interner, expression, { state: () => context.Int.val(0), arg: () => context.Int.val(0), count: () => context.Int.val(0), symbol: (name) => symbols[name] as Z3Value }) as Bool<"main">);
  }
  for (const [name, type] of Object.entries(symbolTypeMap)) {
    const domain = domainOf(context, interner, symbols[name] as Z3Value, type);
    if (domain !== undefined) constraints.push(domain);
  }

  if (violations.length === 0) return { status: "proved", key, cached: false };
  return exclusive(async (solver) => {
    solver.add(...constraints, context.Or(...violations.map((violation) => violation.flag)));
    if ((await solver.check()) === "unsat") return { status: "proved", key, cached: false };
    const model = solver.model();
    const first = violations.find((violation) => context.isTrue(model.eval(violation.flag, true))) ?? (violations[0] as Violation);
    const read = (term: Z3Value, type: ValueType | undefined) => readValue(model, term, type, interner);
    return {
      status: "violated",
      key,
      cached: false,
      counterexample: {
        step: first.step,
        action: plan.steps[first.step]?.action ?? "",
        rule: first.rule,
        text: first.text,
        reason: first.reason,
        symbols: Object.fromEntries(Object.entries(symbols).map(([name, term]) => [name, read(term, symbolTypeMap[name])])),
        state: Object.fromEntries(Object.entries(states[first.step] ?? {}).map(([name, term]) => [name, read(term, policy.state[name]?.type)])),
      },
    };
  });
}

function readValue(model: Model<"main">, term: Z3Value, type: ValueType | undefined, interner: StringInterner): Value {
  const evaluated = model.eval(term, true).toString();
  if (type?.kind === "bool") return evaluated === "true";
  const number = Number(evaluated.replace(/[()\s]/g, ""));
  if (type?.kind === "enum" || type?.kind === "string") return interner.text(number) ?? `<any string #${number}>`;
  return Number.isFinite(number) ? number : evaluated;
}

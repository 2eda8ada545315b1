import type { Context, Model } from "z3-solver";
import { canonicalHash, canonicalJson } from "./canonical-hash.ts";
import { encodePlan, type PlanContext, type PlanEncoding, type StateTerm } from "./encode-plan.ts";
import type { Value } from "./expression.ts";
import type { Policy } from "./policy.ts";
import { planSchema, type Plan, type PlanInput } from "./plan.ts";
import type { ProofCache } from "./proof-cache.ts";
import type { ProofResult } from "./proof-result.ts";
import { z3 } from "./z3-context.ts";

export interface ProveOptions extends PlanContext {
  cache?: ProofCache;
}

/** The cache key of a proof: the policy's hash and the canonical plan's. */
export function proofKey(policy: Policy, plan: Plan): string {
  return `${policy.hash}:${canonicalHash(plan)}`;
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
export async function provePlan(policy: Policy, input: PlanInput, options: ProveOptions = {}): Promise<ProofResult> {
  const cache = options.cache;
  const planContext: PlanContext = { ...(options.start ? { start: options.start } : {}), ...(options.facts ? { facts: options.facts } : {}), ...(options.approved ? { approved: options.approved } : {}) };
  // The start state, facts and approvals change what is provable: they are part of the key (absent, nothing is added).
  const contextKey = options.start === undefined && options.facts === undefined && options.approved === undefined ? "" : `:${canonicalJson({ ...planContext, approved: [...(options.approved ?? [])] })}`;
  // A hit costs one canonical string of the raw input and a Map lookup: the cache is keyed by the
  // canonical text itself, so there is no hash to compute and no collision to guard against.
  const rawKey = cache === undefined ? "" : `${policy.hash}:${canonicalJson(input)}${contextKey}`;
  const rawHit = cache?.get(rawKey);
  if (rawHit !== undefined) return { ...rawHit, cached: true };
  const plan = planSchema.parse(input);
  const planKey = `${policy.hash}:${canonicalJson(plan)}${contextKey}`;
  const hit = cache?.get(planKey);
  if (hit !== undefined) {
    cache?.set(rawKey, hit);
    return { ...hit, cached: true };
  }
  const result = await solve(policy, plan, `${proofKey(policy, plan)}${contextKey}`, planContext);
  cache?.set(planKey, result);
  cache?.set(rawKey, result);
  return result;
}

async function solve(policy: Policy, plan: Plan, key: string, planContext: PlanContext): Promise<ProofResult> {
  const encoding = encodePlan(policy, plan, planContext);
  if (encoding.flags.length === 0) return { status: "proved", key, cached: false };
  const { context, exclusive, checkNow, assertScript, proofSolver } = await z3();
  return exclusive(async (solver) => {
    // One parse and one check for the whole plan: each z3 API call crosses into WASM.
    assertScript(solver, encoding.script);
    const verdict = checkNow(solver);
    if (verdict === "unsat") return { status: "proved", key, cached: false };
    if (verdict === "unknown") throw new Error(`z3 could not decide the plan proof (${solver.reasonUnknown()}); simplify the plan's assumptions`);
    // Some step can break a rule: check again with a named flag per rule instance, so the model says which.
    solver.pop();
    solver.push();
    assertScript(solver, encoding.flaggedScript());
    if (checkNow(solver) !== "sat") throw new Error("z3 found a violation of a plan but not in its flagged encoding; report this plan as a bug");
    const flagOf = (index: number) => context.Bool.const(encoding.flags[index]?.name ?? "");
    const firstTrue = (model: Model<"main">) => Math.max(0, encoding.flags.findIndex((_, index) => context.isTrue(model.eval(flagOf(index), true))));
    let model = solver.model();
    let first = firstTrue(model);
    // A model may break a later rule while an earlier one can break too: narrow to the earliest.
    while (first > 0) {
      solver.push();
      try {
        solver.add(context.Or(...Array.from({ length: first }, (_, index) => flagOf(index))));
        if (checkNow(solver) !== "sat") break;
        model = solver.model();
        first = firstTrue(model);
      } finally {
        solver.pop();
      }
    }
    const flag = encoding.flags[first] ?? (encoding.flags[0] as PlanEncoding["flags"][number]);
    const read = (entry: StateTerm) => readValue(context, model, entry, encoding);
    return {
      status: "violated",
      key,
      cached: false,
      counterexample: {
        step: flag.step,
        action: plan.steps[flag.step]?.action ?? "",
        rule: flag.rule,
        text: flag.text,
        reason: flag.reason,
        ...(flag.needsApproval === true ? { needsApproval: true } : {}),
        symbols: Object.fromEntries([...encoding.symbols].map(([name, entry]) => [name, read(entry)])),
        state: Object.fromEntries([...(encoding.states[flag.step] ?? [])].map(([name, entry]) => [name, read(entry)])),
      },
    };
  }, proofSolver);
}

function readValue(context: Context<"main">, model: Model<"main">, entry: StateTerm, encoding: PlanEncoding): Value {
  let text = entry.term;
  if (encoding.constants.has(text)) text = model.eval(entry.type.kind === "bool" ? context.Bool.const(text) : context.Int.const(text), true).toString();
  if (entry.type.kind === "bool") return text === "true";
  const number = Number(text.replace(/[()\s]/g, ""));
  if (entry.type.kind === "enum" || entry.type.kind === "string") return encoding.interner.text(number) ?? `<any string #${number}>`;
  return Number.isFinite(number) ? number : text;
}

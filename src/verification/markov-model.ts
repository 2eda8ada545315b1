import type { BaseStore } from "@langchain/langgraph-checkpoint";
import { z } from "zod";
import type { Value } from "./expression.ts";
import type { Policy } from "./policy.ts";
import type { MonitorState } from "./monitor-state.ts";

/** The absorbing state every observed violation leads to. */
export const VIOLATION = "!violation";
export const MARKOV_MODEL_VERSION = 1;

/** One observed step of a trace; `violation` is the label (the step broke the policy or a person flagged it). */
export interface TraceStep {
  action: string;
  args?: Record<string, unknown>;
  violation?: boolean;
}

const persistedSchema = z.strictObject({
  version: z.literal(MARKOV_MODEL_VERSION),
  policy_hash: z.string(),
  transitions: z.record(z.string(), z.record(z.string(), z.number().int().nonnegative())),
});

/** Integers are bucketed by order of magnitude so a handful of abstract states covers any amount. */
function bucket(value: Value): string {
  if (typeof value !== "number") return String(value);
  return value <= 0 ? String(Math.sign(value)) : `~2^${Math.ceil(Math.log2(value + 1))}`;
}

/**
 * A Markov decision model over abstract agent states (last action, state variables bucketed, counts of
 * rate-limited actions capped at their limit), learned by counting transitions in observed traces.
 * `risk(state, k)` is the probability of reaching a violation within k steps under the observed
 * behaviour, by value iteration; results are memoised until the next observation.
 *
 * @example
 * const model = new MarkovModel(policy);
 * model.observe([{ action: "unlock_database" }, { action: "write_to_database", violation: true }]);
 * model.risk(monitor.check(state, "unlock_database", {}).next, 3); // 1
 */
export class MarkovModel {
  private transitions = new Map<string, Map<string, number>>();
  private readonly memo = new Map<string, number>();
  private readonly limits: Array<[string, number]>;

  constructor(readonly policy: Policy) {
    this.limits = policy.rules.flatMap((rule) => (rule.property.kind === "at_most" ? [[rule.property.action, rule.property.limit + 1] as [string, number]] : []));
  }

  /** The abstract state of a monitor state. */
  abstract(state: MonitorState): string {
    const values = Object.keys(this.policy.state).map((name) => `${name}=${bucket(state.values[name] ?? 0)}`);
    const counts = this.limits.map(([action, cap]) => `#${action}=${Math.min(state.counts[action] ?? 0, cap)}`);
    return [state.last_action ?? "^", ...values, ...counts].join("|");
  }

  /** Learns from one trace, replaying the policy's effects to follow the state. */
  observe(trace: readonly TraceStep[]): void {
    let state: MonitorState = { values: Object.fromEntries(Object.entries(this.policy.state).map(([name, variable]) => [name, variable.initial])), counts: {} };
    let from = this.abstract(state);
    for (const step of trace) {
      if (step.violation === true) {
        this.count(from, VIOLATION);
        break;
      }
      const values = { ...state.values };
      const context = { state: state.values, args: step.args ?? {}, counts: state.counts };
      for (const effect of this.policy.effects[step.action] ?? []) {
        try {
          values[effect.variable] = effect.evaluate(context);
        } catch {
          // An unreadable argument leaves the variable as it was: the trace is evidence, not a command.
        }
      }
      state = { values, counts: { ...state.counts, [step.action]: (state.counts[step.action] ?? 0) + 1 }, last_action: step.action };
      const to = this.abstract(state);
      this.count(from, to);
      from = to;
    }
    this.memo.clear();
  }

  private count(from: string, to: string): void {
    const row = this.transitions.get(from) ?? new Map<string, number>();
    row.set(to, (row.get(to) ?? 0) + 1);
    this.transitions.set(from, row);
  }

  /** P(violation within `horizon` steps) from a monitor state; 0 for a state never observed. */
  risk(state: MonitorState, horizon: number): number {
    return this.riskFrom(this.abstract(state), horizon);
  }

  private riskFrom(key: string, horizon: number): number {
    if (key === VIOLATION) return 1;
    if (horizon <= 0) return 0;
    const memoKey = `${horizon}\u0000${key}`;
    const known = this.memo.get(memoKey);
    if (known !== undefined) return known;
    const row = this.transitions.get(key);
    let value = 0;
    if (row !== undefined) {
      let total = 0;
      for (const count of row.values()) total += count;
      for (const [to, count] of row) value += (count / total) * this.riskFrom(to, horizon - 1);
    }
    this.memo.set(memoKey, value);
    return value;
  }

  /** How many abstract states have outgoing transitions. */
  get stateCount(): number {
    return this.transitions.size;
  }

  toJSON(): z.output<typeof persistedSchema> {
    return {
      version: MARKOV_MODEL_VERSION,
      policy_hash: this.policy.hash,
      transitions: Object.fromEntries([...this.transitions].map(([from, row]) => [from, Object.fromEntries(row)])),
    };
  }

  /** Restores a model; refuses one learned under another policy (its abstract states would not match). */
  static fromJSON(policy: Policy, raw: unknown): MarkovModel {
    const data = persistedSchema.parse(raw);
    if (data.policy_hash !== policy.hash) {
      throw new Error(`the Markov model was learned under policy ${data.policy_hash.slice(0, 12)}, not ${policy.hash.slice(0, 12)}: relearn it from traces`);
    }
    const model = new MarkovModel(policy);
    model.transitions = new Map(Object.entries(data.transitions).map(([from, row]) => [from, new Map(Object.entries(row))]));
    return model;
  }
}

/** Where models live in a BaseStore: one item per policy name. */
export const MARKOV_NAMESPACE = ["verification", "markov"];

/** Persists a model in a BaseStore (the SQLite store in production). */
export async function saveMarkovModel(store: BaseStore, model: MarkovModel): Promise<void> {
  await store.put(MARKOV_NAMESPACE, model.policy.name, model.toJSON());
}

/** Loads a persisted model, or a fresh one when none was saved for this policy. */
export async function loadMarkovModel(store: BaseStore, policy: Policy): Promise<MarkovModel> {
  const item = await store.get(MARKOV_NAMESPACE, policy.name);
  return item === null ? new MarkovModel(policy) : MarkovModel.fromJSON(policy, item.value);
}

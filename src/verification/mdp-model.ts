import { randomUUID } from "node:crypto";
import { scopedCountKey, usedSoFar } from "./scoped-limits.ts";
import { z } from "zod";
import type { Value } from "./expression.ts";
import type { Policy } from "./policy.ts";
import type { MonitorState } from "./monitor-state.ts";

/** The absorbing state every observed violation leads to. */
export const VIOLATION = "!violation";
export const MDP_MODEL_VERSION = 2;

/** The persisted form of a model's counts (all of them, or one process's share: see mdp-store.ts). */
export const persistedMdpSchema = z.strictObject({
  version: z.literal(MDP_MODEL_VERSION),
  policy_hash: z.string(),
  /** `state \u0001 action` -> next abstract state -> count. */
  transitions: z.record(z.string(), z.record(z.string(), z.number().int().nonnegative())),
});

/** Integers are bucketed by order of magnitude so a handful of abstract states covers any amount. */
function bucket(value: Value): string {
  if (typeof value !== "number") return String(value);
  return value <= 0 ? String(Math.sign(value)) : `~2^${Math.ceil(Math.log2(value + 1))}`;
}

/** What the model says about taking an action in a state. */
export interface MdpAssessment {
  /** P(reaching a violation within the horizon), taking the action now and then acting as observed. */
  risk: number;
  /** False when this (abstract state, action) pair was never observed: the caller's unseen rule decides. */
  seen: boolean;
}

const pairKey = (state: string, action: string) => `${state}\u0001${action}`;

/**
 * A Markov decision process over (abstract state, action), learned online from the agent's own steps:
 * each executed call counts a transition to the state it led to, each call the monitor stopped counts one to
 * the absorbing VIOLATION state. `assess(state, action, k)` is the probability of reaching a violation
 * within k steps (bounded value iteration: the first step is the action asked about, later steps follow the
 * actions the agent was observed to take in each state). A pair never observed is reported as unseen, never
 * as risk 0; a later state with no observed actions counts at the overall violation rate.
 *
 * @example
 * const mdp = new MdpModel(policy);
 * mdp.observe(before, "unlock_database", after);
 * mdp.observe(after, "write_to_database", "violation");
 * mdp.assess(before, "unlock_database", 2); // { risk: 1, seen: true }
 */
export class MdpModel {
  private transitions = new Map<string, Map<string, number>>();
  /** What this model observed itself (not absorbed from others): the share its process persists. */
  private readonly own = new Map<string, Map<string, number>>();
  /** The key this model's own counts are persisted under: one per process, so processes never overwrite each other. */
  readonly instanceId: string;
  /** state -> action -> how often the agent took it there (the observed behaviour for later steps). */
  private choices = new Map<string, Map<string, number>>();
  private readonly memo = new Map<string, number>();
  private readonly limits: Array<{ action: string; cap: number; scope: { fact: string } | undefined }>;
  private violations = 0;
  private total = 0;

  constructor(
    readonly policy: Policy,
    options: { instanceId?: string } = {},
  ) {
    this.instanceId = options.instanceId ?? randomUUID();
    this.limits = policy.rules.flatMap((rule) => (rule.property.kind === "at_most" ? [{ action: rule.property.action, cap: rule.property.limit + 1, scope: rule.property.scope }] : []));
  }

  /** The abstract state of a monitor state: last action, bucketed variables, rate-limited counts up to their cap. */
  abstract(state: MonitorState): string {
    const values = Object.keys(this.policy.state).map((name) => `${name}=${bucket(state.values[name] ?? 0)}`);
    const counts = this.limits.map(({ action, cap, scope }) => `#${scope === undefined ? action : scopedCountKey(action, scope.fact)}=${Math.min(usedSoFar(state, action, scope), cap)}`);
    return [state.last_action ?? "^", ...values, ...counts].join("|");
  }

  /** Learns one step: `action` taken in `from` led to `to` (or was stopped as a violation). */
  observe(from: MonitorState, action: string, to: MonitorState | "violation"): void {
    const source = this.abstract(from);
    const target = to === "violation" ? VIOLATION : this.abstract(to);
    this.count(source, action, target);
    const key = pairKey(source, action);
    const row = this.own.get(key) ?? new Map<string, number>();
    row.set(target, (row.get(target) ?? 0) + 1);
    this.own.set(key, row);
  }

  private count(from: string, action: string, to: string, times = 1): void {
    const key = pairKey(from, action);
    const row = this.transitions.get(key) ?? new Map<string, number>();
    row.set(to, (row.get(to) ?? 0) + times);
    this.transitions.set(key, row);
    const taken = this.choices.get(from) ?? new Map<string, number>();
    taken.set(action, (taken.get(action) ?? 0) + times);
    this.choices.set(from, taken);
    this.total += times;
    if (to === VIOLATION) this.violations += times;
    this.memo.clear();
  }

  /** Risk of taking `action` in `state` within `horizon` steps, and whether the pair was ever observed. */
  assess(state: MonitorState, action: string, horizon: number): MdpAssessment {
    const from = this.abstract(state);
    const row = this.transitions.get(pairKey(from, action));
    if (row === undefined) return { risk: this.baseRate(), seen: false };
    return { risk: this.expected(row, horizon - 1), seen: true };
  }

  /** The overall observed violation rate: the value of a state the agent was never seen acting in. */
  private baseRate(): number {
    return this.total === 0 ? 0 : this.violations / this.total;
  }

  private expected(row: Map<string, number>, horizon: number): number {
    let sum = 0;
    let value = 0;
    for (const count of row.values()) sum += count;
    for (const [to, count] of row) value += (count / sum) * this.value(to, horizon);
    return value;
  }

  /** V_k(s): P(violation within k more steps from s) under the observed action frequencies. */
  private value(state: string, horizon: number): number {
    if (state === VIOLATION) return 1;
    if (horizon <= 0) return 0;
    const memoKey = `${horizon}\u0000${state}`;
    const known = this.memo.get(memoKey);
    if (known !== undefined) return known;
    const taken = this.choices.get(state);
    let value = this.baseRate();
    if (taken !== undefined) {
      value = 0;
      let sum = 0;
      for (const count of taken.values()) sum += count;
      for (const [action, count] of taken) value += (count / sum) * this.expected(this.transitions.get(pairKey(state, action)) ?? new Map(), horizon - 1);
    }
    this.memo.set(memoKey, value);
    return value;
  }

  /** How many (state, action) pairs were observed. */
  get pairCount(): number {
    return this.transitions.size;
  }

  /** Every count the model holds (its own and what it absorbed). */
  toJSON(): z.output<typeof persistedMdpSchema> {
    return this.serialise(this.transitions);
  }

  /** Only what this model observed itself: its process's share, persisted under `instanceId`. */
  learned(): z.output<typeof persistedMdpSchema> {
    return this.serialise(this.own);
  }

  /** Whether this model observed anything itself. */
  get hasLearned(): boolean {
    return this.own.size > 0;
  }

  private serialise(transitions: ReadonlyMap<string, ReadonlyMap<string, number>>): z.output<typeof persistedMdpSchema> {
    return { version: MDP_MODEL_VERSION, policy_hash: this.policy.hash, transitions: Object.fromEntries([...transitions].map(([from, row]) => [from, Object.fromEntries(row)])) };
  }

  /** Adds persisted counts (another process's, or an earlier run's) to this model. */
  absorb(raw: unknown): void {
    const data = persistedMdpSchema.parse(raw);
    if (data.policy_hash !== this.policy.hash) return;
    for (const [key, row] of Object.entries(data.transitions)) {
      const [from = "", action = ""] = key.split("\u0001");
      for (const [to, count] of Object.entries(row)) this.count(from, action, to, count);
    }
  }

  /** Restores a model; refuses one learned under another policy (its abstract states would not match). */
  static fromJSON(policy: Policy, raw: unknown): MdpModel {
    const data = persistedMdpSchema.parse(raw);
    if (data.policy_hash !== policy.hash) {
      throw new Error(`the MDP was learned under policy ${data.policy_hash.slice(0, 12)}, not ${policy.hash.slice(0, 12)}: relearn it from traces`);
    }
    const model = new MdpModel(policy);
    for (const [key, row] of Object.entries(data.transitions)) {
      const [from = "", action = ""] = key.split("\u0001");
      for (const [to, count] of Object.entries(row)) model.count(from, action, to, count);
    }
    return model;
  }
}

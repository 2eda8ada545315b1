import { SwitchyardError } from "../errors.ts";
import { seededRandom, type SeededRandom } from "../workload/seeded-random.ts";

/**
 * One thing the fault proxy can do to a request instead of (or while) passing it through.
 * - `status`: answer with this status and a provider-neutral JSON error (500 bursts, 503s); with
 *   `retryAfterSeconds` a Retry-After header too (429 storms).
 * - `refuse`: the route's listener is closed, so connecting fails with ECONNREFUSED (a dead backend).
 * - `reset`: the connection is accepted, then destroyed before any byte of the answer.
 * - `slow_headers`: the answer's headers leave `delayMs` late.
 * - `slow_body`: every chunk of the answer waits `chunkDelayMs` before it is passed on.
 * - `drop_stream`: `afterChunks` chunks are passed on, then the connection dies (`clean`: ends without an
 *   error instead, as a stream whose last events were lost); an answer shorter than that is cut in its
 *   last chunk, so a drop always loses something.
 * - `malformed`: a 200 answer whose body does not parse: `corrupt` breaks JSON (or one stream event) and
 *   keeps the framing, `html` replaces the body with a proxy's HTML error page.
 */
export type Fault =
  | { kind: "status"; status: number; retryAfterSeconds?: number }
  | { kind: "refuse" }
  | { kind: "reset" }
  | { kind: "slow_headers"; delayMs: number }
  | { kind: "slow_body"; chunkDelayMs: number }
  | { kind: "drop_stream"; afterChunks: number; clean?: boolean }
  | { kind: "malformed"; style: "corrupt" | "html" };

export type FaultKind = Fault["kind"];

/** A fault and the share of requests it hits; `burst` makes a hit last for that many requests in a row. */
export interface FaultRule {
  fault: Fault;
  /** Share of requests, 0..1; 1 when absent. Rules are tried in order on one draw. */
  rate?: number;
  burst?: number;
}

/** What a route does from now on: rules drawn per request; no rules passes everything through. */
export interface FaultPlan {
  rules: FaultRule[];
}

/** A plan that changes over time: each phase applies from `afterMs` (on the proxy's clock) after it was set. */
export interface FaultPhase {
  afterMs: number;
  plan: FaultPlan;
}

/** A fault plan the proxy cannot carry out, naming the route, the rule and the fix. */
export class FaultPlanError extends SwitchyardError {
  readonly route: string;
  readonly field: string;

  constructor(route: string, field: string, message: string) {
    super("emulator_profile_invalid", `fault plan of route ${route}: ${field}: ${message}`);
    this.route = route;
    this.field = field;
  }
}

/** Passing everything through. */
export const healthyPlan: FaultPlan = { rules: [] };

/**
 * Every request gets `fault`.
 *
 * @example
 * await proxy.setPlan("primary", always({ kind: "status", status: 429, retryAfterSeconds: 2 }));
 */
export function always(fault: Fault): FaultPlan {
  return { rules: [{ fault }] };
}

/**
 * Checks a plan before it is used: rates in 0..1 summing to 1 at most, positive delays, and `refuse` only
 * as the single rule of a plan (a listener is open or closed for every request, not for a share of them).
 */
export function checkPlan(route: string, plan: FaultPlan): void {
  let total = 0;
  for (const [index, rule] of plan.rules.entries()) {
    const field = `rules[${index}]`;
    const rate = rule.rate ?? 1;
    if (!(rate >= 0 && rate <= 1)) throw new FaultPlanError(route, `${field}.rate`, `${rate} is not a share. Fix: use a number from 0 to 1.`);
    total += rate;
    if (rule.burst !== undefined && !(Number.isInteger(rule.burst) && rule.burst >= 1)) {
      throw new FaultPlanError(route, `${field}.burst`, `${rule.burst} is not a count of requests. Fix: use a whole number >= 1.`);
    }
    const fault = rule.fault;
    if (fault.kind === "refuse" && (plan.rules.length !== 1 || rate !== 1)) {
      throw new FaultPlanError(route, field, "refuse closes the route's listener for every request. Fix: make it the only rule, with rate 1 (or use reset for a share).");
    }
    const delay = fault.kind === "slow_headers" ? fault.delayMs : fault.kind === "slow_body" ? fault.chunkDelayMs : 0;
    if (!(delay >= 0 && Number.isFinite(delay))) throw new FaultPlanError(route, `${field}.fault`, `delay ${delay} ms is not a duration. Fix: use a number >= 0.`);
    if (fault.kind === "drop_stream" && !(Number.isInteger(fault.afterChunks) && fault.afterChunks >= 0)) {
      throw new FaultPlanError(route, `${field}.fault.afterChunks`, `${fault.afterChunks} is not a count. Fix: use a whole number >= 0.`);
    }
    if (fault.kind === "status" && !(Number.isInteger(fault.status) && fault.status >= 400 && fault.status <= 599)) {
      throw new FaultPlanError(route, `${field}.fault.status`, `${fault.status} is not an error status. Fix: use 400..599.`);
    }
  }
  if (total > 1 + 1e-9) throw new FaultPlanError(route, "rules", `the rates add up to ${total}. Fix: keep their sum at 1 or below.`);
}

/** Whether a plan keeps the route's listener closed. */
export function isDead(plan: FaultPlan): boolean {
  return plan.rules.length === 1 && plan.rules[0]!.fault.kind === "refuse";
}

/** FNV-1a of the route name, so every route draws its own seeded sequence. */
function routeSeed(seed: number, route: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (const char of route) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return hash >>> 0;
}

/**
 * Draws the fault of each request of one route from its plan or schedule: one seeded draw per request,
 * so the same arrival order meets the same faults; a burst repeats its fault without drawing.
 *
 * @example
 * const picker = new FaultPicker("primary", 7, () => clock.now());
 * picker.set([{ afterMs: 0, plan: always({ kind: "reset" }) }, { afterMs: 5_000, plan: healthyPlan }]);
 * picker.next(); // { kind: "reset" } for the first 5 s, then undefined
 */
export class FaultPicker {
  private readonly random: SeededRandom;
  private phases: FaultPhase[] = [{ afterMs: 0, plan: healthyPlan }];
  private setAt = 0;
  private burst: { fault: Fault; left: number } | undefined;

  constructor(
    readonly route: string,
    seed: number,
    private readonly now: () => number,
  ) {
    this.random = seededRandom(routeSeed(seed, route));
  }

  /** Replaces the plan (or schedule) from now on; a burst in progress ends. */
  set(plan: FaultPlan | FaultPhase[]): void {
    const phases = Array.isArray(plan) ? [...plan].sort((left, right) => left.afterMs - right.afterMs) : [{ afterMs: 0, plan }];
    for (const phase of phases) checkPlan(this.route, phase.plan);
    if (phases.length > 1 && phases.some((phase) => isDead(phase.plan))) {
      throw new FaultPlanError(this.route, "schedule", "refuse cannot be timed inside a schedule (nothing arrives to switch it back). Fix: set it with setPlan when it should start and end.");
    }
    this.phases = phases.length === 0 ? [{ afterMs: 0, plan: healthyPlan }] : phases;
    this.setAt = this.now();
    this.burst = undefined;
  }

  /** The plan in force now. */
  current(): FaultPlan {
    const elapsed = this.now() - this.setAt;
    let plan = this.phases[0]!.plan;
    for (const phase of this.phases) if (phase.afterMs <= elapsed) plan = phase.plan;
    return plan;
  }

  /** The fault for the next request, or undefined to pass it through. */
  next(): Fault | undefined {
    if (this.burst !== undefined) {
      const { fault } = this.burst;
      this.burst.left -= 1;
      if (this.burst.left <= 0) this.burst = undefined;
      return fault;
    }
    const draw = this.random.next();
    let edge = 0;
    for (const rule of this.current().rules) {
      edge += rule.rate ?? 1;
      if (draw < edge) {
        if ((rule.burst ?? 1) > 1) this.burst = { fault: rule.fault, left: rule.burst! - 1 };
        return rule.fault;
      }
    }
    return undefined;
  }
}

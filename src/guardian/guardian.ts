import type { GuardianConfig } from "../config/guardian-config.ts";
import type { Attempt } from "../state/gateway-state.ts";
import { summarizeKeys, type BaselineSummary } from "./baseline-summary.ts";
import { describeEvidence, describeFinding } from "./describe-finding.ts";
import { detectorNames, detectors, type Finding } from "./detectors.ts";
import type { EventSink, GuardianEvent } from "./guardian-event.ts";
import { failingDeployments } from "./failing-deployments.ts";
import { incidentId, subjectOf, type Incident } from "./incident.ts";
import { KeyStatistics, type Observation } from "./key-statistics.ts";
import { QuarantineQueue } from "./quarantine-queue.ts";
import { RefusalShares } from "./refusal-shares.ts";
import { inertTarget, type RecoveryTarget } from "./recovery-target.ts";

export type { BaselineSummary } from "./baseline-summary.ts";

export interface GuardianOptions {
  config: GuardianConfig;
  now: () => number;
  target?: RecoveryTarget;
  events?: EventSink;
}

/** The part of an attempt the guardian reads. */
export type ObservedAttempt = Pick<Attempt, "deployment" | "mode" | "outcome" | "latency_ms" | "input_tokens" | "output_tokens" | "cost_usd"> & Pick<Partial<Attempt>, "in_flight" | "error_class">;

/**
 * Failures the request caused, not the deployment: a prompt over the context window, a request the provider
 * refused as malformed, content its policy refused. Counting them would let any caller quarantine a healthy
 * deployment for everyone by sending such requests; they are left out of every window, unless the deployment
 * refuses far more than the rest of the fleet (`RefusalShares`: then they are its failures).
 */
const callerCaused: ReadonlySet<string> = new Set(["context_window", "bad_request", "content_policy"]);


/**
 * Watches every (deployment, mode): `observe` is O(1) per attempt; `evaluate` judges only the keys touched
 * since the last call (plus incidents whose hold expired), applies recovery through the {@link RecoveryTarget}
 * and returns the events it logged. Hysteresis: a detector must fire `trigger_after` evaluations in a row to
 * act, and be inside its tighter clear threshold `clear_after` evaluations in a row to restore.
 *
 * @example
 * const guardian = new Guardian({ config: defaultGuardianConfig(), now: Date.now, target, events });
 * for (const attempt of state.attempts) guardian.observe(attempt);
 * const actions = guardian.evaluate();
 */
export class Guardian {
  readonly config: GuardianConfig;
  readonly keys = new Map<string, KeyStatistics>();
  readonly incidents = new Map<string, Incident>();
  readonly #streaks = new Map<string, number>();
  readonly #now: () => number;
  readonly #target: RecoveryTarget;
  readonly #events: EventSink | undefined;
  readonly #quarantines: QuarantineQueue;
  readonly #refusals = new RefusalShares();

  constructor(options: GuardianOptions) {
    this.config = options.config;
    this.#now = options.now;
    this.#target = options.target ?? inertTarget;
    const failing = () => failingDeployments(this.keys.values(), this.config.errors.min_samples, this.config.errors.min_increase, [...this.incidents.values()].filter((incident) => incident.action === "quarantine").map((incident) => incident.deployment));
    this.#quarantines = new QuarantineQueue(this.#target, failing);
    this.#events = options.events;
  }

  /**
   * Folds one attempt in; `correct` is the verdict of an answered attempt when known. `pinned`: the request
   * named its deployment, so its refusals say nothing about the deployment against the rest of the fleet.
   */
  observe(attempt: ObservedAttempt, correct?: boolean, pinned = false): void {
    const answered = attempt.outcome !== "transport_error";
    const refused = !answered && attempt.error_class !== undefined && callerCaused.has(attempt.error_class);
    if (!pinned) this.#refusals.record(attempt.deployment, refused);
    if (refused && (pinned || !this.#refusals.outlier(attempt.deployment))) return;
    this.observeSample({
      deployment: attempt.deployment,
      mode: attempt.mode,
      failed: !answered,
      latencyMs: attempt.latency_ms,
      ...(answered ? { valid: attempt.outcome === "ok" } : {}),
      ...(attempt.outcome === "invalid_output" ? { correct: false } : attempt.outcome === "ok" && correct !== undefined ? { correct } : {}),
      tokens: attempt.input_tokens + attempt.output_tokens,
      costUsd: attempt.cost_usd,
      ...(attempt.in_flight === undefined ? {} : { inFlight: attempt.in_flight }),
      ...(answered ? { outputTokens: attempt.output_tokens } : {}),
    });
  }

  observeSample(observation: Observation): void {
    const id = `${observation.deployment}\u0000${observation.mode}`;
    let key = this.keys.get(id);
    if (key === undefined) {
      key = new KeyStatistics(observation.deployment, observation.mode, this.config.window_size, this.config.rate_window_size, this.config.baseline_size);
      key.learning = ![...this.incidents.values()].some((incident) => covers(incident, key as KeyStatistics));
      this.keys.set(id, key);
    }
    key.observe(observation);
  }

  /** Judges what changed, acts, and returns the events of this evaluation. */
  evaluate(): GuardianEvent[] {
    const now = this.#now();
    const emitted: GuardianEvent[] = [];
    const emit = this.#emitter(now, emitted);
    for (const incident of this.incidents.values()) {
      if (incident.phase === "active" && now >= incident.until) this.#lift(incident, emit);
    }
    for (const key of this.keys.values()) {
      if (!key.dirty) continue;
      key.dirty = false;
      for (const detector of detectorNames) {
        const finding = detectors[detector](key, this.config);
        const incident = this.incidents.get(incidentId(detector, key.deployment, key.mode));
        if (incident === undefined) this.#watch(key, finding, now, emit);
        else if (incident.phase === "probation") this.#probation(incident, finding, now, emit);
      }
    }
    return emitted;
  }

  /**
   * Puts restored incidents back in force on the target after a restart: the target's state (an in-memory
   * cooldown, a blocked mode, a strategy override, raised exploration) died with the old process, the
   * incident did not. Holds that expired meanwhile are left for the next `evaluate` to lift.
   */
  reinstate(): GuardianEvent[] {
    const now = this.#now();
    const emitted: GuardianEvent[] = [];
    const emit = this.#emitter(now, emitted);
    for (const incident of this.incidents.values()) {
      if (incident.action === "block_mode") this.#target.setExploration(incident.deployment, this.config.recovery.exploration_boost);
      if (incident.action === "block_mode" && incident.phase === "probation") this.#probe(incident, true);
      if (incident.phase !== "active" || now >= incident.until) continue;
      const reason = `guardian: ${incident.action} of ${subjectOf(incident)} reinstated after a restart, held until ${new Date(incident.until).toISOString()}`;
      this.#enforce(incident, reason, emit, () => emit({ category: "recovery", kind: "reinstate", subject: subjectOf(incident), reason, evidence: { action: incident.action, until: incident.until, level: incident.level } }));
    }
    return emitted;
  }

  /** Settles once every quarantine asked for so far was applied or refused (tests, shutdown). */
  settled(): Promise<void> {
    return this.#quarantines.settled();
  }

  /** Per key: samples, baseline figures and whether it is learning. */
  summary(): BaselineSummary[] {
    return summarizeKeys(this.keys.values(), this.config);
  }

  #watch(key: KeyStatistics, finding: Finding, now: number, emit: (event: Omit<GuardianEvent, "at">) => void): void {
    const streakId = `${finding.detector}\u0000${key.deployment}\u0000${key.mode}`;
    const streak = finding.verdict === "firing" ? (this.#streaks.get(streakId) ?? 0) + 1 : 0;
    this.#streaks.set(streakId, streak);
    // A run of invalid answers is already a count of consecutive evidence (invalid-run.ts): waiting for more
    // evaluations asks for a longer run, and the policy stops asking a mode whose every answer is retried
    // after ~8 of them (a simulation of the gateway test's weights, 40 seeds).
    if (streak < this.config.trigger_after && finding.evidence.measure !== "invalid_run") return;
    this.#streaks.set(streakId, 0);
    const incident: Incident = {
      detector: finding.detector,
      deployment: key.deployment,
      ...(finding.detector === "correctness" ? { mode: key.mode } : {}),
      action: finding.detector === "correctness" ? "block_mode" : finding.detector === "cost" ? "switch_strategy" : "quarantine",
      phase: "active",
      openedAt: now,
      until: now,
      level: 0,
      firingStreak: 0,
      healthyStreak: 0,
      evidence: { ...finding.evidence, mode: key.mode, consecutive_evaluations: streak },
    };
    this.incidents.set(incidentId(finding.detector, key.deployment, key.mode), incident);
    emit({ category: "detection", kind: finding.detector, subject: `${key.deployment}/${key.mode}`, reason: describeFinding(finding), evidence: incident.evidence });
    this.#apply(incident, emit);
  }

  #apply(incident: Incident, emit: (event: Omit<GuardianEvent, "at">) => void): void {
    const now = this.#now();
    const recovery = this.config.recovery;
    const hold = (seconds: number) => Math.min(seconds * 2 ** incident.level, Math.max(seconds, recovery.max_quarantine_seconds)) * 1000;
    incident.phase = "active";
    incident.firingStreak = 0;
    incident.healthyStreak = 0;
    for (const key of this.keys.values()) {
      if (!covers(incident, key)) continue;
      // The degraded samples must neither become baseline nor be judged again during probation.
      if (typeof incident.evidence.run === "number") key.absorbRecent(incident.evidence.run);
      key.learning = false;
      key.resetRecent();
    }
    const evidence = { ...incident.evidence, level: incident.level };
    if (incident.action === "quarantine") {
      incident.until = now + hold(recovery.quarantine_seconds);
      const reason = `guardian: ${describeEvidence(incident)}; quarantined until ${new Date(incident.until).toISOString()}`;
      this.#enforce(incident, reason, emit, () => emit({ category: "recovery", kind: "quarantine", subject: incident.deployment, reason, evidence: { ...evidence, until: incident.until } }));
    } else if (incident.action === "block_mode") {
      incident.until = now + hold(recovery.mode_block_seconds);
      const mode = incident.mode ?? "";
      this.#enforce(incident, "", emit);
      this.#target.setExploration(incident.deployment, recovery.exploration_boost);
      emit({ category: "recovery", kind: "block_mode", subject: subjectOf(incident), reason: `guardian: ${describeEvidence(incident)}; ${mode} blocked on ${incident.deployment}, other modes take over`, evidence: { ...evidence, until: incident.until } });
      emit({ category: "recovery", kind: "raise_exploration", subject: incident.deployment, reason: `exploration of ${incident.deployment} raised to ${recovery.exploration_boost} while ${mode} is blocked`, evidence: { exploration: recovery.exploration_boost } });
    } else {
      incident.until = now + hold(recovery.cost_switch_seconds);
      for (const group of this.#enforce(incident, "", emit)) {
        emit({ category: "recovery", kind: "switch_strategy", subject: group, reason: `guardian: ${describeEvidence(incident)}; group ${group} routes by ${recovery.cost_strategy}`, evidence: { ...evidence, strategy: recovery.cost_strategy, until: incident.until } });
      }
    }
  }

  /**
   * Puts an incident's action on the target (a cooldown until `incident.until`, the mode blocked, or the cost
   * strategy on every group of the deployment); returns the groups a strategy switch touched. A quarantine
   * that would remove the last deployment able to serve a group is refused (logged, the incident dropped);
   * one the target fails to apply is logged as a delivery event, never thrown into the request.
   */
  #enforce(incident: Incident, reason: string, emit: (event: Omit<GuardianEvent, "at">) => void, applied: () => void = () => {}): string[] {
    if (incident.action === "quarantine") {
      const evidence = { ...incident.evidence, level: incident.level };
      this.#quarantines.quarantine(
        incident.deployment,
        incident.until,
        reason,
        (refusal) => {
          if (refusal === undefined) return applied();
          this.#close(incident);
          emit({ category: "recovery", kind: "quarantine_refused", subject: incident.deployment, reason: `guardian: ${refusal}`, evidence });
        },
        (error) => emit({ category: "delivery", kind: "apply_failed", subject: incident.deployment, reason: String(error), evidence }),
      );
      return [];
    }
    if (incident.action === "block_mode") {
      this.#probe(incident, false);
      applied();
      return [];
    }
    const groups = this.#target.groupsOf(incident.deployment);
    for (const group of groups) this.#target.setStrategy(group, this.config.recovery.cost_strategy);
    applied();
    return groups;
  }

  /** Stamps an event, keeps it for the caller and sends it to the sinks. */
  #emitter(now: number, emitted: GuardianEvent[]): (event: Omit<GuardianEvent, "at">) => void {
    return (event) => {
      const full = { at: now, ...event };
      emitted.push(full);
      this.#events?.record(full);
    };
  }

  #lift(incident: Incident, emit: (event: Omit<GuardianEvent, "at">) => void): void {
    incident.phase = "probation";
    // Calls that were in flight when the hold began land during it; probation judges only what follows.
    for (const key of this.keys.values()) if (covers(incident, key)) key.resetRecent();
    if (incident.action === "block_mode") this.#probe(incident, true);
    if (incident.action === "switch_strategy") for (const group of this.#target.groupsOf(incident.deployment)) this.#target.setStrategy(group, undefined);
    emit({ category: "recovery", kind: "probation", subject: subjectOf(incident), reason: `${incident.action} of ${subjectOf(incident)} lifted; fresh samples decide restore or relapse`, evidence: { level: incident.level } });
  }

  /**
   * A blocked mode is unblocked on probation and asked on the exploration boost's share of its deployment's
   * choices, so fresh answers decide restore or relapse; blocking it again ends the probe.
   */
  #probe(incident: Incident, probing: boolean): void {
    this.#target.blockMode(incident.deployment, incident.mode ?? "", !probing);
    this.#target.probeMode?.(incident.deployment, incident.mode ?? "", probing ? this.config.recovery.exploration_boost : undefined);
  }

  /** Forgets an incident; its keys learn again unless another incident still holds them. */
  #close(incident: Incident): void {
    this.incidents.delete(incidentId(incident.detector, incident.deployment, incident.mode ?? ""));
    for (const key of this.keys.values()) if (covers(incident, key)) key.learning = ![...this.incidents.values()].some((other) => covers(other, key));
  }

  #probation(incident: Incident, finding: Finding, now: number, emit: (event: Omit<GuardianEvent, "at">) => void): void {
    if (finding.verdict === "unjudged") return;
    incident.firingStreak = finding.verdict === "firing" ? incident.firingStreak + 1 : 0;
    incident.healthyStreak = finding.verdict === "healthy" ? incident.healthyStreak + 1 : 0;
    if (incident.firingStreak >= this.config.trigger_after) {
      incident.level += 1;
      incident.evidence = { ...finding.evidence, relapse: incident.level };
      emit({ category: "detection", kind: finding.detector, subject: subjectOf(incident), reason: `relapse on probation: ${describeFinding(finding)}`, evidence: incident.evidence });
      this.#apply(incident, emit);
      return;
    }
    if (incident.healthyStreak < this.config.clear_after) return;
    this.#close(incident);
    if (incident.action === "block_mode") {
      this.#target.probeMode?.(incident.deployment, incident.mode ?? "", undefined);
      this.#target.setExploration(incident.deployment, undefined);
    }
    emit({ category: "restore", kind: incident.action, subject: subjectOf(incident), reason: `${finding.detector} back within baseline for ${incident.healthyStreak} evaluations after ${Math.round((now - incident.openedAt) / 1000)} s`, evidence: finding.evidence });
  }
}

function covers(incident: Incident, key: KeyStatistics): boolean {
  return incident.deployment === key.deployment && (incident.mode === undefined || incident.mode === key.mode);
}

import type { Evidence } from "./detectors.ts";
import type { EventSink, GuardianEvent } from "./guardian-event.ts";

/**
 * `verification_unavailable`: a text the verification workers could not check in time (refused, fail closed).
 * One is an overloaded worker; a burst from one caller is a pattern worth seeing (texts shaped to exhaust the checks).
 */
export type SecurityKind = "verification_block" | "policy_violation" | "verification_unavailable";

export interface SecurityReport {
  kind: SecurityKind;
  reason: string;
  threadId?: string;
  userId?: string;
  evidence?: Evidence;
}

export interface SecurityMonitorOptions {
  events: EventSink;
  now: () => number;
  burstCount: number;
  burstWindowMs: number;
}

/**
 * Logs verification blocks and policy violations, and notices the unusual pattern: `burstCount` of them
 * from one thread or one user within `burstWindowMs`, reported once per burst (the window restarts after).
 */
export class SecurityMonitor {
  readonly #options: SecurityMonitorOptions;
  readonly #recent = new Map<string, number[]>();

  constructor(options: SecurityMonitorOptions) {
    this.#options = options;
  }

  report(report: SecurityReport): GuardianEvent[] {
    const at = this.#options.now();
    const subject = report.userId !== undefined ? `user:${report.userId}` : report.threadId !== undefined ? `thread:${report.threadId}` : "unknown";
    const events: GuardianEvent[] = [
      { at, category: "security", kind: report.kind, subject, reason: report.reason, evidence: { ...report.evidence, ...(report.threadId ? { thread_id: report.threadId } : {}), ...(report.userId ? { user_id: report.userId } : {}) } },
    ];
    for (const source of [report.threadId && `thread:${report.threadId}`, report.userId && `user:${report.userId}`]) {
      if (!source) continue;
      const times = (this.#recent.get(source) ?? []).filter((time) => at - time < this.#options.burstWindowMs);
      times.push(at);
      if (times.length >= this.#options.burstCount) {
        events.push({
          at,
          category: "security",
          kind: "unusual_pattern",
          subject: source,
          reason: `${times.length} blocked actions from ${source} within ${Math.round((at - (times[0] ?? at)) / 1000)} s (limit ${this.#options.burstCount} per ${this.#options.burstWindowMs / 1000} s)`,
          evidence: { blocked: times.length, window_seconds: this.#options.burstWindowMs / 1000, first_at: times[0] ?? at },
        });
        this.#recent.set(source, []);
      } else {
        this.#recent.set(source, times);
      }
    }
    for (const event of events) this.#options.events.record(event);
    return events;
  }
}

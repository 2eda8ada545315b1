import type { Evidence } from "./detectors.ts";

/**
 * detection: a detector fired; recovery: an action was applied or lifted; restore: the baseline came back
 * and the guardian stood down; security: a blocked action, policy violation or unusual pattern;
 * delivery: the notification hook failed.
 */
export const eventCategories = ["detection", "recovery", "restore", "security", "delivery"] as const;
export type GuardianEventCategory = (typeof eventCategories)[number];

/** One entry of the append-only guardian event log, with the figures that caused it. */
export interface GuardianEvent {
  /** Epoch ms. */
  at: number;
  category: GuardianEventCategory;
  /** What happened: `latency`, `quarantine`, `block_mode`, `verification_block`, ... */
  kind: string;
  /** What it concerns: a deployment, `deployment/mode`, a group, a thread or a user. */
  subject: string;
  reason: string;
  evidence: Evidence;
}

/** Where events go; implementations must not throw into the request path. */
export interface EventSink {
  record(event: GuardianEvent): void;
}

/** Keeps events in memory (tests, Studio state). */
export class MemoryEventSink implements EventSink {
  readonly events: GuardianEvent[] = [];

  record(event: GuardianEvent): void {
    this.events.push(event);
  }
}

/** Fans one event out to several sinks; one sink failing does not keep it from the others. */
export function fanOut(sinks: readonly EventSink[], onError: (error: unknown) => void = () => {}): EventSink {
  return {
    record(event) {
      for (const sink of sinks) {
        try {
          sink.record(event);
        } catch (error) {
          onError(error);
        }
      }
    },
  };
}

import type { RunEvent } from "./run-stream.ts";

/** One event of a run as the bus carries it: `id` orders events within the run and resumes a follower. */
export interface BusEvent {
  id: string;
  event: RunEvent;
}

/** How a run was cancelled from another replica: interrupt keeps the thread's progress, rollback drops it. */
export type CancelAction = "interrupt" | "rollback";

/**
 * What replicas of one deployment share about runs in flight, so a client on replica B can follow a run
 * that executes on replica A, and a cancel on C reaches A without waiting for A's poll. The replica that
 * executes a run publishes its events; any replica follows them from the start or from a `Last-Event-ID`.
 * The in-process server needs none of this (its RunChannel is local); Redis carries it across replicas.
 */
export interface RunBus {
  /** Appends an event to the run's log; ordered per run. Never throws into the run: a failed publish is logged. */
  publish(runId: string, event: RunEvent): void;
  /** Marks the run's log complete; followers end after the last event. */
  finish(runId: string): void;
  /**
   * The run's events after `after` (from the first when absent), then live ones until the run's log is
   * finished or the signal aborts. A follower that connects after the run ended still gets its events while
   * the log is retained.
   */
  follow(runId: string, options?: { after?: string; signal?: AbortSignal }): AsyncIterable<BusEvent>;
  /** Asks whichever replica runs `runId` to stop it. */
  signalCancel(runId: string, action: CancelAction): Promise<void>;
  /** Called on this replica for every cancel any replica signals; returns an unsubscribe function. */
  onCancel(listener: (runId: string, action: CancelAction) => void): () => void;
  close(): Promise<void>;
}

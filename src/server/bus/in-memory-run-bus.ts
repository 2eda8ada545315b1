import type { BusEvent, CancelAction, RunBus } from "../run-bus.ts";
import type { RunEvent } from "../run-stream.ts";
import { badEventId, checkRunId } from "./run-key.ts";

export interface InMemoryRunBusConfig {
  /** Events kept per run; older ones are dropped first (a follower from the start then begins later). Default 10,000. */
  maxEvents?: number;
  /** How long a finished run's log stays readable by late followers. Default 10 minutes. */
  retentionMs?: number;
  log?: (line: string) => void;
}

interface RunLog {
  events: BusEvent[];
  /** Sequence number of the next event; ids are its decimal form, so they order as numbers. */
  next: number;
  finished: boolean;
  wake: Set<() => void>;
  expiry?: ReturnType<typeof setTimeout>;
}

/**
 * The run bus of one process: the same contract as the Redis bus, for tests and for a single `switchyard serve`
 * (where every follower and every cancel is local). Event ids are decimal sequence numbers per run.
 *
 * @example
 * const bus = new InMemoryRunBus();
 * bus.publish("run-1", { event: "values", data: { n: 1 } });
 * bus.finish("run-1");
 * for await (const { id, event } of bus.follow("run-1")) console.log(id, event.event);
 */
export class InMemoryRunBus implements RunBus {
  readonly #runs = new Map<string, RunLog>();
  readonly #cancelListeners = new Set<(runId: string, action: CancelAction) => void>();
  readonly #maxEvents: number;
  readonly #retentionMs: number;
  readonly #log: (line: string) => void;
  #closed = false;

  constructor(config: InMemoryRunBusConfig = {}) {
    this.#maxEvents = config.maxEvents ?? 10_000;
    this.#retentionMs = config.retentionMs ?? 600_000;
    this.#log = config.log ?? ((line) => console.warn(line));
  }

  #run(runId: string): RunLog {
    let run = this.#runs.get(runId);
    if (run === undefined) {
      run = { events: [], next: 1, finished: false, wake: new Set() };
      this.#runs.set(runId, run);
    }
    return run;
  }

  #wake(run: RunLog): void {
    for (const wake of run.wake) wake();
    run.wake.clear();
  }

  /** Runs whose log this bus holds (live or retained after finish); what a leak would grow. */
  get retainedRuns(): number {
    return this.#runs.size;
  }

  publish(runId: string, event: RunEvent): void {
    try {
      checkRunId(runId);
    } catch (error) {
      this.#log(`run bus: event for run dropped: ${(error as Error).message}`);
      return;
    }
    if (this.#closed) return this.#log(`run bus: event ${event.event} for run ${runId} dropped: the bus is closed`);
    const run = this.#run(runId);
    if (run.finished) return this.#log(`run bus: event ${event.event} for run ${runId} dropped: its log is already finished`);
    run.events.push({ id: String(run.next), event });
    run.next += 1;
    if (run.events.length > this.#maxEvents) run.events.splice(0, run.events.length - this.#maxEvents);
    this.#wake(run);
  }

  finish(runId: string): void {
    try {
      checkRunId(runId);
    } catch (error) {
      this.#log(`run bus: finish dropped: ${(error as Error).message}`);
      return;
    }
    const run = this.#run(runId);
    if (run.finished) return;
    run.finished = true;
    this.#wake(run);
    run.expiry = setTimeout(() => this.#runs.delete(runId), this.#retentionMs);
    run.expiry.unref?.();
  }

  async *follow(runId: string, options: { after?: string; signal?: AbortSignal } = {}): AsyncIterable<BusEvent> {
    checkRunId(runId);
    let after = 0;
    if (options.after !== undefined) {
      if (!/^\d{1,15}$/.test(options.after)) throw badEventId(options.after, "a decimal sequence number");
      after = Number(options.after);
    }
    const signal = options.signal;
    try {
      yield* this.#read(runId, after, signal);
    } finally {
      // A follower of a run that never published leaves nothing behind (hostile ids must not grow the map).
      const run = this.#runs.get(runId);
      if (run !== undefined && run.events.length === 0 && !run.finished && run.wake.size === 0) this.#runs.delete(runId);
    }
  }

  async *#read(runId: string, start: number, signal: AbortSignal | undefined): AsyncGenerator<BusEvent> {
    let after = start;
    for (;;) {
      if (signal?.aborted || this.#closed) return;
      // Looked up each turn: a retained log that expired must not keep a follower on a stale copy.
      const run = this.#run(runId);
      // Ids are consecutive within the kept events, so what is new starts at a computed index.
      const first = run.events.length === 0 ? run.next : Number(run.events[0]?.id);
      const pending = run.events.slice(Math.max(0, after - first + 1));
      for (const entry of pending) {
        if (signal?.aborted) return;
        after = Number(entry.id);
        yield entry;
      }
      if (run.finished && after >= run.next - 1) return;
      if (pending.length > 0) continue;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          signal?.removeEventListener("abort", done);
          run.wake.delete(done);
          resolve();
        };
        run.wake.add(done);
        signal?.addEventListener("abort", done, { once: true });
      });
    }
  }

  async signalCancel(runId: string, action: CancelAction): Promise<void> {
    checkRunId(runId);
    for (const listener of [...this.#cancelListeners]) {
      try {
        listener(runId, action);
      } catch (error) {
        this.#log(`run bus: a cancel listener for run ${runId} threw: ${(error as Error).message}`);
      }
    }
  }

  onCancel(listener: (runId: string, action: CancelAction) => void): () => void {
    this.#cancelListeners.add(listener);
    return () => this.#cancelListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const run of this.#runs.values()) {
      if (run.expiry !== undefined) clearTimeout(run.expiry);
      this.#wake(run);
    }
    this.#runs.clear();
    this.#cancelListeners.clear();
  }
}

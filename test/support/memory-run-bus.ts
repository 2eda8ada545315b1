import type { BusEvent, CancelAction, RunBus } from "../../src/server/run-bus.ts";
import type { RunEvent } from "../../src/server/run-stream.ts";

interface Log {
  events: BusEvent[];
  finished: boolean;
  wake: Array<() => void>;
}

/**
 * A RunBus in one process's memory, shared by every server given it: what Redis is between replicas on
 * several machines. Ids are the event's position in its run's log ("1", "2", …). `view()` gives each
 * replica its own handle, so closing one replica's handle leaves the others' listeners in place.
 */
export class MemoryRunBus {
  readonly #logs = new Map<string, Log>();
  readonly #listeners = new Set<(runId: string, action: CancelAction) => void>();
  /** Every cancel signalled, in order: what a test checks went over the bus. */
  readonly cancels: Array<{ runId: string; action: CancelAction }> = [];

  #log(runId: string): Log {
    let log = this.#logs.get(runId);
    if (log === undefined) {
      log = { events: [], finished: false, wake: [] };
      this.#logs.set(runId, log);
    }
    return log;
  }

  #notify(log: Log): void {
    const waiting = log.wake;
    log.wake = [];
    for (const wake of waiting) wake();
  }

  /** A replica's handle on the shared bus. */
  view(): RunBus {
    const mine = new Set<() => void>();
    return {
      publish: (runId: string, event: RunEvent) => {
        const log = this.#log(runId);
        // A run taken over by another replica after a crash goes on appending to the same log.
        log.finished = false;
        log.events.push({ id: String(log.events.length + 1), event });
        this.#notify(log);
      },
      finish: (runId: string) => {
        const log = this.#log(runId);
        log.finished = true;
        this.#notify(log);
      },
      follow: (runId: string, options: { after?: string; signal?: AbortSignal } = {}) => this.#follow(runId, options),
      signalCancel: async (runId: string, action: CancelAction) => {
        this.cancels.push({ runId, action });
        for (const listener of [...this.#listeners]) listener(runId, action);
      },
      onCancel: (listener: (runId: string, action: CancelAction) => void) => {
        this.#listeners.add(listener);
        const off = () => {
          this.#listeners.delete(listener);
          mine.delete(off);
        };
        mine.add(off);
        return off;
      },
      close: async () => {
        for (const off of [...mine]) off();
      },
    };
  }

  async *#follow(runId: string, options: { after?: string; signal?: AbortSignal }): AsyncGenerator<BusEvent> {
    const log = this.#log(runId);
    let index = options.after === undefined ? 0 : Number(options.after);
    const signal = options.signal;
    let wake: (() => void) | undefined;
    const onAbort = () => wake?.();
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      while (!signal?.aborted) {
        while (index < log.events.length) yield log.events[index++] as BusEvent;
        if (log.finished) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
          log.wake.push(resolve);
        });
      }
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }
}

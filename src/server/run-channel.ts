import type { RunEvent } from "./run-stream.ts";

/** A copy of a channel's events elsewhere; called after each push and once at the finish. */
export interface RunChannelMirror {
  push(event: RunEvent): void;
  finish(): void;
}

/**
 * The events of one run, kept for its life so a client that joins late (join, join stream, wait) sees them
 * all, in order, then the live ones.
 */
export class RunChannel {
  readonly events: RunEvent[] = [];
  /** Where every event also goes (the run bus, so replicas other than this one can follow the run). */
  readonly #mirror: RunChannelMirror | undefined;
  #finished = false;
  #wake: Array<() => void> = [];
  readonly done: Promise<void>;
  #resolveDone!: () => void;

  constructor(mirror?: RunChannelMirror) {
    this.#mirror = mirror;
    this.done = new Promise((resolve) => {
      this.#resolveDone = resolve;
    });
  }

  get finished(): boolean {
    return this.#finished;
  }

  push(event: RunEvent): void {
    this.events.push(event);
    this.#copy(() => this.#mirror?.push(event));
    this.#notify();
  }

  finish(): void {
    if (!this.#finished) this.#copy(() => this.#mirror?.finish());
    this.#end();
  }

  /** Ends the channel here but not its mirror: another replica took the run over and goes on writing its log. */
  handOver(): void {
    this.#end();
  }

  #end(): void {
    this.#finished = true;
    this.#notify();
    this.#resolveDone();
  }

  /** The copy is for other replicas' followers: its failure must not fail the run (the bus logs its own). */
  #copy(send: () => void): void {
    try {
      send();
    } catch {
      // ignored: see above
    }
  }

  #notify(): void {
    const waiting = this.#wake;
    this.#wake = [];
    for (const wake of waiting) wake();
  }

  /** Every event from the first, then live ones until the run ends or the signal aborts. */
  async *follow(signal?: AbortSignal): AsyncGenerator<RunEvent> {
    let index = 0;
    let wake: (() => void) | undefined;
    // One abort listener per follower, not per wait, so long runs do not pile listeners on the signal.
    const onAbort = () => wake?.();
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      while (!signal?.aborted) {
        while (index < this.events.length) yield this.events[index++] as RunEvent;
        if (this.#finished) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
          this.#wake.push(resolve);
        });
      }
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }
}

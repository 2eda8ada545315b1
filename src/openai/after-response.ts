/** One piece of bookkeeping a response does not depend on (a lease release, the guardian's observation, metrics). */
export type AfterTask = () => unknown;

/**
 * Bookkeeping moved off the response path: a request's settled outcome (its lease released, latency and
 * outcome recorded, the guardian's observation, metrics) runs in a setImmediate batch after the response is
 * written, not before it. `settle()` runs whatever is still pending, and the router loop awaits it before
 * every plan, so the next request is planned on exactly the state it would have seen had the work been done
 * inline: limits and cooldowns stay enforced before each call, never after.
 */
export class AfterResponse {
  #queue: AfterTask[] = [];
  #draining: Promise<void> | undefined;
  #scheduled = false;
  readonly #onError: (error: unknown) => void;

  constructor(options: { onError?: (error: unknown) => void } = {}) {
    // A failed record must not become an unhandled rejection: it is reported, and the batch goes on.
    this.#onError = options.onError ?? ((error) => process.emitWarning(`switchyard: bookkeeping after a /v1 response failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Whether work is queued or running (the hot path checks this before awaiting anything). */
  get pending(): boolean {
    return this.#queue.length > 0 || this.#draining !== undefined;
  }

  /** Queues `task` for after the current response; tasks run in the order they were deferred. */
  defer(task: AfterTask): void {
    this.#queue.push(task);
    if (this.#scheduled) return;
    this.#scheduled = true;
    // setImmediate, not a microtask: the promise chain that writes the response runs first.
    setImmediate(() => {
      this.#scheduled = false;
      void this.settle();
    });
  }

  /** Runs every queued task (and waits for a batch already running); resolves once nothing is pending. */
  settle(): Promise<void> {
    if (this.#draining !== undefined) return this.#draining;
    if (this.#queue.length === 0) return Promise.resolve();
    this.#draining = this.#drain().finally(() => {
      this.#draining = undefined;
    });
    return this.#draining;
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      for (const task of batch) {
        try {
          const result = task();
          if (result instanceof Promise) await result;
        } catch (error) {
          this.#onError(error);
        }
      }
    }
  }
}

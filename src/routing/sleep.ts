/** Sleeps unless aborted; injected so tests run backoff and cooldown waits on fake timers. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The real clock's sleep. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    // The listener goes when the sleep ends: a run's one signal sees many sleeps (a request polling for a slot).
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/**
 * A signal that aborts after `ms` on the engine's clock; injected with `now` and `sleep` so a test that runs
 * the clock faster also cuts calls off at the same moment of its time.
 */
export type TimeoutSignal = (ms: number) => AbortSignal;

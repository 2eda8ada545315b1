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

/** Registers a wake-up (see ReleaseNotices.listen) and returns the function that withdraws it. */
export type WakeListener = (wake: () => void) => () => void;

const woken = new Error("woken by a released lease");

/**
 * Sleeps `ms` on `sleep`, ending early and without error when `listen` fires; an abort of `signal` still rejects
 * with its reason. Through the injected sleep, so fake-timer tests see the same waits.
 */
export async function sleepUnlessWoken(sleep: Sleep, ms: number, signal: AbortSignal | undefined, listen: WakeListener | undefined): Promise<void> {
  if (listen === undefined) return sleep(ms, signal);
  if (signal?.aborted) throw signal.reason;
  const inner = new AbortController();
  const onAbort = () => inner.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const withdraw = listen(() => inner.abort(woken));
  try {
    await sleep(ms, inner.signal);
  } catch (error) {
    if (error !== woken) throw error;
  } finally {
    withdraw();
    signal?.removeEventListener("abort", onAbort);
  }
}

/**
 * A signal that aborts after `ms` on the engine's clock; injected with `now` and `sleep` so a test that runs
 * the clock faster also cuts calls off at the same moment of its time.
 */
export type TimeoutSignal = (ms: number) => AbortSignal;

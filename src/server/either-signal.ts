/**
 * A signal that aborts when either of two does, with the first one's reason, and a `dispose` that detaches it
 * from both. `AbortSignal.any` does the same, but Node 20 tracks each source's dependants through weak refs and a
 * finalization registry: in a run's path it cost more CPU than the rest of the run's setup together (a profile
 * of runs/wait on a thread; bench/a2a-ab.ts). Plain listeners, removed at the run's end, keep a long-lived
 * source (a thread lease passed from run to run) from collecting them.
 *
 * @example
 * const { signal, dispose } = eitherSignal(active.abort.signal, held.signal);
 * try { await run(signal); } finally { dispose(); }
 */
export function eitherSignal(first: AbortSignal, second: AbortSignal): { signal: AbortSignal; dispose: () => void } {
  if (first.aborted) return { signal: first, dispose: () => undefined };
  if (second.aborted) return { signal: second, dispose: () => undefined };
  const combined = new AbortController();
  const dispose = () => {
    first.removeEventListener("abort", onFirst);
    second.removeEventListener("abort", onSecond);
  };
  const onFirst = () => {
    dispose();
    combined.abort(first.reason);
  };
  const onSecond = () => {
    dispose();
    combined.abort(second.reason);
  };
  first.addEventListener("abort", onFirst, { once: true });
  second.addEventListener("abort", onSecond, { once: true });
  return { signal: combined.signal, dispose };
}

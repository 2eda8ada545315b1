/** How long a run of work may keep the event loop before a checkpoint write lets I/O in. */
export const EVENT_LOOP_SLICE_MS = 5;

let turnStarted = performance.now();
let marked = false;

/**
 * Lets pending I/O run (health probes, other requests) when the current burst of work has held the event loop
 * for over `sliceMs`; otherwise costs one clock read. A graph run whose writes resolve at once (better-sqlite3
 * is synchronous) chains every superstep in microtasks, so nothing else ran until its first network call:
 * with a 1 MiB input that was 0.3 to 1 s of serializing state while /ok waited. A setImmediate callback marks
 * each new turn of the loop; while it has not run, the burst is still going.
 *
 * @example
 * await yieldIfBusy(); // at the top of put and putWrites
 */
export async function yieldIfBusy(sliceMs: number = EVENT_LOOP_SLICE_MS): Promise<void> {
  if (!marked) {
    marked = true;
    setImmediate(() => {
      marked = false;
      turnStarted = performance.now();
    });
  }
  if (performance.now() - turnStarted <= sliceMs) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
}

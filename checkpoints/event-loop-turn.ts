/** How long a run of work may keep the event loop before a checkpoint write lets I/O in. */
export const EVENT_LOOP_SLICE_MS = 5;

let turnStarted = performance.now();
let marked = false;
/** Slices waiting for their turn of the loop, oldest first. */
const waiting: Array<() => void> = [];
let releasing = false;

/**
 * Releases one waiting slice, and schedules the next for the following turn of the loop. A setImmediate
 * queued from inside a setImmediate callback runs in the next turn, after the poll phase: so between two
 * slices the loop always reads sockets (a /ok probe), however many runs wait. Released all at once (each
 * with its own setImmediate, as before), two 1 MiB runs took their slices back to back in one turn: 100–180 ms.
 */
function releaseNext(): void {
  const next = waiting.shift();
  turnStarted = performance.now();
  if (waiting.length > 0) setImmediate(releaseNext);
  else releasing = false;
  next?.();
}

/**
 * Lets pending I/O run (health probes, other requests) when the current burst of work has held the event loop
 * for over `sliceMs`; otherwise costs one clock read. A graph run whose writes resolve at once (better-sqlite3
 * is synchronous) chains every superstep in microtasks, so nothing else ran until its first network call:
 * with a 1 MiB input that was 0.3 to 1 s of serializing state while /ok waited. A setImmediate callback marks
 * each new turn of the loop; while it has not run, the burst is still going. Waiting slices resume one per
 * turn of the loop, oldest first (see `releaseNext`).
 *
 * @example
 * await yieldIfBusy(); // at the top of put and putWrites, and after their write
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
  await new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (!releasing) {
      releasing = true;
      setImmediate(releaseNext);
    }
  });
}

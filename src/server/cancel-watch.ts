import type { RunChannel } from "./run-channel.ts";
import type { ServerTables } from "./server-tables.ts";

interface Cancellable {
  channel: RunChannel;
  abort: AbortController;
  rollback: boolean;
}

/**
 * Another server process cancels one of ours by changing the run's record (interrupt: its status, rollback:
 * the row gone), since it cannot reach our AbortController. Every `intervalMs` each run in flight here reads
 * its record and stops when asked. The timer stops itself (calling `onIdle`) when no run is in flight.
 * Returns a function that stops it.
 */
export function watchCancels(runs: ReadonlyMap<string, Cancellable>, tables: ServerTables, intervalMs: number, onIdle: () => void): () => void {
  const timer = setInterval(() => {
    let live = 0;
    for (const [runId, active] of runs) {
      if (active.channel.finished || active.abort.signal.aborted) continue;
      live += 1;
      const record = tables.runProgress(runId);
      if (record !== undefined && (record.status === "pending" || record.status === "running")) continue;
      active.rollback = record === undefined;
      active.abort.abort(new Error(`run ${runId} cancelled by another process (${record === undefined ? "rollback" : "interrupt"})`));
    }
    if (live === 0) {
      clearInterval(timer);
      onIdle();
    }
  }, intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}

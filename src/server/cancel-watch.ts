import type { RunChannel } from "./run-channel.ts";
import type { ServerState } from "./state/server-state.ts";

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
export function watchCancels(runs: ReadonlyMap<string, Cancellable>, state: Pick<ServerState, "runProgress">, intervalMs: number, onIdle: () => void, log?: (line: string) => void): () => void {
  let checking = false;
  const check = async () => {
    let live = 0;
    for (const [runId, active] of runs) {
      if (active.channel.finished || active.abort.signal.aborted) continue;
      live += 1;
      const record = await state.runProgress(runId);
      if (record !== undefined && (record.status === "pending" || record.status === "running")) continue;
      active.rollback = record === undefined;
      active.abort.abort(new Error(`run ${runId} cancelled by another process (${record === undefined ? "rollback" : "interrupt"})`));
    }
    if (live === 0) {
      clearInterval(timer);
      onIdle();
    }
  };
  const timer = setInterval(() => {
    // One pass at a time: a slow database must not pile reads up.
    if (checking) return;
    checking = true;
    void check()
      .catch((error: unknown) => log?.(`cancel check failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (checking = false));
  }, intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}

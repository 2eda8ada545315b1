import type { RunBus } from "./run-bus.ts";
import type { RunEvent } from "./run-stream.ts";
import type { ServerState } from "./state/server-state.ts";

/** What following a run that executes on another replica needs. */
export interface RemoteRunParts {
  state: ServerState;
  /** The replicas' shared events and cancels; without it a remote run is followed by polling its record. */
  bus?: RunBus | undefined;
  /** How often a remote run's record is read while waiting for its end. */
  pollMs: number;
}

/** One event of a run as a follower gets it: `id` (bus events only) resumes the stream (`Last-Event-ID`). */
export interface FollowedEvent {
  id?: string;
  event: RunEvent;
}

const unfinished = (status: string | undefined) => status === "pending" || status === "running";

function pause(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, milliseconds);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

/** Resolves once the run's record is final (or gone), reading it every `pollMs`, or when `signal` aborts. */
export async function recordSettled(parts: RemoteRunParts, runId: string, signal: AbortSignal): Promise<void> {
  while (!signal.aborted && unfinished((await parts.state.runProgress(runId))?.status)) await pause(parts.pollMs, signal);
}

/**
 * Waits for a run that executes on another replica: through the bus when there is one (its log ends with the
 * run), with the record polled beside it so a lost bus message or a retention gap cannot hang the wait.
 * Answers the data of the run's `error` event when it failed; without a bus, the record's reason.
 */
export async function awaitRemoteRun(parts: RemoteRunParts, runId: string): Promise<{ failure?: unknown }> {
  const stop = new AbortController();
  let failure: unknown;
  try {
    const polling = recordSettled(parts, runId, stop.signal);
    if (parts.bus !== undefined && unfinished((await parts.state.runProgress(runId))?.status)) {
      const following = (async () => {
        for await (const { event } of parts.bus?.follow(runId, { signal: stop.signal }) ?? []) if (event.event === "error") failure = event.data;
      })();
      // A bus that fails (or throws as its follow is aborted) leaves the wait to the record poll.
      await Promise.race([following.catch(() => polling), polling]);
    } else {
      await polling;
    }
  } finally {
    stop.abort();
  }
  if (failure !== undefined) return { failure };
  const record = await parts.state.run(runId);
  if (record?.status !== "error") return {};
  const reason = record.metadata.error_reason;
  return { failure: { error: "RunError", message: typeof reason === "string" ? reason : `run ${runId} ended with an error` } };
}

/**
 * The events of a run executing on another replica, from the bus (after `after`, a `Last-Event-ID`), until
 * its log ends or `signal` aborts. Undefined without a bus: only the executing replica has the events then.
 */
export function followRemote(parts: RemoteRunParts, runId: string, after: string | undefined, signal: AbortSignal): AsyncIterable<FollowedEvent> | undefined {
  const bus = parts.bus;
  if (bus === undefined) return undefined;
  return (async function* () {
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal.addEventListener("abort", onAbort, { once: true });
    // The record polled beside the bus: a log its replica never finished (it died, and recovery failed the run)
    // ends the follow a grace period after the record did, time for the bus to deliver what it holds.
    void recordSettled(parts, runId, stop.signal).then(() => setTimeout(() => stop.abort(), Math.max(2_000, parts.pollMs * 4)).unref?.());
    try {
      yield* bus.follow(runId, { ...(after === undefined ? {} : { after }), signal: stop.signal });
    } catch (error) {
      // A bus may end an aborted follow with an error: the follower left or the run ended, nothing failed.
      if (!stop.signal.aborted) throw error;
    } finally {
      signal.removeEventListener("abort", onAbort);
      stop.abort();
    }
  })();
}

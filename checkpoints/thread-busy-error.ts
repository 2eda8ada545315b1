import { SwitchyardError } from "../src/errors.ts";
import type { ThreadLease } from "./thread-leases.ts";

/**
 * A run was asked for on a thread that another run holds. Starting it anyway would fork the thread (two runs
 * writing children of the same checkpoint), so it is refused, naming the holder and when its lease expires.
 *
 * @example
 * await gateway.invoke(request, { threadId: "t1" }).catch((error) => {
 *   if (error instanceof ThreadBusyError) console.error(`held by run ${error.holder.runId}`);
 * });
 */
export class ThreadBusyError extends SwitchyardError {
  readonly threadId: string;
  readonly holder: ThreadLease;

  constructor(threadId: string, holder: ThreadLease, now: number) {
    const seconds = Math.max(0, Math.ceil((holder.expiresAt - now) / 1000));
    super(
      "thread_busy",
      `thread "${threadId}" is busy: run ${holder.runId} of ${holder.instanceId} holds its lease (expires in ${seconds} s unless renewed). ` +
        `Fix: wait for that run to finish and try again; if its process died, the lease is taken over once it expires (or at once from the same host), then "switchyard resume ${threadId}" continues the thread.`,
    );
    this.threadId = threadId;
    this.holder = holder;
  }
}

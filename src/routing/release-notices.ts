import type { WakeListener } from "./sleep.ts";

/**
 * In-process notice that a lease ended. A request waiting for a concurrency slot is woken by the release that
 * frees it instead of finding out at its next poll; only a release in another process sharing the routing state
 * (Redis) still waits for the poll (`slotPollMs`).
 *
 * One release wakes one waiter, the longest waiting: a freed slot serves one request, and waking every waiter
 * would send them all to re-plan for it. A waiter listens on several deployments (a group) and is withdrawn from
 * all of them when woken or when its sleep ends, so nothing accumulates while no release comes.
 */
export class ReleaseNotices {
  readonly #waiting = new Map<string, Set<Waiter>>();

  /** A lease on `deploymentId` ended in this process. */
  notify(deploymentId: string): void {
    const waiting = this.#waiting.get(deploymentId);
    if (waiting === undefined) return;
    for (const waiter of waiting) {
      this.#withdraw(waiter);
      waiter.wake();
      return;
    }
  }

  /** Calls `wake` once, at the next release on one of `deploymentIds`; the returned function withdraws it. */
  listen(deploymentIds: readonly string[], wake: () => void): () => void {
    const waiter: Waiter = { deploymentIds, wake };
    for (const id of deploymentIds) {
      let waiting = this.#waiting.get(id);
      if (waiting === undefined) this.#waiting.set(id, (waiting = new Set()));
      waiting.add(waiter);
    }
    return () => this.#withdraw(waiter);
  }

  /** Requests waiting on `deploymentId` (tests and status). */
  waiters(deploymentId: string): number {
    return this.#waiting.get(deploymentId)?.size ?? 0;
  }

  #withdraw(waiter: Waiter): void {
    for (const id of waiter.deploymentIds) {
      const waiting = this.#waiting.get(id);
      if (waiting === undefined) continue;
      waiting.delete(waiter);
      if (waiting.size === 0) this.#waiting.delete(id);
    }
  }
}

interface Waiter {
  readonly deploymentIds: readonly string[];
  readonly wake: () => void;
}

/** The listener for a wait plan's `wakeOn`; undefined when nothing can wake it (the wait runs its length). */
export function wakeListener(owner: { readonly releases: ReleaseNotices }, deploymentIds: readonly string[] | undefined): WakeListener | undefined {
  if (deploymentIds === undefined || deploymentIds.length === 0) return undefined;
  return (wake) => owner.releases.listen(deploymentIds, wake);
}

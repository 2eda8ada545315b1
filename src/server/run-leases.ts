import { randomUUID } from "node:crypto";
import type { HeldLease, LeaseKeeper, ThreadLease } from "../../checkpoints/index.ts";
import { leaseIsLive, ownerProcessGone } from "../../checkpoints/index.ts";

export interface RunLeasesOptions {
  /** Waits between tries for a lease another process holds; injected so tests need no real sleeps. */
  sleep?: (milliseconds: number) => Promise<void>;
  /** Longest wait between tries; default 500 ms (a queued run starts within this of the lease coming free). */
  maxPollMs?: number;
  now?: () => number;
  /** Ids for the leases of {@link RunLeases.exclusive}; default random UUIDs. */
  generateId?: () => string;
}

const defaultSleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/**
 * The server's side of thread leases: a run takes its thread's lease before it starts (waiting while another
 * process holds it), and when it ends passes the lease straight to this process's next queued run on the
 * thread, so no other process can slip in between two queued runs.
 */
export class RunLeases {
  readonly keeper: LeaseKeeper;
  readonly #held = new Map<string, HeldLease>();
  readonly #sleep: (milliseconds: number) => Promise<void>;
  readonly #maxPollMs: number;
  readonly #now: () => number;
  readonly #generateId: () => string;

  constructor(keeper: LeaseKeeper, options: RunLeasesOptions = {}) {
    this.keeper = keeper;
    this.#sleep = options.sleep ?? defaultSleep;
    this.#maxPollMs = options.maxPollMs ?? 500;
    this.#now = options.now ?? Date.now;
    this.#generateId = options.generateId ?? randomUUID;
  }

  /** A holder whose process is gone (same host, pid dead) is taken over without waiting for its expiry. */
  static readonly takeOver = { takeOver: (holder: ThreadLease) => ownerProcessGone(holder.instanceId) };

  /** The live holder of the thread's lease when it is another instance's, else undefined. */
  async foreignHolder(threadId: string): Promise<ThreadLease | undefined> {
    const holder = await this.keeper.leases.holder(threadId);
    if (holder === undefined || holder.instanceId === this.keeper.instanceId || !leaseIsLive(holder, this.#now())) return undefined;
    return ownerProcessGone(holder.instanceId) ? undefined : holder;
  }

  /** Tries once; answers the holder when another run has it. */
  async takeNow(threadId: string, runId: string): Promise<ThreadLease | undefined> {
    const result = await this.keeper.tryHold(threadId, runId, RunLeases.takeOver);
    if ("holder" in result) return result.holder;
    this.#held.set(threadId, result.held);
    return undefined;
  }

  /** The run's lease: already passed to it, or taken once free. Undefined when `signal` aborts first. */
  async wait(threadId: string, runId: string, signal: AbortSignal): Promise<HeldLease | undefined> {
    let pause = 25;
    for (;;) {
      const current = this.#held.get(threadId);
      if (current !== undefined && current.owner.runId === runId) return current;
      if (signal.aborted) return undefined;
      if (current === undefined && (await this.takeNow(threadId, runId)) === undefined) return this.#held.get(threadId);
      await this.#sleep(pause);
      pause = Math.min(this.#maxPollMs, pause * 2);
    }
  }

  /** At a run's end: hand the lease to `nextRunId` (this process's next queued run) or release it. */
  async pass(threadId: string, runId: string, nextRunId: string | undefined): Promise<void> {
    const held = this.#held.get(threadId);
    if (held === undefined || held.owner.runId !== runId) return;
    if (nextRunId !== undefined && (await held.handOff(nextRunId))) return;
    this.#held.delete(threadId);
    await held.release();
  }

  /**
   * Runs `work` while holding the thread's lease under a run id of its own (`label`), so no run, prune or
   * state update of any process on this database can touch the thread meanwhile. A holder that does not let
   * go within `waitMs` (a run, normally) is answered instead; nothing ran then.
   */
  async exclusive<T>(threadId: string, label: string, work: () => Promise<T>, waitMs = 0): Promise<{ ran: true; value: T } | { ran: false; holder: ThreadLease }> {
    const runId = `${label}:${this.#generateId()}`;
    let pause = 10;
    let waited = 0;
    for (;;) {
      const result = await this.keeper.tryHold(threadId, runId, RunLeases.takeOver);
      if ("held" in result) {
        try {
          return { ran: true, value: await work() };
        } finally {
          await result.held.release();
        }
      }
      if (waited >= waitMs) return { ran: false, holder: result.holder };
      await this.#sleep(pause);
      waited += pause;
      pause = Math.min(this.#maxPollMs, pause * 2);
    }
  }
}

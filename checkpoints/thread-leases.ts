/**
 * One active run per thread, across processes: a lease row per thread in the checkpoint database, taken in
 * one atomic statement before a run starts, kept alive by its instance's heartbeat and released when the
 * run ends. An expired lease (its owner stopped beating) may be taken over. SQLite and Postgres implement
 * it (sqlite-thread-leases.ts, postgres-thread-leases.ts); the gateway and `switchyard serve` share it.
 */

/** Who holds a lease: the process-level instance and the run inside it. */
export interface LeaseOwner {
  instanceId: string;
  runId: string;
}

/** A lease row as stored. Times are milliseconds since the epoch from the injected clock. */
export interface ThreadLease extends LeaseOwner {
  threadId: string;
  acquiredAt: number;
  heartbeatAt: number;
  expiresAt: number;
}

export type AcquireResult = { acquired: true; lease: ThreadLease } | { acquired: false; holder: ThreadLease };

export interface AcquireOptions {
  /**
   * Asked about a live holder that is not us: true takes the lease over anyway, atomically (only if the row
   * still names that holder). Used when the holder's process is known to be gone (see lease-owner.ts).
   */
  takeOver?: (holder: ThreadLease) => boolean;
}

export interface ThreadLeases {
  /** How long a lease and an instance stay alive after their last heartbeat. */
  readonly ttlMs: number;
  /** Takes the thread's lease when it is free, expired or already ours; otherwise names the holder. */
  acquire(threadId: string, owner: LeaseOwner, options?: AcquireOptions): Promise<AcquireResult>;
  /** Passes a held lease to the next run of the same instance without a gap; false when it is no longer ours. */
  handOff(threadId: string, from: LeaseOwner, toRunId: string): Promise<boolean>;
  /** Gives the lease up when `owner` still holds it; false when it was not ours any more. */
  release(threadId: string, owner: LeaseOwner): Promise<boolean>;
  /** The thread's lease row, live or expired, or undefined when nobody holds it. */
  holder(threadId: string): Promise<ThreadLease | undefined>;
  /**
   * The instance's heartbeat: marks it alive and extends every lease it holds, in one transaction. Answers
   * the threads it still holds, so a run whose lease was taken over (its process stalled past the expiry)
   * learns it must stop.
   */
  beat(instanceId: string): Promise<string[]>;
  /** True while the instance's heartbeat has not expired. */
  instanceAlive(instanceId: string): Promise<boolean>;
  /** A clean shutdown: the instance row and any leases it still holds go. */
  retire(instanceId: string): Promise<void>;
  close(): Promise<void>;
}

/** Defaults of `checkpoints.lease` in switchyard.yaml. */
export const defaultLeaseTiming = { ttlMs: 15_000, heartbeatMs: 5_000 } as const;

/** True when the row is still within its expiry at `now`. */
export function leaseIsLive(lease: ThreadLease, now: number): boolean {
  return lease.expiresAt > now;
}

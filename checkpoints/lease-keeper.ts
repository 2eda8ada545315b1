import { ThreadBusyError } from "./thread-busy-error.ts";
import type { AcquireOptions, LeaseOwner, ThreadLease, ThreadLeases } from "./thread-leases.ts";

export interface LeaseKeeperConfig {
  leases: ThreadLeases;
  instanceId: string;
  /** How often the instance beats; well under the leases' ttlMs so one late beat does not lose them. */
  heartbeatMs: number;
  now?: () => number;
  /**
   * Beat from start() to stop() even while no lease is held: a server's queued runs need their owner to
   * look alive to a second server that restarts meanwhile. Otherwise the timer runs only while leases are held.
   */
  alwaysBeat?: boolean;
}

/** A lease this process holds for one run. */
export interface HeldLease {
  readonly threadId: string;
  readonly owner: LeaseOwner;
  /** Aborted when a heartbeat finds the lease gone (taken over after this process stalled past its expiry). */
  readonly signal: AbortSignal;
  /** Passes the lease to the instance's next run on the thread, without a moment in which it is free. */
  handOff(runId: string): Promise<boolean>;
  release(): Promise<void>;
}

interface Holding {
  owner: LeaseOwner;
  abort: AbortController;
}

/**
 * Takes thread leases for one instance and keeps them alive with one heartbeat timer for all of them.
 *
 * @example
 * const keeper = new LeaseKeeper({ leases, instanceId: newInstanceId(), heartbeatMs: 5_000 });
 * const held = await keeper.hold("t1", runId); // ThreadBusyError when another run holds t1
 * try { await graph.invoke(input, { ...config, signal: held.signal }); } finally { await held.release(); }
 */
export class LeaseKeeper {
  readonly instanceId: string;
  readonly leases: ThreadLeases;
  readonly #config: LeaseKeeperConfig;
  readonly #now: () => number;
  readonly #held = new Map<string, Holding>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #beating: Promise<void> | undefined;

  constructor(config: LeaseKeeperConfig) {
    this.#config = config;
    this.instanceId = config.instanceId;
    this.leases = config.leases;
    this.#now = config.now ?? Date.now;
  }

  /** Registers the instance (one beat now) and, with alwaysBeat, keeps beating until stop(). */
  async start(): Promise<void> {
    await this.beat();
    if (this.#config.alwaysBeat === true) this.#ensureTimer();
  }

  /** Takes the lease or names who holds it. */
  async tryHold(threadId: string, runId: string, options: AcquireOptions = {}): Promise<{ held: HeldLease } | { holder: ThreadLease }> {
    const owner = { instanceId: this.instanceId, runId };
    const result = await this.leases.acquire(threadId, owner, options);
    if (!result.acquired) return { holder: result.holder };
    const holding: Holding = { owner: { ...owner }, abort: new AbortController() };
    this.#held.set(threadId, holding);
    this.#ensureTimer();
    const held: HeldLease = {
      threadId,
      get owner() {
        return holding.owner;
      },
      signal: holding.abort.signal,
      handOff: async (nextRunId) => {
        const passed = await this.leases.handOff(threadId, holding.owner, nextRunId);
        if (passed) holding.owner = { instanceId: this.instanceId, runId: nextRunId };
        return passed;
      },
      release: async () => {
        if (this.#held.get(threadId) === holding) this.#held.delete(threadId);
        await this.leases.release(threadId, holding.owner).catch(() => false);
        if (this.#held.size === 0 && this.#config.alwaysBeat !== true) this.#clearTimer();
      },
    };
    return { held };
  }

  /** Takes the lease; a live holder that is not us is a ThreadBusyError naming it. */
  async hold(threadId: string, runId: string, options: AcquireOptions = {}): Promise<HeldLease> {
    const result = await this.tryHold(threadId, runId, options);
    if ("holder" in result) throw new ThreadBusyError(threadId, result.holder, this.#now());
    return result.held;
  }

  /** One heartbeat now; runs whose lease is gone are aborted with a ThreadBusyError naming the new holder. */
  beat(): Promise<void> {
    this.#beating ??= this.#beatOnce().finally(() => (this.#beating = undefined));
    return this.#beating;
  }

  async #beatOnce(): Promise<void> {
    // Only leases held when the beat was sent can be missing from its answer: one taken while the beat was
    // on its way is not in it, and is not lost (aborting it failed healthy runs under load).
    const sent = new Map(this.#held);
    let still: Set<string>;
    try {
      still = new Set(await this.leases.beat(this.instanceId));
    } catch {
      // A missed beat is retried by the next one; the leases outlive several (ttl > heartbeat).
      return;
    }
    for (const [threadId, holding] of sent) {
      if (still.has(threadId) || this.#held.get(threadId) !== holding) continue;
      this.#held.delete(threadId);
      const holder = await this.leases.holder(threadId).catch(() => undefined);
      const now = this.#now();
      holding.abort.abort(new ThreadBusyError(threadId, holder ?? { threadId, instanceId: "(nobody)", runId: "(none)", acquiredAt: now, heartbeatAt: now, expiresAt: now }, now));
    }
  }

  #ensureTimer(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => void this.beat(), this.#config.heartbeatMs);
    // The heartbeat alone must not keep a finished CLI process alive.
    this.#timer.unref?.();
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Stops beating and gives up this instance's leases and its instance row (a clean shutdown). */
  async stop(): Promise<void> {
    this.#clearTimer();
    await this.#beating;
    this.#held.clear();
    await this.leases.retire(this.instanceId).catch(() => undefined);
  }
}

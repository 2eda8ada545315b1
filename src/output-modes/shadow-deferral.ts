import type { ShadowTarget } from "./shadow-evidence.ts";

/** How shadows aimed at a cooling deployment wait: at most `maxQueued` of them, none older than `maxAgeMs`. */
export interface ShadowDeferConfig {
  maxQueued: number;
  maxAgeMs: number;
}

/** Counters of the deferred shadows, for reports. */
export interface DeferralStats {
  /** Shadows queued because their partner was cooling down. */
  deferred: number;
  /** Queued shadows started once their partner could serve again. */
  resumed: number;
  /** Dropped: too old, pushed out of a full queue, or their partner went hard down or out of the candidates. */
  expired: number;
  evicted: number;
  abandoned: number;
}

/**
 * Shadows whose partner is in router cooldown, kept until it can serve again. A random 429 cools a deployment
 * for a while, and a shadow drawn in that while used to be lost; where cooldowns are frequent (a throttled
 * backend), the deployment then drew almost no shadow evidence and a silently worse mode there went unseen.
 * The queue is bounded in size (the oldest goes first) and in age (a stale request's comparison says little
 * about a mode that may have drifted since); it never holds a caller, and a partner that went hard down
 * (unhealthy, quarantined) is dropped, never asked.
 *
 * @example
 * const deferred = new DeferredShadows({ maxQueued: 8, maxAgeMs: 60_000 }, Date.now);
 * deferred.add({ partner: { deployment: "gpt", mode: "emit" } });
 * const ready = deferred.take((target) => (canServe(target.deployment) ? "serving" : "cooling"));
 */
export class DeferredShadows<Item extends { partner: ShadowTarget }> {
  private readonly queue: Array<{ item: Item; at: number }> = [];
  private readonly counters: DeferralStats = { deferred: 0, resumed: 0, expired: 0, evicted: 0, abandoned: 0 };

  constructor(
    private readonly config: ShadowDeferConfig,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.queue.length;
  }

  /** Queues a shadow; a full queue lets its oldest go (fresher evidence is worth more after a drift). */
  add(item: Item): void {
    if (this.config.maxQueued <= 0) return;
    while (this.queue.length >= this.config.maxQueued) {
      this.queue.shift();
      this.counters.evicted += 1;
    }
    this.queue.push({ item, at: this.now() });
    this.counters.deferred += 1;
  }

  /**
   * Takes up to `limit` queued shadows whose partner `state` now says is serving, oldest first; drops the
   * expired ones and those whose partner is down (or no longer a candidate); keeps those still cooling.
   */
  take(state: (partner: ShadowTarget) => "serving" | "cooling" | "down", limit = Number.POSITIVE_INFINITY): Item[] {
    const now = this.now();
    const ready: Item[] = [];
    for (let index = 0; index < this.queue.length; ) {
      const entry = this.queue[index] as { item: Item; at: number };
      const status = now - entry.at > this.config.maxAgeMs ? "expired" : state(entry.item.partner);
      if (status === "cooling" || (status === "serving" && ready.length >= limit)) {
        index += 1;
        continue;
      }
      this.queue.splice(index, 1);
      if (status === "serving") ready.push(entry.item);
      else if (status === "expired") this.counters.expired += 1;
      else this.counters.abandoned += 1;
    }
    this.counters.resumed += ready.length;
    return ready;
  }

  stats(): DeferralStats {
    return { ...this.counters };
  }
}

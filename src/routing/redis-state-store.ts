import { createHash, randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { SwitchyardError } from "../errors.ts";
import {
  acquireScript,
  cooldownScript,
  latencyScript,
  outcomeScript,
  releaseScript,
  snapshotScript,
} from "./redis-scripts.ts";
import {
  refusalReason,
  slotPollMs,
  usageWindowMs,
  type AcquireRequest,
  type AcquireResult,
  type CooldownEntry,
  type DeploymentRuntime,
  type Lease,
  type OutcomeCounts,
  type RefusalLimit,
  type RoutingStateStore,
} from "./state-store.ts";

export interface RedisRoutingStateStoreOptions {
  /** A connected client (the caller closes it) or a redis:// URL (this store opens and closes its own). */
  redis: Redis | string;
  /** Prefix of every key; one per environment so staging and production never share limits. */
  keyPrefix?: string;
}

interface Script {
  source: string;
  sha: string;
}

function script(source: string): Script {
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}

const scripts = {
  acquire: script(acquireScript),
  release: script(releaseScript),
  outcome: script(outcomeScript),
  cooldown: script(cooldownScript),
  latency: script(latencyScript),
  snapshot: script(snapshotScript),
};

/**
 * Routing state shared by every replica through Redis. Each operation is one Lua script, so a limit check and
 * the admission it allows are atomic across processes: an rpm of 10 means 10 across the fleet, not 10 per
 * replica. Keys carry the deployment id in a hash tag; `snapshot` reads many deployments in one script, so it
 * needs a standalone Redis (or a cluster where they share a slot).
 *
 * @example
 * const state = new RedisRoutingStateStore({ redis: "redis://127.0.0.1:6379", keyPrefix: "switchyard:prod" });
 * const router = new Router({ config, state });
 */
export class RedisRoutingStateStore implements RoutingStateStore {
  readonly #redis: Redis;
  readonly #ownsClient: boolean;
  readonly #prefix: string;
  readonly #instance = randomUUID().slice(0, 8);
  #sequence = 0;

  constructor(options: RedisRoutingStateStoreOptions) {
    this.#ownsClient = typeof options.redis === "string";
    this.#redis = typeof options.redis === "string" ? new Redis(options.redis, { lazyConnect: false, maxRetriesPerRequest: 2 }) : options.redis;
    this.#prefix = options.keyPrefix ?? "switchyard:routing";
  }

  #key(deploymentId: string, part: string): string {
    return `${this.#prefix}:{${deploymentId}}:${part}`;
  }

  async #run(which: keyof typeof scripts, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    const { sha, source } = scripts[which];
    try {
      try {
        return await this.#redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.includes("NOSCRIPT")) throw error;
        return await this.#redis.eval(source, keys.length, ...keys, ...args);
      }
    } catch (error) {
      throw new SwitchyardError(
        "routing_state",
        `Redis routing state (prefix ${this.#prefix}) failed in ${which}: ${error instanceof Error ? error.message : String(error)}. ` +
          "Check routing_state.url in switchyard.yaml and that Redis is reachable, or set routing_state.backend: memory.",
        { cause: error },
      );
    }
  }

  async acquire(request: AcquireRequest): Promise<AcquireResult> {
    const { deploymentId, limits } = request;
    const reply = (await this.#run(
      "acquire",
      [this.#key(deploymentId, "usage"), this.#key(deploymentId, "tokens"), this.#key(deploymentId, "leases")],
      [request.now, usageWindowMs, request.leaseId, request.tokens, limits.max_concurrent ?? -1, limits.rpm ?? -1, limits.tpm ?? -1, request.leaseTtlMs],
    )) as Array<string | number>;
    if (Number(reply[0]) === 1) {
      return { ok: true, lease: { deploymentId, leaseId: request.leaseId, tokens: request.tokens, acquiredAt: request.now } };
    }
    const limit = String(reply[1]) as RefusalLimit;
    const retryAt = Number(reply[5]);
    return {
      ok: false,
      refusal: {
        deploymentId,
        limit,
        reason: refusalReason(limit, limits, Number(reply[2]), Number(reply[3]), Number(reply[4]), request.tokens),
        // The script answers the oldest lease's expiry for max_concurrent, only the latest bound: poll sooner.
        retryAtMs: retryAt < 0 ? null : limit === "max_concurrent" ? Math.min(retryAt, request.now + slotPollMs) : retryAt,
      },
    };
  }

  async release(lease: Lease, actualTokens: number | undefined): Promise<void> {
    await this.#run(
      "release",
      [this.#key(lease.deploymentId, "tokens"), this.#key(lease.deploymentId, "leases")],
      [lease.leaseId, actualTokens === undefined ? "" : actualTokens],
    );
  }

  async recordOutcome(deploymentId: string, success: boolean, now: number, windowMs: number): Promise<OutcomeCounts> {
    this.#sequence += 1;
    const reply = (await this.#run(
      "outcome",
      [this.#key(deploymentId, "outcomes"), this.#key(deploymentId, "failures")],
      [now, windowMs, `${now}:${this.#instance}:${this.#sequence}`, success ? "0" : "1"],
    )) as number[];
    return { failures: Number(reply[0]), requests: Number(reply[1]) };
  }

  async setCooldown(deploymentId: string, until: number, reason: string): Promise<CooldownEntry> {
    const reply = (await this.#run("cooldown", [this.#key(deploymentId, "state")], [until, reason])) as string[];
    return { until: Number(reply[0]), reason: String(reply[1] ?? "") };
  }

  async clearCooldown(deploymentId: string): Promise<void> {
    await this.#redis.hdel(this.#key(deploymentId, "state"), "cooldown_until", "cooldown_reason");
  }

  async recordLatency(deploymentId: string, latencyMs: number, now: number, alpha: number): Promise<void> {
    await this.#run("latency", [this.#key(deploymentId, "state")], [latencyMs, now, alpha]);
  }

  async snapshot(deploymentIds: readonly string[], now: number): Promise<DeploymentRuntime[]> {
    if (deploymentIds.length === 0) return [];
    const keys: string[] = [];
    for (const id of deploymentIds) {
      keys.push(this.#key(id, "usage"), this.#key(id, "tokens"), this.#key(id, "leases"), this.#key(id, "state"));
    }
    const reply = (await this.#run("snapshot", keys, [now, usageWindowMs])) as Array<string | number>;
    return deploymentIds.map((_, position) => {
      const field = (offset: number): string => String(reply[position * 8 + offset] ?? "");
      const oldest = Number(field(3));
      const latency = field(6);
      return {
        inFlight: Number(field(0)),
        requestsInWindow: Number(field(1)),
        tokensInWindow: Number(field(2)),
        oldestInWindowAt: oldest < 0 ? null : oldest,
        cooldownUntil: Number(field(4)),
        cooldownReason: field(5),
        latencyMs: latency === "" ? Number.NaN : Number(latency),
        latencyUpdatedAt: Number(field(7)),
      };
    });
  }

  /** Deletes every key under this store's prefix. */
  async clear(): Promise<void> {
    let cursor = "0";
    do {
      const [next, keys] = await this.#redis.scan(cursor, "MATCH", `${this.#prefix}:*`, "COUNT", 500);
      cursor = next;
      if (keys.length > 0) await this.#redis.del(...keys);
    } while (cursor !== "0");
  }

  async close(): Promise<void> {
    if (this.#ownsClient) await this.#redis.quit();
  }
}

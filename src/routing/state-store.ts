/**
 * The shared routing state: cooldowns, usage windows, in-flight counts, latency averages and failure windows.
 * Async because the Redis implementation is; the memory one resolves at once. Every method takes `now` from the
 * caller so fake clocks drive both implementations the same way.
 */
export interface RoutingStateStore {
  /** Admits one request if concurrency, rpm and tpm all have room, atomically (across processes for Redis). */
  acquire(request: AcquireRequest): Promise<AcquireResult>;
  /** Ends a lease; `actualTokens` replaces the estimate counted at acquire time in the tpm window. */
  release(lease: Lease, actualTokens: number | undefined, now: number): Promise<void>;
  /** Adds one outcome to the deployment's failure window and returns the window's counts after it. */
  recordOutcome(deploymentId: string, success: boolean, now: number, windowMs: number): Promise<OutcomeCounts>;
  /** Cools a deployment down until `until`, or later if it already was: a cooldown never shrinks. */
  setCooldown(deploymentId: string, until: number, reason: string): Promise<CooldownEntry>;
  clearCooldown(deploymentId: string): Promise<void>;
  /** Folds one latency sample into the moving average (`alpha` = weight of the new sample). */
  recordLatency(deploymentId: string, latencyMs: number, now: number, alpha: number): Promise<void>;
  /** The runtime view of each deployment, in the order of `deploymentIds`. */
  snapshot(deploymentIds: readonly string[], now: number): Promise<DeploymentRuntime[]>;
  /** Drops everything this store wrote (tests, resets). */
  clear(): Promise<void>;
  close(): Promise<void>;
}

/** The sliding window of rpm and tpm limits. */
export const usageWindowMs = 60_000;

export interface DeploymentLimits {
  max_concurrent?: number | undefined;
  rpm?: number | undefined;
  tpm?: number | undefined;
}

export interface AcquireRequest {
  deploymentId: string;
  leaseId: string;
  tokens: number;
  limits: DeploymentLimits;
  now: number;
  /** A lease not released by then stops counting as in flight (a crashed replica must not hold slots forever). */
  leaseTtlMs: number;
}

export interface Lease {
  deploymentId: string;
  leaseId: string;
  tokens: number;
  acquiredAt: number;
}

/**
 * How soon a request refused for max_concurrent looks again. A release in this process wakes it earlier
 * (ReleaseNotices); the poll is for releases in another process sharing the state, and for a crashed holder's
 * lease running out. Every store and the selection's recovery time use this one interval.
 */
export const slotPollMs = 50;

export type RefusalLimit = "max_concurrent" | "rpm" | "tpm";

export interface Refusal {
  deploymentId: string;
  limit: RefusalLimit;
  reason: string;
  /**
   * When to try again: for rpm and tpm when the window has room, for max_concurrent within `slotPollMs` (a slot
   * frees when any call in flight ends, which can be any moment). null when the request can never fit (more tokens
   * than the tpm limit).
   */
  retryAtMs: number | null;
}

export type AcquireResult = { ok: true; lease: Lease } | { ok: false; refusal: Refusal };

export interface OutcomeCounts {
  failures: number;
  requests: number;
}

export interface CooldownEntry {
  until: number;
  reason: string;
}

/** What selection reads about one deployment. */
export interface DeploymentRuntime {
  cooldownUntil: number;
  cooldownReason: string;
  inFlight: number;
  requestsInWindow: number;
  tokensInWindow: number;
  /** Acquire time of the oldest request in the usage window; when it leaves, rpm has room again. */
  oldestInWindowAt: number | null;
  /** Moving average; NaN when no sample yet. */
  latencyMs: number;
  latencyUpdatedAt: number;
}

/** A runtime record for a deployment nothing is known about yet. */
export function freshRuntime(): DeploymentRuntime {
  return {
    cooldownUntil: 0,
    cooldownReason: "",
    inFlight: 0,
    requestsInWindow: 0,
    tokensInWindow: 0,
    oldestInWindowAt: null,
    latencyMs: Number.NaN,
    latencyUpdatedAt: 0,
  };
}

/** The limit (if any) a new request of `tokens` would break, given the current usage. Shared by both stores. */
export function exceededLimit(
  limits: DeploymentLimits,
  inFlight: number,
  requests: number,
  tokensUsed: number,
  tokens: number,
): RefusalLimit | null {
  if (limits.max_concurrent !== undefined && inFlight >= limits.max_concurrent) return "max_concurrent";
  if (limits.rpm !== undefined && requests >= limits.rpm) return "rpm";
  if (limits.tpm !== undefined && tokensUsed + tokens > limits.tpm) return "tpm";
  return null;
}

/** A readable reason for a refusal, for the route trace. */
export function refusalReason(limit: RefusalLimit, limits: DeploymentLimits, inFlight: number, requests: number, tokensUsed: number, tokens: number): string {
  if (limit === "max_concurrent") return `${inFlight} in flight reaches max_concurrent ${limits.max_concurrent}`;
  if (limit === "rpm") return `${requests} requests in the last 60 s reach rpm ${limits.rpm}`;
  return `${tokensUsed} tokens in the last 60 s + ${tokens} requested exceed tpm ${limits.tpm}`;
}

import type { RetryConfig } from "../config/schema.ts";

/**
 * Exponential backoff before retry number `retry` (1 = first retry): `initial * multiplier^(retry-1)` capped at
 * `max_ms`, then with full jitter a uniform draw in [0, that). Full jitter spreads replicas that failed together.
 *
 * @example
 * backoffDelay(2, config.retry.backoff, Math.random) // somewhere in [0, 500) with the defaults
 */
export function backoffDelay(retry: number, backoff: RetryConfig["backoff"], random: () => number): number {
  const exponent = Math.max(0, retry - 1);
  const ceiling = Math.min(backoff.max_ms, backoff.initial_ms * backoff.multiplier ** exponent);
  return backoff.jitter === "full" ? Math.floor(random() * ceiling) : ceiling;
}

import type { CooldownConfig, ErrorClass } from "../config/schema.ts";
import type { ClassifiedError } from "./classify-error.ts";
import type { OutcomeCounts } from "./state-store.ts";

/** Error classes that say something about the deployment (not the request) and so count towards its cooldown. */
export const cooldownErrorClasses: ReadonlySet<ErrorClass> = new Set(["rate_limit", "timeout", "server_error", "stream_dropped"]);

/** Whether an error counts for cooldown, per `retry.per_error[class].counts_for_cooldown` or the default above. */
export function countsForCooldown(errorClass: ErrorClass, override: boolean | undefined): boolean {
  return override ?? cooldownErrorClasses.has(errorClass);
}

export interface CooldownDecision {
  /** Cool down until then (a store keeps the later of this and any running cooldown), or null to stay in. */
  until: number | null;
  reason: string;
}

/**
 * Decides whether one more failure puts a deployment into cooldown: at once on 429 (for Retry-After when given),
 * when failures in the window exceed `allowed_fails`, or when the failure rate over at least
 * `min_requests_for_rate` requests reaches the threshold. A failure while already cooling down always extends
 * the cooldown from now: the deployment is evidently still failing.
 *
 * @example
 * const decision = cooldownDecision({ classified, counts, config: config.cooldown, now, coolingUntil: runtime.cooldownUntil });
 */
export function cooldownDecision(options: {
  classified: ClassifiedError;
  counts: OutcomeCounts;
  config: CooldownConfig;
  now: number;
  /** The deployment's running cooldown end (0 when none). */
  coolingUntil: number;
}): CooldownDecision {
  const { classified, counts, config, now } = options;
  const cap = (config.max_cooldown_seconds ?? Number.POSITIVE_INFINITY) * 1_000;
  const base = config.cooldown_seconds * 1_000;
  if (classified.errorClass === "rate_limit") {
    const duration = Math.min(cap, classified.retryAfterMs ?? base);
    const source = classified.retryAfterMs === undefined ? `cooldown_seconds ${config.cooldown_seconds}` : `Retry-After ${classified.retryAfterMs} ms`;
    return { until: now + duration, reason: `rate limited (${classified.status ?? "429"}): cooling down ${duration} ms per ${source}` };
  }
  const duration = Math.min(cap, base);
  if (options.coolingUntil > now) {
    return { until: now + duration, reason: `${classified.errorClass} during cooldown: extended to ${duration} ms from now` };
  }
  if (counts.failures > config.allowed_fails) {
    return {
      until: now + duration,
      reason: `${counts.failures} failures in ${config.window_seconds} s exceed allowed_fails ${config.allowed_fails}: cooling down ${duration} ms`,
    };
  }
  if (counts.requests >= config.min_requests_for_rate && counts.failures / counts.requests >= config.failure_rate_threshold) {
    const rate = Math.round((counts.failures / counts.requests) * 100);
    return {
      until: now + duration,
      reason: `failure rate ${rate}% over ${counts.requests} requests reaches ${Math.round(config.failure_rate_threshold * 100)}%: cooling down ${duration} ms`,
    };
  }
  return { until: null, reason: `${counts.failures} of ${counts.requests} requests failed in the window; within allowed_fails ${config.allowed_fails}` };
}

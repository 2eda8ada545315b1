import type { ErrorClass, ModelGroupConfig, RetryConfig } from "../config/schema.ts";
import { backoffDelay } from "./backoff.ts";

export type RetryAction = "retry_same" | "next_deployment" | "fallback_group" | "give_up";

export interface RetryDecision {
  action: RetryAction;
  /** Wait this long before the next attempt (never past the deadline, never before Retry-After on the same deployment). */
  delayMs: number;
  reason: string;
  /** 401/404: do not try this deployment again for this request (not a global cooldown). */
  excludeDeployment: boolean;
  /** With `fallback_group`: the group to try. */
  fallbackGroup?: string;
}

export interface RetryDecisionOptions {
  errorClass: ErrorClass;
  /** Attempts made for this request so far, the failed one included (1 after the first failure). */
  attempt: number;
  /** Attempts made on the deployment that just failed, the failed one included. */
  sameDeploymentAttempts: number;
  retryAfterMs?: number | undefined;
  deadline: number;
  now: number;
  random: () => number;
  config: RetryConfig;
  /** The group being served, for its content-policy / context-window / ordered fallbacks. */
  group?: ModelGroupConfig;
  /** Groups already tried for this request; they are not offered again. */
  triedGroups?: readonly string[];
  /** Deployments of the group still selectable (not excluded, not cooling); unknown when omitted. */
  remainingDeployments?: number;
}

interface Policy {
  retrySame: number;
  nextDeployment: boolean;
}

/** What each error class does unless `retry.per_error` says otherwise. */
const defaultPolicies: Record<ErrorClass, Policy> = {
  rate_limit: { retrySame: 0, nextDeployment: true },
  timeout: { retrySame: 0, nextDeployment: true },
  server_error: { retrySame: 1, nextDeployment: true },
  stream_dropped: { retrySame: 0, nextDeployment: true },
  // Same deployment, next output mode: the caller switches the mode.
  malformed_output: { retrySame: 2, nextDeployment: true },
  content_policy: { retrySame: 0, nextDeployment: false },
  context_window: { retrySame: 0, nextDeployment: false },
  auth: { retrySame: 0, nextDeployment: true },
  not_found: { retrySame: 0, nextDeployment: true },
  bad_request: { retrySame: 0, nextDeployment: false },
};

/**
 * The router's one retry loop decision after a failed attempt.
 *
 * @example
 * const decision = retryDecision({ errorClass: "server_error", attempt: 1, sameDeploymentAttempts: 1, deadline, now: Date.now(), random: Math.random, config: config.retry });
 * if (decision.action === "retry_same") await sleep(decision.delayMs);
 */
export function retryDecision(options: RetryDecisionOptions): RetryDecision {
  const { errorClass, config, now, deadline } = options;
  const override = config.per_error[errorClass];
  const policy: Policy = {
    retrySame: override?.retry_same ?? defaultPolicies[errorClass].retrySame,
    nextDeployment: override?.next_deployment ?? defaultPolicies[errorClass].nextDeployment,
  };
  const excludeDeployment = errorClass === "auth" || errorClass === "not_found";
  const decision = (action: RetryAction, delayMs: number, reason: string, fallbackGroup?: string): RetryDecision =>
    fallbackGroup === undefined ? { action, delayMs, reason, excludeDeployment } : { action, delayMs, reason, excludeDeployment, fallbackGroup };

  if (options.attempt > config.max_retries) {
    return decision("give_up", 0, `${errorClass}: ${options.attempt} attempts used, max_retries ${config.max_retries} allows ${config.max_retries + 1}`);
  }
  if (now >= deadline) return decision("give_up", 0, `${errorClass}: the request deadline has passed`);

  if (errorClass === "content_policy" || errorClass === "context_window") {
    const field = errorClass === "content_policy" ? "content_policy_fallback" : "context_window_fallback";
    const target = options.group?.[field];
    if (target !== undefined && !(options.triedGroups ?? []).includes(target)) {
      return decision("fallback_group", 0, `${errorClass}: ${field} of group ${options.group?.name} is ${target}`, target);
    }
    if (!policy.nextDeployment) {
      return decision("give_up", 0, `${errorClass}: group ${options.group?.name ?? "?"} sets no untried ${field}; another deployment would refuse the same request`);
    }
  }

  const retryAfter = options.retryAfterMs ?? 0;
  const sameRetry = options.sameDeploymentAttempts;
  if (sameRetry <= policy.retrySame) {
    const jittered = errorClass === "malformed_output" ? 0 : backoffDelay(sameRetry, config.backoff, options.random);
    const delay = Math.max(jittered, retryAfter);
    if (now + delay < deadline) {
      const mode = errorClass === "malformed_output" ? " with the next output mode" : "";
      return decision("retry_same", delay, `${errorClass}: retry ${sameRetry} of ${policy.retrySame} on the same deployment${mode} after ${delay} ms`);
    }
  }

  if (policy.nextDeployment) {
    if (options.remainingDeployments !== 0) {
      const never = excludeDeployment ? "; never this deployment again for this request" : "";
      return decision("next_deployment", 0, `${errorClass}: moving to the next deployment${never}`);
    }
    const fallback = nextFallbackGroup(options.group, options.triedGroups);
    if (fallback !== undefined) {
      return decision("fallback_group", 0, `${errorClass}: no deployment of ${options.group?.name} left; falling back to ${fallback}`, fallback);
    }
    // Nothing else to try: waiting out Retry-After / backoff on this deployment beats failing now.
    if (!excludeDeployment && errorClass !== "bad_request") {
      const delay = Math.max(retryAfter, backoffDelay(sameRetry, config.backoff, options.random));
      if (now + delay < deadline) {
        return decision("retry_same", delay, `${errorClass}: no other deployment or fallback group; waiting ${delay} ms to retry the same one`);
      }
    }
    return decision("give_up", 0, `${errorClass}: no deployment or fallback group left before the deadline`);
  }
  return decision("give_up", 0, `${errorClass}: not retryable (the request itself was refused)`);
}

function nextFallbackGroup(group: ModelGroupConfig | undefined, tried: readonly string[] = []): string | undefined {
  return group?.fallbacks.find((name) => name !== group.name && !tried.includes(name));
}

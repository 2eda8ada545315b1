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
  /** Attempts made in the group being served, the failed one included; `attempt` when omitted. */
  groupAttempts?: number;
  /** The request's whole attempt budget (`requests.max_attempts` or the request's own); unbounded when omitted. */
  maxAttempts?: number;
  /**
   * The request's fallback chain in order (every group reachable through `fallbacks` from the request's group);
   * the first untried one is next. The current group's own `fallbacks` when omitted.
   */
  chain?: readonly string[];
  /** Untried groups further down the fallback chain: each keeps one attempt of `maxAttempts` in reserve. */
  reservedAttempts?: number;
  /**
   * Deployments of the group selectable now that this request has not tried yet: before malformed output is
   * retried on the same deployment in another mode, each keeps one attempt of the group's share and of
   * `maxAttempts` in reserve. 0 when omitted.
   */
  untriedDeployments?: number;
}

interface Policy {
  /** Retries of one deployment within one request, at most. */
  sameLimit: number;
  nextDeployment: boolean;
}

/** Which error classes move on to another deployment unless `retry.per_error` says otherwise. */
const movesOn: Record<ErrorClass, boolean> = {
  rate_limit: true,
  timeout: true,
  server_error: true,
  stream_dropped: true,
  malformed_output: true,
  // Another deployment would refuse the same request: only the matching fallback group helps.
  content_policy: false,
  context_window: false,
  auth: true,
  not_found: true,
  bad_request: false,
};

/** Malformed output is retried on the same deployment with the next output mode (it answered; the mode failed). */
const malformedRetries = 2;

/**
 * The router's one retry loop decision after a failed attempt. The order, for a transport failure: another
 * deployment of the group, then the group's fallbacks, and only then the same deployment again (after its
 * backoff or Retry-After), so one dead deployment cannot eat the request's budget. The group's own share is
 * `max_retries + 1` attempts; the request's `maxAttempts` keeps one attempt per untried fallback group.
 *
 * @example
 * const decision = retryDecision({ errorClass: "server_error", attempt: 1, sameDeploymentAttempts: 1, deadline, now: Date.now(), random: Math.random, config: config.retry });
 * if (decision.action === "retry_same") await sleep(decision.delayMs);
 */
export function retryDecision(options: RetryDecisionOptions): RetryDecision {
  const { errorClass, config, now, deadline } = options;
  const override = config.per_error[errorClass];
  const policy: Policy = {
    sameLimit: override?.retry_same ?? (errorClass === "malformed_output" ? malformedRetries : config.per_deployment_retries),
    nextDeployment: override?.next_deployment ?? movesOn[errorClass],
  };
  const excludeDeployment = errorClass === "auth" || errorClass === "not_found";
  const decision = (action: RetryAction, delayMs: number, reason: string, fallbackGroup?: string): RetryDecision =>
    fallbackGroup === undefined ? { action, delayMs, reason, excludeDeployment } : { action, delayMs, reason, excludeDeployment, fallbackGroup };

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

  const groupName = options.group?.name ?? "the group";
  const fallback = policy.nextDeployment ? nextFallbackGroup(options.group, options.triedGroups, options.chain) : undefined;
  const groupAttempts = options.groupAttempts ?? options.attempt;
  if (groupAttempts > config.max_retries) {
    if (fallback !== undefined) {
      return decision("fallback_group", 0, `${errorClass}: ${groupAttempts} attempts in ${groupName} use its share (max_retries ${config.max_retries}); falling back to ${fallback}`, fallback);
    }
    return decision("give_up", 0, `${errorClass}: ${groupAttempts} attempts used in ${groupName}, max_retries ${config.max_retries} allows ${config.max_retries + 1} and no fallback group is left`);
  }
  const attemptsLeft = (options.maxAttempts ?? Number.POSITIVE_INFINITY) - options.attempt;
  if (fallback !== undefined && attemptsLeft <= (options.reservedAttempts ?? 0)) {
    return decision("fallback_group", 0, `${errorClass}: the ${attemptsLeft} attempts left are kept for the untried fallback groups; falling back to ${fallback}`, fallback);
  }

  const retryAfter = options.retryAfterMs ?? 0;
  const sameRetry = options.sameDeploymentAttempts;
  const retrySame = (why: string): RetryDecision | undefined => {
    if (sameRetry > policy.sameLimit || excludeDeployment) return undefined;
    const jittered = errorClass === "malformed_output" ? 0 : backoffDelay(sameRetry, config.backoff, options.random);
    const delay = Math.max(jittered, retryAfter);
    if (now + delay >= deadline) return undefined;
    return decision("retry_same", delay, `${errorClass}: ${why}; retry ${sameRetry} of ${policy.sameLimit} on the same deployment after ${delay} ms`);
  };

  // The deployment answered and only the mode failed: the next mode here is the cheapest way on. While some
  // deployment of the group is untried, only once, and only if the attempts left still give each untried one
  // a try: a backend that corrupts its bodies fails every mode (the soak's requests spent the group's share on
  // three modes of one broken backend while a healthy one stood untried).
  const untried = options.untriedDeployments ?? 0;
  const groupShareLeft = config.max_retries + 1 - groupAttempts;
  const reserveHolds = sameRetry === 1 && groupShareLeft > untried && attemptsLeft > (options.reservedAttempts ?? 0) + untried;
  if (errorClass === "malformed_output" && (untried === 0 || reserveHolds)) {
    const again = retrySame("next output mode");
    if (again !== undefined) return again;
  }
  if (!policy.nextDeployment) {
    // Only an operator's explicit per_error retry_same retries such a class, on the same deployment.
    const again = override?.retry_same === undefined ? undefined : retrySame("per_error sets next_deployment: false");
    return again ?? decision("give_up", 0, `${errorClass}: not retryable (the request itself was refused)`);
  }
  if (options.remainingDeployments !== 0) {
    const never = excludeDeployment ? "; never this deployment again for this request" : "";
    const kept = errorClass === "malformed_output" && untried > 0 && sameRetry <= policy.sameLimit ? `; the attempts left keep one for each of ${untried} untried deployments` : "";
    return decision("next_deployment", 0, `${errorClass}: moving to the next deployment${never}${kept}`);
  }
  if (fallback !== undefined) {
    return decision("fallback_group", 0, `${errorClass}: no deployment of ${groupName} left; falling back to ${fallback}`, fallback);
  }
  // Nothing else to try: waiting out Retry-After / backoff on this deployment beats failing now.
  return (
    retrySame("no other deployment or fallback group") ??
    decision("give_up", 0, `${errorClass}: no deployment or fallback group left before the deadline (same-deployment retries ${Math.min(sameRetry - 1, policy.sameLimit)} of ${policy.sameLimit})`)
  );
}

function nextFallbackGroup(group: ModelGroupConfig | undefined, tried: readonly string[] = [], chain: readonly string[] = group?.fallbacks ?? []): string | undefined {
  return chain.find((name) => name !== group?.name && !tried.includes(name));
}

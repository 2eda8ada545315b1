import type { SwitchyardConfig } from "../config/schema.ts";
import { brokeAfterFirstToken, type Router } from "../routing/index.ts";
import type { Attempt, GatewayRequest, RouteDecision } from "../state/gateway-state.ts";
import { excludedIn, refusedIn, summarise, triedGroupsOf, triedIn } from "./attempt-history.ts";
import { groupFor } from "./route-plan.ts";

export interface DecideAfterParts {
  config: SwitchyardConfig;
  router: Router;
  now: () => number;
}

const giveUp = (after: number, reason: string, code: NonNullable<RouteDecision["error_code"]>): RouteDecision => ({ action: "give_up", reason, after_attempt: after, error_code: code });

/** The fallback chain of the request's group, then of the group now served (reached by a content or context fallback). */
export function chainOf(router: Router, requestGroup: string, current: string): string[] {
  return [...new Set([...router.fallbackChain(requestGroup), ...router.fallbackChain(current)])].filter((name) => name !== requestGroup);
}

/**
 * The decision after a failed attempt, from the request's attempt history (checkpointed, so a resumed thread
 * decides the same way). With `countRemaining`, selection is asked how many deployments of the group are usable
 * now, so "next deployment" is only said when one is; a deployment that merely recovers before the deadline
 * counts only when no fallback group is left (a healthy fallback now beats waiting out a cooldown).
 */
export function createDecideAfter(parts: DecideAfterParts) {
  const { config, router, now } = parts;
  return async (request: GatewayRequest, attempts: readonly Attempt[], deadlineAt: number, countRemaining: boolean): Promise<RouteDecision> => {
    const after = attempts.length;
    const last = attempts.at(-1);
    const maxAttempts = request.max_attempts ?? config.requests.max_attempts;
    if (last === undefined) return giveUp(after, "no attempt was made", "no_deployment_available");
    if (last.outcome === "ok") return { action: "success", reason: `${last.deployment}/${last.mode} returned valid output on attempt ${after}`, after_attempt: after };
    if (request.stream_policy === "live" && brokeAfterFirstToken(last.message)) return giveUp(after, last.message ?? "stream interrupted", "stream_interrupted");
    if (after >= maxAttempts) return giveUp(after, `all ${maxAttempts} attempts used (${summarise(attempts)})`, "no_deployment_available");
    if (now() >= deadlineAt) return giveUp(after, `deadline passed after ${after} attempts (${summarise(attempts)})`, "deadline_exceeded");
    const group = last.group ?? groupFor(config, request).name;
    const triedGroups = triedGroupsOf(attempts);
    // A pinned deployment has no other deployment and no fallback group: only waiting and retrying it is left.
    const pinned = request.deployment !== undefined;
    const chain = pinned ? [] : chainOf(router, groupFor(config, request).name, group);
    let remainingDeployments: number | undefined = pinned ? 0 : undefined;
    let untriedDeployments = 0;
    if (countRemaining && !pinned) {
      const probe = (exclude: ReadonlySet<string>) => router.select({ group, request: { estimatedInputTokens: 0, estimatedOutputTokens: 0, exclude } });
      let selection = await probe(excludedIn(attempts, group));
      const fallback = router.planFallback({ group, cause: "exhausted", tried: triedGroups, chain });
      // Every deployment failed once and no fallback group is left: a second round may use the ones that
      // recover before the deadline.
      if (selection.deployment === null && fallback.group === null) selection = await probe(refusedIn(attempts, group));
      const recovers = fallback.group === null && selection.earliestRecoveryAt !== null && selection.earliestRecoveryAt < deadlineAt;
      remainingDeployments = selection.deployment !== null ? selection.candidates.length : recovers ? 1 : 0;
      if (last.error_class === "malformed_output" && selection.deployment !== null) {
        const untried = await probe(new Set([...excludedIn(attempts, group), ...triedIn(attempts, group)]));
        untriedDeployments = untried.deployment === null ? 0 : untried.candidates.length;
      }
    }
    const reservedAttempts = chain.filter((name) => name !== group && !triedGroups.includes(name)).length;
    const decision = router.decide({
      group,
      errorClass: last.error_class ?? "server_error",
      attempt: after,
      sameDeploymentAttempts: attempts.filter((attempt) => attempt.deployment === last.deployment).length,
      groupAttempts: attempts.filter((attempt) => (attempt.group ?? group) === group).length,
      maxAttempts,
      reservedAttempts,
      untriedDeployments,
      retryAfterMs: last.retry_after_ms,
      deadline: deadlineAt,
      triedGroups,
      chain,
      ...(remainingDeployments === undefined ? {} : { remainingDeployments }),
    });
    if (decision.action === "give_up") {
      return giveUp(after, `${decision.reason} (${summarise(attempts)})`, now() >= deadlineAt || /deadline/.test(decision.reason) ? "deadline_exceeded" : "no_deployment_available");
    }
    return {
      action: decision.action,
      reason: decision.reason,
      after_attempt: after,
      delay_ms: decision.delayMs,
      ...(decision.fallbackGroup === undefined ? {} : { fallback_group: decision.fallbackGroup }),
    };
  };
}

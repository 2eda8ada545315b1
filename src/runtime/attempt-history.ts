import type { Attempt } from "../state/gateway-state.ts";

/** The attempts of a request in one line, for give-up reasons. */
export function summarise(attempts: readonly Attempt[]): string {
  return attempts.map((attempt) => `${attempt.deployment}/${attempt.mode}: ${attempt.error_class ?? attempt.outcome}`).join(", ");
}

/** Deployments of `group` this request must not use again: transport failures, 401, 404. */
export function excludedIn(attempts: readonly Attempt[], group: string): Set<string> {
  const exclude = new Set<string>();
  for (const attempt of attempts) {
    if (attempt.group !== group) continue;
    if (attempt.outcome === "transport_error" || attempt.error_class === "auth" || attempt.error_class === "not_found") exclude.add(attempt.deployment);
  }
  return exclude;
}

/** Deployments that may not come back within this request at all (401, 404); transient failures may. */
export function refusedIn(attempts: readonly Attempt[], group: string): Set<string> {
  const refused = new Set<string>();
  for (const attempt of attempts) {
    if (attempt.group === group && (attempt.error_class === "auth" || attempt.error_class === "not_found")) refused.add(attempt.deployment);
  }
  return refused;
}

/** The groups this request has made attempts in, first tried first. */
export function triedGroupsOf(attempts: readonly Attempt[]): string[] {
  return [...new Set(attempts.map((attempt) => attempt.group).filter((name): name is string => name !== undefined))];
}

/** Deployments of `group` this request has made any attempt on, whatever came of it. */
export function triedIn(attempts: readonly Attempt[], group: string): Set<string> {
  const tried = new Set<string>();
  for (const attempt of attempts) if (attempt.group === group) tried.add(attempt.deployment);
  return tried;
}

import type { SwitchyardConfig } from "../config/schema.ts";
import type { Attempt } from "../state/gateway-state.ts";
import { groupFor, nextMode, type PlanInput, type RoutePlan, type RoutePlanner } from "./route-planner.ts";

interface PlannerParts {
  config: SwitchyardConfig;
  now: () => number;
  random: () => number;
}

const NEVER_AGAIN = new Set(["auth", "not_found"]);

function summarise(attempts: readonly Attempt[]): string {
  return attempts.map((attempt) => `${attempt.deployment}/${attempt.mode}: ${attempt.error_class ?? attempt.outcome}`).join(", ");
}

/** Weighted choice among the group's usable deployments; the routing engine replaces the choice itself. */
export function createRouterPlanner(parts: PlannerParts): RoutePlanner {
  const { config } = parts;
  return {
    async plan({ request, attempts, deadlineAt }: PlanInput): Promise<RoutePlan> {
      const maxAttempts = request.max_attempts ?? config.requests.max_attempts;
      if (attempts.length >= maxAttempts) {
        return { kind: "give_up", reason: `all ${maxAttempts} attempts used (${summarise(attempts)})` };
      }
      if (parts.now() >= deadlineAt) return { kind: "give_up", reason: `deadline passed after ${attempts.length} attempts` };
      const group = groupFor(config, request);
      const ids = request.deployment !== undefined ? [request.deployment] : group.deployments;
      const banned = new Set(attempts.filter((attempt) => NEVER_AGAIN.has(attempt.error_class ?? "")).map((attempt) => attempt.deployment));
      let candidates = ids.filter((id) => !banned.has(id)).map((id) => config.deployments.find((deployment) => deployment.id === id)!);
      if (candidates.length === 0) return { kind: "give_up", reason: `no usable deployment in ${group.name} (${summarise(attempts)})` };
      const last = attempts.at(-1);
      if (last?.outcome === "transport_error" && candidates.length > 1) {
        candidates = candidates.filter((deployment) => deployment.id !== last.deployment);
      }
      const total = candidates.reduce((sum, deployment) => sum + deployment.weight, 0);
      let draw = parts.random() * total;
      const deployment = candidates.find((candidate) => (draw -= candidate.weight) < 0) ?? candidates[candidates.length - 1]!;
      const preferred = config.output_modes.defaults[deployment.provider];
      const mode = nextMode(config, deployment, request, attempts, preferred) ?? preferred;
      const why = request.deployment !== undefined ? "pinned by request" : `weighted choice in ${group.name}`;
      return { kind: "call", deployment, mode, reason: `${why}; mode ${mode}${request.mode ? " (pinned)" : ""}` };
    },
    async recordSuccess() {},
    async recordFailure() {},
  };
}

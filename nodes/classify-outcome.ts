import type { GatewayStateUpdate, GatewayStateValue, RouteDecision } from "../src/state/gateway-state.ts";
import { engineOf, type GatewayRuntime } from "./context.ts";

/**
 * After each attempt: records what the router does next (success, retry the same deployment, the next
 * deployment, a fallback group, or give up) with its reason, so the router graph's conditional edges follow
 * it and Studio shows it. Giving up ends the request with a typed error.
 */
export async function classifyOutcome(state: GatewayStateValue, runtime: GatewayRuntime): Promise<GatewayStateUpdate> {
  const engine = engineOf(runtime);
  const after = state.attempts.length;
  const request = state.request;
  if (state.status === "succeeded") {
    const last = state.attempts.at(-1);
    return { route_decision: { action: "success", reason: `${last?.deployment ?? "?"}/${last?.mode ?? "?"} returned valid output on attempt ${after}`, after_attempt: after } };
  }
  if (state.status === "failed" || request === undefined || state.deadline_at === undefined) {
    return { route_decision: { action: "give_up", reason: state.error?.message ?? "the request cannot be routed", after_attempt: after } };
  }
  const decision: RouteDecision = await engine.routing.classify({ request, attempts: state.attempts, deadlineAt: state.deadline_at });
  if (decision.action !== "give_up") return { route_decision: decision };
  return {
    route_decision: decision,
    status: "failed",
    choice: undefined,
    error: { code: decision.error_code ?? "no_deployment_available", message: decision.reason },
  };
}

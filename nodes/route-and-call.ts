import { applyUpdate, mergeUpdates } from "../src/state/apply-update.ts";
import type { GatewayStateUpdate, GatewayStateValue } from "../src/state/gateway-state.ts";
import { callModel } from "./call-model.ts";
import type { GatewayRuntime } from "./context.ts";
import { route } from "./route.ts";

/**
 * One attempt's way out: pick (deployment, mode) with `route`, then make the call with `callModel`, in one
 * superstep. Why one: a checkpoint between the two would save only the choice, which a resumed run makes
 * again anyway (its lease is this process's); the checkpoint after the call is the one worth paying for,
 * since it keeps a crash from repeating a completed model call.
 */
export async function routeAndCall(state: GatewayStateValue, runtime: GatewayRuntime): Promise<GatewayStateUpdate> {
  const routed = await route(state, runtime);
  const next = applyUpdate(state, routed);
  if (next.status === "failed" || next.choice === undefined) return routed;
  return mergeUpdates(routed, await callModel(next, runtime));
}

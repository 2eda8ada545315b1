import type { GatewayStateUpdate, GatewayStateValue } from "../src/state/gateway-state.ts";
import { engineOf, type GatewayRuntime } from "./context.ts";

/**
 * The gateway's guardian step, after validate: feeds the request's attempts to the engine's guardian (which
 * judges answers by validity: no gold label is on the request path). Changes no gateway state; the guardian's effects land on the shared routing policy.
 */
export async function guardianAfterRequest(state: GatewayStateValue, runtime: GatewayRuntime): Promise<GatewayStateUpdate> {
  const engine = engineOf(runtime);
  const events = engine.guardian.afterRequest({ attempts: state.attempts, pinned: state.request?.deployment !== undefined });
  // What the guardian did goes on this node's trace span: the update it returns is empty.
  if (events.length > 0) engine.tracing?.requests.annotate(() => ({ "switchyard.guardian.actions": events.map((event) => event.kind) }));
  return {};
}

/**
 * The lean router nesting and accept's fewer writes (issue #18), against the wiring before them, in one
 * process and one run: CPU per request of `graph.invoke` on the same engine and saver, quiet emulator profile,
 * emulators on a worker thread, blocks of 10 requests alternating between the variants (order reversed every
 * other block). "before" is a frozen copy of the gateway's previous wiring: the router nested whole
 * (`buildRouterGraph()`) and accept writing the request back and clearing every field. A one-off behind
 * docs/gateway.md, not in `npm run bench`:
 *
 *   ROUNDS=300 npx tsx bench/request-cost-lean.ts
 */
import { Overwrite } from "@langchain/langgraph";
import { buildGatewayGraph } from "../graphs/gateway.ts";
import type { GatewayRuntime } from "../nodes/context.ts";
import { acceptRequest } from "../nodes/index.ts";
import type { GatewayStateUpdate, GatewayStateValue } from "../src/state/gateway-state.ts";
import { compareCpu, gateway, nestedGateway, persistence } from "./gateway-wiring-ab.ts";

const rounds = Number(process.env.ROUNDS ?? 300);

/** Accept as it was: the request written back, every per-request field cleared, status and verify always. */
async function acceptBefore(state: GatewayStateValue, runtime: GatewayRuntime): Promise<GatewayStateUpdate> {
  const update = await acceptRequest(state, runtime);
  if (update.status === "rejected") return update;
  const verify = gateway.engine.config.verification?.enabled === true;
  return { request: state.request, attempts: new Overwrite([]), choice: undefined, call: undefined, output: undefined, error: undefined, status: "pending", verify, ...update };
}

// "before": the router nested whole (`buildRouterGraph()`) behind the accept above (the wiring before issue #18's lean nesting).
await compareCpu({ before: nestedGateway(acceptBefore, { lean: false }), after: buildGatewayGraph().compile(persistence) }, rounds);

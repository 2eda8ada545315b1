import { applyUpdate, mergeUpdates } from "../src/state/apply-update.ts";
import type { GatewayStateUpdate, GatewayStateValue } from "../src/state/gateway-state.ts";
import { classifyOutcome } from "./classify-outcome.ts";
import type { GatewayRuntime } from "./context.ts";
import { structure } from "./structure.ts";
import { validate } from "./validate.ts";

/**
 * After a call: build the object its mode dictates (`structure`, with the optional repair call), check it
 * against the schema (`validate`), and decide what the router does next (`classifyOutcome`), in one
 * superstep. They always run together and change nothing outside the engine a rerun would repeat wrongly:
 * the checkpoint that matters is the one after it, with the attempt and the decision.
 */
export async function checkOutput(state: GatewayStateValue, runtime: GatewayRuntime): Promise<GatewayStateUpdate> {
  let update: GatewayStateUpdate = {};
  let current = state;
  // A call that failed in transport has no reply to structure: it goes straight to the decision.
  for (const step of [structure, validate]) {
    if (current.call === undefined) break;
    const stepUpdate = await step(current, runtime);
    update = mergeUpdates(update, stepUpdate);
    current = applyUpdate(current, stepUpdate);
  }
  return mergeUpdates(update, await classifyOutcome(current, runtime));
}

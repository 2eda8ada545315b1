import { structureOutput } from "../src/output-modes/index.ts";
import { attemptFrom } from "../src/state/attempt-record.ts";
import type { GatewayStateUpdate, GatewayStateValue } from "../src/state/gateway-state.ts";
import { replyFromState } from "./call-model.ts";
import { leaseRefOf } from "../src/runtime/routing.ts";
import { engineOf, type GatewayRuntime } from "./context.ts";
import { repairThroughRouter } from "./repair-output.ts";

/**
 * Builds the object from the reply as its mode dictates: emit parses, compressed decodes, reconstruct
 * parses and repairs. Output that cannot be built goes back to route, recorded as malformed.
 */
export async function structure(state: GatewayStateValue, runtime: GatewayRuntime): Promise<GatewayStateUpdate> {
  const engine = engineOf(runtime);
  const call = state.call;
  const request = state.request;
  if (call === undefined || request === undefined) return {};
  const target = engine.schemas.get(request.schema_id);
  const { jsonSchema } = engine.modeCalls.get({ deployment: engine.deployment(call.deployment), mode: call.mode, schema: target.schema, schemaName: target.name, contract: request.output_contract });
  const local = structureOutput(replyFromState(state), call.mode, target.schema, jsonSchema);
  const previous = state.output ?? { raw: "", valid: false, repaired: false, errors: [] };
  if (local.ok) {
    return { output: { ...previous, structured: local.value, repaired: local.repaired } };
  }
  // Local repair failed: one repair call through the router, when the config asks for it.
  const { result, record } = await repairThroughRouter(engine, state, local, { ...target, jsonSchema }, runtime.signal);
  const repairedCall = record === undefined ? call : { ...call, repair: record };
  if (result.ok) {
    return { call: repairedCall, output: { ...previous, structured: result.value, repaired: true } };
  }
  const message = `${local.failure}: ${local.message}${record?.message ? `; ${record.message}` : ""}`;
  const attempt = attemptFrom(repairedCall, { outcome: "invalid_output", message });
  await engine.routing.recordFailure(attempt, leaseRefOf(call), undefined);
  // `structured` left out rather than set to undefined: the output is replaced whole, and a plain-JSON value
  // takes the saver's fast lane (see callModel).
  const { structured: _unbuilt, ...kept } = previous;
  return { call: undefined, attempts: [attempt], output: { ...kept, errors: [message] } };
}

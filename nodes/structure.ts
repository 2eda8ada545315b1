import { structureOutput } from "../src/output-modes/index.ts";
import type { Attempt, CallRecord, GatewayStateUpdate, GatewayStateValue } from "../src/state/gateway-state.ts";
import { replyFromState } from "./call-model.ts";
import { leaseRefOf } from "../src/runtime/routing.ts";
import { engineOf, type GatewayRuntime } from "./context.ts";
import { repairThroughRouter } from "./repair-output.ts";

/** The attempt a finished call becomes, once its outcome is known. */
export function attemptFrom(call: CallRecord, outcome: Attempt["outcome"], message?: string): Attempt {
  return {
    ...(call.group ? { group: call.group } : {}),
    deployment: call.deployment,
    mode: call.mode,
    started_at: call.started_at,
    latency_ms: call.latency_ms,
    input_tokens: call.input_tokens,
    output_tokens: call.output_tokens,
    cost_usd: call.cost_usd,
    outcome,
    ...(outcome === "invalid_output" ? { error_class: "malformed_output" as const } : {}),
    ...(message === undefined ? {} : { message }),
    reason: call.reason,
    ...(call.repair === undefined ? {} : { repair: call.repair }),
    ...(call.in_flight === undefined ? {} : { in_flight: call.in_flight }),
  };
}

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
  const attempt = attemptFrom(repairedCall, "invalid_output", message);
  await engine.routing.recordFailure(attempt, leaseRefOf(call), undefined);
  return { call: undefined, attempts: [attempt], output: { ...previous, structured: undefined, errors: [message] } };
}

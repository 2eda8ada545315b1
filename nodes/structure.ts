import { structureOutput, toJsonSchema } from "../src/output-modes/index.ts";
import type { Attempt, CallRecord, GatewayStateUpdate, GatewayStateValue } from "../src/state/gateway-state.ts";
import { replyFromState } from "./call-model.ts";
import { engineOf, type GatewayRuntime } from "./context.ts";

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
  };
}

/**
 * Builds the object from the reply as its mode dictates: emit parses, compressed decodes, reconstruct
 * parses and repairs. Output that cannot be built goes back to route, recorded as malformed.
 */
export async function structure(state: GatewayStateValue, runtime: GatewayRuntime): Promise<GatewayStateUpdate> {
  const engine = await engineOf(runtime);
  const call = state.call;
  const request = state.request;
  if (call === undefined || request === undefined) return {};
  const target = engine.schemas.get(request.schema_id);
  const result = structureOutput(replyFromState(state), call.mode, target.schema, toJsonSchema(target.schema));
  const previous = state.output ?? { raw: "", valid: false, repaired: false, errors: [] };
  if (result.ok) {
    return { output: { ...previous, structured: result.value, repaired: result.repaired } };
  }
  const message = `${result.failure}: ${result.message}`;
  const attempt = attemptFrom(call, "invalid_output", message);
  await engine.planner.recordFailure(attempt, call.lease_id, undefined);
  return { call: undefined, attempts: [attempt], output: { ...previous, structured: undefined, errors: [message] } };
}

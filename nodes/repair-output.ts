import type { z } from "zod";
import { callCostUsd } from "../src/backends/cost.ts";
import { raceAbort } from "../src/backends/race-abort.ts";
import { repairCall, type JsonSchema, type StructureResult } from "../src/output-modes/index.ts";
import { encodingForModel } from "../src/tokens/index.ts";
import { countTextOffThread } from "../src/memory/index.ts";
import type { DeploymentConfig } from "../src/config/schema.ts";
import type { Engine } from "../src/runtime/engine.ts";
import { groupFor } from "../src/runtime/route-plan.ts";
import { tracedModelCall } from "../src/telemetry/traced-model-call.ts";
import type { GatewayStateValue, RepairRecord } from "../src/state/gateway-state.ts";

export interface RepairOutcome {
  result: StructureResult;
  /** Set when a repair call was made (ok or not), for the attempt's trace and spend. */
  record?: RepairRecord;
}

/**
 * The optional repair call (`output_modes.repair_call`) after local structuring failed, a routed call
 * (`engine.routing.routedCall`) in the repair group (limits, cooldowns and health apply): a deployment which gets the request, the
 * broken answer, what was wrong and the schema, and answers in its native structured output. Never throws:
 * a repair that fails (transport or schema) leaves the original failure standing, and the gateway's own
 * loop goes on to the next mode or deployment.
 */
export async function repairThroughRouter(
  engine: Engine,
  state: GatewayStateValue,
  failed: Extract<StructureResult, { ok: false }>,
  target: { schema: z.ZodType; name: string; jsonSchema: JsonSchema },
  signal: AbortSignal | undefined,
): Promise<RepairOutcome> {
  const request = state.request;
  const repairCallConfig = engine.config.output_modes.repair_call;
  if (repairCallConfig === undefined || request === undefined) return { result: failed };
  if (failed.failure === "empty" || failed.raw.trim() === "") return { result: failed };
  if ((state.deadline_at ?? Infinity) - engine.now() <= 0) return { result: failed };
  const estimatedInputTokens = (await countTextOffThread(`${request.input}\n${failed.raw}`, encodingForModel(engine.config.deployments[0]?.model ?? "gpt-4o"))) + 400;
  const group = repairCallConfig.group ?? groupFor(engine.config, request).name;
  let tried: { deployment: DeploymentConfig; startedAt: number } | undefined;
  try {
    const routed = await engine.routing.routedCall({ group, estimatedInputTokens, estimatedOutputTokens: 200 }, async (deployment) => {
      tried = { deployment, startedAt: engine.now() };
      // The time left now, after routing: the repair must not carry the request past its deadline either.
      const timeout = engine.timeout(Math.max(1, Math.min(deployment.timeout_ms, (state.deadline_at ?? Infinity) - tried.startedAt)));
      const callSignal = signal === undefined ? timeout : AbortSignal.any([timeout, signal]);
      const call = () => raceAbort(repairCall({ model: engine.model(deployment.id), provider: deployment.provider, failed, schema: target.schema, schemaName: target.name, jsonSchema: target.jsonSchema, input: request.input, signal: callSignal }), callSignal);
      const repaired = await tracedModelCall(engine.tracing, deployment, "repair", call, (result) => result.reply);
      return { value: repaired, tokens: repaired.inputTokens + repaired.outputTokens };
    });
    // Nothing in the repair group can take it now: the repair is skipped, not awaited.
    if (routed === undefined) return { result: failed };
    const repaired = routed.value;
    const record: RepairRecord = {
      deployment: routed.deployment.id,
      latency_ms: routed.latencyMs,
      input_tokens: repaired.inputTokens,
      output_tokens: repaired.outputTokens,
      cost_usd: callCostUsd(routed.deployment, repaired.inputTokens, repaired.outputTokens),
      ok: repaired.result.ok,
      ...(repaired.result.ok ? {} : { message: `${repaired.result.failure}: ${repaired.result.message}` }),
    };
    return { result: repaired.result, record };
  } catch (error) {
    if (tried === undefined) throw error;
    const record: RepairRecord = { deployment: tried.deployment.id, latency_ms: engine.now() - tried.startedAt, input_tokens: 0, output_tokens: 0, cost_usd: 0, ok: false, message: `repair call failed: ${error instanceof Error ? error.message : String(error)}` };
    return { result: failed, record };
  }
}

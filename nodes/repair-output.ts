import type { z } from "zod";
import { callCostUsd } from "../src/backends/cost.ts";
import { raceAbort } from "../src/backends/race-abort.ts";
import { repairCall, type JsonSchema, type StructureResult } from "../src/output-modes/index.ts";
import { encodingForModel } from "../src/routing/index.ts";
import { countTextOffThread } from "../src/memory/index.ts";
import type { Engine } from "../src/runtime/engine.ts";
import type { GatewayStateValue, RepairRecord } from "../src/state/gateway-state.ts";

export interface RepairOutcome {
  result: StructureResult;
  /** Set when a repair call was made (ok or not), for the attempt's trace and spend. */
  record?: RepairRecord;
}

/**
 * The optional repair call (`output_modes.repair_call`) after local structuring failed: the router picks and
 * leases a deployment of the repair group (limits, cooldowns and health apply), which gets the request, the
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
  const planner = engine.planner;
  if (engine.config.output_modes.repair_call === undefined || request === undefined || planner.planRepair === undefined) return { result: failed };
  if (failed.failure === "empty" || failed.raw.trim() === "") return { result: failed };
  const budgetMs = (state.deadline_at ?? Infinity) - engine.now();
  if (budgetMs <= 0) return { result: failed };
  const estimatedInputTokens = (await countTextOffThread(`${request.input}\n${failed.raw}`, encodingForModel(engine.config.deployments[0]?.model ?? "gpt-4o"))) + 400;
  const plan = await planner.planRepair({ request, estimatedInputTokens });
  if (plan === undefined) return { result: failed };
  const deployment = plan.deployment;
  const startedAt = engine.now();
  // The time left now, after planning: the repair must not carry the request past its deadline either.
  const timeout = engine.timeout(Math.max(1, Math.min(deployment.timeout_ms, (state.deadline_at ?? Infinity) - startedAt)));
  const callSignal = signal === undefined ? timeout : AbortSignal.any([timeout, signal]);
  try {
    const repaired = await raceAbort(repairCall({
      model: engine.model(deployment.id),
      provider: deployment.provider,
      failed,
      schema: target.schema,
      schemaName: target.name,
      jsonSchema: target.jsonSchema,
      input: request.input,
      signal: callSignal,
    }), callSignal);
    const record: RepairRecord = {
      deployment: deployment.id,
      latency_ms: engine.now() - startedAt,
      input_tokens: repaired.inputTokens,
      output_tokens: repaired.outputTokens,
      cost_usd: callCostUsd(deployment, repaired.inputTokens, repaired.outputTokens),
      ok: repaired.result.ok,
      ...(repaired.result.ok ? {} : { message: `${repaired.result.failure}: ${repaired.result.message}` }),
    };
    await planner.recordRepair?.(record, plan.leaseId, undefined);
    return { result: repaired.result, record };
  } catch (error) {
    const record: RepairRecord = { deployment: deployment.id, latency_ms: engine.now() - startedAt, input_tokens: 0, output_tokens: 0, cost_usd: 0, ok: false, message: `repair call failed: ${error instanceof Error ? error.message : String(error)}` };
    await planner.recordRepair?.(record, plan.leaseId, error);
    return { result: failed, record };
  }
}

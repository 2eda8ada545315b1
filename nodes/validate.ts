import { AIMessage } from "@langchain/core/messages";
import type { GatewayStateUpdate, GatewayStateValue } from "../src/state/gateway-state.ts";
import { engineOf, type GatewayRuntime } from "./context.ts";
import { attemptFrom } from "./structure.ts";

/**
 * The last gate: the schema decides. A valid object ends the request (scored against gold when the task
 * has one); an invalid one is recorded and sent back to route for the next mode or deployment.
 */
export async function validate(state: GatewayStateValue, runtime: GatewayRuntime): Promise<GatewayStateUpdate> {
  const engine = await engineOf(runtime);
  const call = state.call;
  const request = state.request;
  const output = state.output;
  if (call === undefined || request === undefined || output === undefined) return {};
  const checked = engine.schemas.get(request.schema_id).schema.safeParse(output.structured);
  if (!checked.success) {
    const errors = checked.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    const attempt = attemptFrom(call, "invalid_output", `schema: ${errors.join("; ")}`);
    await engine.planner.recordFailure(attempt, call.lease_id, undefined);
    return { call: undefined, attempts: [attempt], output: { ...output, valid: false, errors } };
  }
  const attempt = attemptFrom(call, "ok");
  const correct = engine.scoreCorrect(request.task_id, checked.data);
  await engine.planner.recordSuccess(attempt, call.lease_id, correct);
  return {
    call: undefined,
    attempts: [attempt],
    status: "succeeded",
    output: { ...output, structured: checked.data, valid: true, errors: [], ...(correct === undefined ? {} : { correct }) },
    messages: [new AIMessage({ content: JSON.stringify(checked.data), name: call.deployment })],
  };
}

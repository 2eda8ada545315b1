import { AIMessage } from "@langchain/core/messages";
import { getConfig } from "@langchain/langgraph";
import type { GatewayStateUpdate, GatewayStateValue } from "../src/state/gateway-state.ts";
import { leaseRefOf } from "../src/runtime/routing.ts";
import { engineOf, type GatewayRuntime } from "./context.ts";
import { attemptFrom } from "../src/state/attempt-record.ts";

/**
 * The last gate: the schema decides. A valid object ends the request: the policy learns that the mode
 * answered validly (and whether it needed repair), the answer gets a request id for later feedback, and a
 * share of answers is compared in the background with another (deployment, mode)'s (shadow agreement). An
 * invalid one is recorded and sent back to route for the next mode or deployment. No gold label is read.
 */
export async function validate(state: GatewayStateValue, runtime: GatewayRuntime): Promise<GatewayStateUpdate> {
  const engine = engineOf(runtime);
  const call = state.call;
  const request = state.request;
  const output = state.output;
  if (call === undefined || request === undefined || output === undefined) return {};
  const checked = engine.schemas.get(request.schema_id).schema.safeParse(output.structured);
  if (!checked.success) {
    const errors = checked.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    const attempt = attemptFrom(call, { outcome: "invalid_output", message: `schema: ${errors.join("; ")}` });
    await engine.routing.recordFailure(attempt, leaseRefOf(call), undefined);
    return { call: undefined, attempts: [attempt], output: { ...output, valid: false, errors } };
  }
  const attempt = attemptFrom(call, { outcome: "ok" });
  await engine.routing.recordSuccess(attempt, leaseRefOf(call), output.repaired);
  const config = getConfig();
  const threadId = typeof config?.configurable?.thread_id === "string" ? config.configurable.thread_id : undefined;
  // The server puts the run id in metadata after the caller's own metadata, so a caller cannot pick it.
  const runId = typeof config?.metadata?.run_id === "string" ? config.metadata.run_id : undefined;
  const served = engine.served.record({ deployment: call.deployment, mode: call.mode, served_at: engine.now(), ...(threadId ? { thread_id: threadId } : {}), ...(runId ? { run_id: runId } : {}) });
  // A request a human had to approve is not sent to a second model behind the human's back.
  if (request.approval === "none") engine.shadow.offer({ threadId, served: { deployment: call.deployment, mode: call.mode }, request, answer: checked.data });
  return {
    call: undefined,
    attempts: [attempt],
    status: "succeeded",
    output: { ...output, structured: checked.data, valid: true, errors: [], request_id: served.request_id },
    messages: [new AIMessage({ content: JSON.stringify(checked.data), name: call.deployment })],
  };
}

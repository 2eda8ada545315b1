import { HumanMessage } from "@langchain/core/messages";
import { getConfig, Overwrite } from "@langchain/langgraph";
import { SwitchyardError } from "../src/errors.ts";
import { checkInputSize } from "../src/routing/index.ts";
import { gatewayRequestSchema, type GatewayStateUpdate, type GatewayStateValue } from "../src/state/gateway-state.ts";
import { assertStateVersion } from "../src/state/state-version.ts";
import { promptFor } from "../src/runtime/prompt.ts";
import { engineOf, type GatewayRuntime } from "./context.ts";

/**
 * Entry node: validates the request (a trust edge), fixes its deadline, and turns it into the user
 * message. A bad request ends the run with a typed error in state instead of a stack trace.
 */
export async function acceptRequest(state: GatewayStateValue, runtime: GatewayRuntime): Promise<GatewayStateUpdate> {
  const threadId = String(getConfig().configurable?.thread_id ?? "(no thread)");
  assertStateVersion(threadId, state.schema_version);
  const engine = await engineOf(runtime);
  const parsed = gatewayRequestSchema.safeParse(state.request);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `request.${issue.path.join(".")}: ${issue.message}`);
    return { status: "failed", error: { code: "input_invalid", message: issues.join("; ") } };
  }
  const request = parsed.data;
  try {
    engine.schemas.get(request.schema_id);
    if (request.deployment !== undefined) engine.deployment(request.deployment);
    checkInputSize(engine.config, request);
  } catch (error) {
    if (error instanceof SwitchyardError) return { status: "failed", error: { code: error.code, message: error.message } };
    throw error;
  }
  const deadlineMs = request.deadline_ms ?? engine.config.requests.deadline_ms;
  return {
    request,
    deadline_at: engine.now() + deadlineMs,
    messages: [new HumanMessage(promptFor(request))],
    attempts: new Overwrite([]),
    choice: undefined,
    call: undefined,
    output: undefined,
    error: undefined,
    status: request.approval === "required" ? "awaiting_approval" : "pending",
  };
}

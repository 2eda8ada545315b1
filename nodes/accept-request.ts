import { HumanMessage } from "@langchain/core/messages";
import { getConfig, Overwrite } from "@langchain/langgraph";
import { SwitchyardError } from "../src/errors.ts";
import { GATEWAY_TOKENIZERS, type GatewayStateUpdate, type GatewayStateValue } from "../src/state/gateway-state.ts";
import { assertStateVersion } from "../src/state/state-version.ts";
import { checkRequest } from "../src/runtime/check-request.ts";
import { memoryBudget, stampTokenCountsOffThread } from "../src/memory/index.ts";
import { memorySettingsOf } from "../src/runtime/memory-settings.ts";
import { promptFor } from "../src/runtime/prompt.ts";
import { engineOf, type GatewayRuntime } from "./context.ts";

/**
 * Entry node: checks what the request names (its shape was validated by the state schema on input), fixes
 * its deadline, and turns it into the user message. A request naming a group, deployment or schema this
 * engine cannot serve ends the run `rejected` with a typed error in state, before any backend call; a
 * malformed one never gets here (the state schema refuses it with the field's issues).
 */
export async function acceptRequest(state: GatewayStateValue, runtime: GatewayRuntime): Promise<GatewayStateUpdate> {
  const threadId = String(getConfig().configurable?.thread_id ?? "(no thread)");
  assertStateVersion(threadId, state.schema_version);
  const engine = engineOf(runtime);
  // The state schema parsed `request` already (LangGraph validates graph input and updateState against it,
  // defaults applied): parsing it again here was a third pass over every request.
  const request = state.request;
  if (request === undefined) {
    return { status: "rejected", error: { code: "input_invalid", message: "request: missing. Fix: invoke with { request: { input: \"...\" } }." } };
  }
  try {
    checkRequest(engine, request);
  } catch (error) {
    if (error instanceof SwitchyardError) return { status: "rejected", error: { code: error.code, message: error.message } };
    throw error;
  }
  const deadlineAt = engine.now() + (request.deadline_ms ?? engine.config.requests.deadline_ms);
  const message = new HumanMessage(promptFor(request));
  // Counted here, off the event loop for a long input, so the messages reducer (synchronous) finds the stamps;
  // with the tokenizer memory trims by too (Gemini's or Llama 3's when the group's smallest window is theirs).
  const trimmedBy = memoryBudget(engine.config, memorySettingsOf(engine.config), { ...(request.model_group ? { model_group: request.model_group } : {}), ...(request.deployment ? { deployment: request.deployment } : {}) }).tokenizer;
  await stampTokenCountsOffThread([message], [...new Set([...GATEWAY_TOKENIZERS, trimmedBy])]);
  const status = request.approval === "required" ? "awaiting_approval" : "pending";
  const verify = engine.config.verification?.enabled === true;
  // Only what changes: each written field is one more zod parse, serialization and checkpoint write in
  // LangGraph. `request` is in state already as the schema parsed it; a new thread has nothing to clear.
  return {
    deadline_at: deadlineAt,
    messages: [message],
    ...(state.attempts.length > 0 ? { attempts: new Overwrite([]) } : {}),
    ...cleared(state, ["choice", "call", "output", "route_decision", "error"]),
    ...(state.status === status ? {} : { status }),
    ...(state.verify === verify ? {} : { verify }),
  };
}

/** An explicit `undefined` for each of `keys` that holds a value from the thread's previous request. */
function cleared(state: GatewayStateValue, keys: ReadonlyArray<"choice" | "call" | "output" | "route_decision" | "error">): GatewayStateUpdate {
  const update: GatewayStateUpdate = {};
  for (const key of keys) if (state[key] !== undefined) update[key] = undefined;
  return update;
}

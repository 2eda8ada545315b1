import type { Attributes } from "@opentelemetry/api";

/**
 * What a span carries: the GenAI semantic conventions
 * (https://opentelemetry.io/docs/specs/semconv/gen-ai/) for model calls and the request, switchyard.* for the
 * rest. Both gen_ai.system (conventions up to v1.36) and gen_ai.provider.name (v1.37 on) are written, so a
 * backend on either version groups the calls by provider.
 */

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const field = (value: unknown, key: string): unknown => (isRecord(value) ? value[key] : undefined);
const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
const count = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

/** switchyard's provider → [gen_ai.system, gen_ai.provider.name]: the conventions' well-known values. */
const providerNames: Record<string, [string, string]> = {
  openai: ["openai", "openai"],
  "google-genai": ["gemini", "gcp.gemini"],
  ollama: ["ollama", "ollama"],
};

/** What a model-call span says of its deployment. */
export interface TracedDeployment {
  id: string;
  provider: string;
  model: string;
  max_output_tokens?: number | undefined;
}

/** Which call a model span is: the request's attempt, the repair of its answer, or a memory summary. */
export type CallRole = "attempt" | "repair" | "summary";

/** A model call span's name and attributes at its start. */
export function modelCallStart(deployment: TracedDeployment, role: CallRole): { name: string; attributes: Attributes } {
  const [system, providerName] = providerNames[deployment.provider] ?? [deployment.provider, deployment.provider];
  const attributes: Attributes = {
    "gen_ai.operation.name": "chat",
    "gen_ai.system": system,
    "gen_ai.provider.name": providerName,
    "gen_ai.request.model": deployment.model,
    "switchyard.deployment": deployment.id,
    "switchyard.call": role,
  };
  if (deployment.max_output_tokens !== undefined) attributes["gen_ai.request.max_tokens"] = deployment.max_output_tokens;
  return { name: `chat ${deployment.model}`, attributes };
}

/** A model call span's attributes from the reply (a LangChain AIMessage): usage, finish reason, response model. */
export function replyAttributes(reply: unknown): Attributes {
  const usage = field(reply, "usage_metadata");
  const response = field(reply, "response_metadata");
  const attributes: Attributes = {};
  const input = count(field(usage, "input_tokens"));
  const output = count(field(usage, "output_tokens"));
  if (input !== undefined) attributes["gen_ai.usage.input_tokens"] = input;
  if (output !== undefined) attributes["gen_ai.usage.output_tokens"] = output;
  // OpenAI: finish_reason; Gemini: finishReason; Ollama: done_reason.
  const finish = text(field(response, "finish_reason")) ?? text(field(response, "finishReason")) ?? text(field(response, "done_reason"));
  if (finish !== undefined) attributes["gen_ai.response.finish_reasons"] = [finish.toLowerCase()];
  const model = text(field(response, "model_name")) ?? text(field(response, "model"));
  if (model !== undefined) attributes["gen_ai.response.model"] = model;
  return attributes;
}

/** The request span's attributes at its start (never the prompt text). */
export function requestStartAttributes(graph: string, threadId: string | undefined, modelGroup?: string): Attributes {
  const attributes: Attributes = { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": graph };
  if (threadId !== undefined) attributes["gen_ai.conversation.id"] = threadId;
  if (modelGroup !== undefined) attributes["switchyard.model_group"] = modelGroup;
  return attributes;
}

/**
 * How a request span ends, from the run's final state: its attributes, and the failure when it failed. The
 * attributes are written into `into` when given (the request span's own, by the request tracer: no copy).
 */
export function requestEnd(state: unknown, into?: Attributes): { attributes: Attributes; failed?: string } {
  const attributes = requestEndAttributes(state, into);
  const status = attributes["switchyard.status"];
  if (status !== "failed" && status !== "rejected") return { attributes };
  return { attributes, failed: text(field(field(state, "error"), "message")) ?? status };
}

/** The request span's attributes at its end, from the final state: status, what served it, total usage. */
export function requestEndAttributes(state: unknown, attributes: Attributes = {}): Attributes {
  // Plain reads, no helper per field: this runs once per request, cold, between LangGraph's work.
  if (!isRecord(state)) return attributes;
  const status = state.status;
  if (typeof status === "string" && status !== "") attributes["switchyard.status"] = status;
  const code = text(field(state.error, "code"));
  if (code !== undefined) attributes["error.type"] = code;
  const attempts = state.attempts;
  if (!Array.isArray(attempts)) return attributes;
  attributes["switchyard.attempts"] = attempts.length;
  let input = 0;
  let output = 0;
  let last: Json | undefined;
  for (let index = 0; index < attempts.length; index++) {
    const attempt: unknown = attempts[index];
    last = isRecord(attempt) ? attempt : undefined;
    if (last === undefined) continue;
    const inputTokens = last.input_tokens;
    const outputTokens = last.output_tokens;
    if (typeof inputTokens === "number" && Number.isFinite(inputTokens)) input += inputTokens;
    if (typeof outputTokens === "number" && Number.isFinite(outputTokens)) output += outputTokens;
  }
  attributes["gen_ai.usage.input_tokens"] = input;
  attributes["gen_ai.usage.output_tokens"] = output;
  if (last === undefined) return attributes;
  const deployment = last.deployment;
  if (typeof deployment === "string" && deployment !== "") attributes["switchyard.deployment"] = deployment;
  const mode = last.mode;
  if (typeof mode === "string" && mode !== "") attributes["switchyard.output_mode"] = mode;
  return attributes;
}

/**
 * A graph node's attributes from the update it returned: the decisions an operator asks about. Written into
 * `attributes` (a running span's own, by the request tracer: no object per node, no copy) when given.
 */
export function nodeEndAttributes(node: string, update: unknown, attributes: Attributes = {}): Attributes {
  if (node === "verify_request" || node === "verify_output") attributes["switchyard.verification.verdict"] = verdictOf(update);
  // Read straight off the update once it is known to be an object: most nodes' updates carry none of these,
  // so the three reads come first and nothing else runs for them (this runs for every node span).
  if (!isRecord(update)) return attributes;
  const call = update.call;
  const attempts = update.attempts;
  const routeDecision = update.route_decision;
  if (call === undefined && attempts === undefined && routeDecision === undefined) return attributes;
  const attempt: unknown = Array.isArray(attempts) ? attempts[attempts.length - 1] : undefined;
  // A node that made the call and checked it in one step (the gateway's accept) hands back the attempt, not the call.
  const routed = isRecord(call) ? call : attempt;
  if (isRecord(routed)) {
    const deployment = text(routed.deployment);
    if (deployment !== undefined) attributes["switchyard.deployment"] = deployment;
    const mode = text(routed.mode);
    if (mode !== undefined) attributes["switchyard.output_mode"] = mode;
    const reason = text(routed.reason);
    if (reason !== undefined) attributes["switchyard.routing.reason"] = reason;
  }
  if (isRecord(attempt)) {
    const outcome = text(attempt.outcome);
    if (outcome !== undefined) attributes["switchyard.attempt.outcome"] = outcome;
    const errorClass = text(attempt.error_class);
    if (errorClass !== undefined) attributes["switchyard.attempt.error_class"] = errorClass;
    if (isRecord(attempt.repair)) attributes["switchyard.repair.ok"] = attempt.repair.ok === true;
  }
  const decision = text(field(routeDecision, "action"));
  if (decision !== undefined) attributes["switchyard.retry.decision"] = decision;
  return attributes;
}

/** Verification nodes return nothing on pass, a policy_violation on block, and the rewritten text on redaction. */
function verdictOf(update: unknown): string {
  if (text(field(field(update, "error"), "code")) === "policy_violation") return "blocked";
  return isRecord(update) && Object.keys(update).length > 0 ? "redacted" : "pass";
}

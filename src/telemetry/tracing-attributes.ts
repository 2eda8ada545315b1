import type { Attributes } from "@opentelemetry/api";

/**
 * What a span carries, derived from what LangChain's callbacks hand over: the GenAI semantic conventions
 * (https://opentelemetry.io/docs/specs/semconv/gen-ai/) for model calls and the request, switchyard.* for the
 * rest. Both gen_ai.system (conventions up to v1.36) and gen_ai.provider.name (v1.37 on) are written, so a
 * backend on either version groups the calls by provider.
 */

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const field = (value: unknown, key: string): unknown => (isRecord(value) ? value[key] : undefined);
const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
const count = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

/** LangChain's ls_provider → [gen_ai.system, gen_ai.provider.name]: the conventions' well-known values. */
const providerNames: Record<string, [string, string]> = {
  openai: ["openai", "openai"],
  google_genai: ["gemini", "gcp.gemini"],
  ollama: ["ollama", "ollama"],
};

/** Which call a model run is, by the graph node it runs in: the attempt, its repair, or a memory summary. */
export function callRole(node: unknown): "attempt" | "repair" | "summary" | "call" {
  if (node === "call_model") return "attempt";
  if (node === "check_output") return "repair";
  if (typeof node === "string" && /memory|compact|summar/.test(node)) return "summary";
  return "call";
}

/** A chat model span's attributes at its start, from the run's metadata (ls_* and switchyard_deployment). */
export function chatStartAttributes(metadata: Json | undefined): Attributes {
  const provider = text(metadata?.ls_provider) ?? "_OTHER";
  const [system, providerName] = providerNames[provider] ?? [provider, provider];
  const attributes: Attributes = {
    "gen_ai.operation.name": "chat",
    "gen_ai.system": system,
    "gen_ai.provider.name": providerName,
    "switchyard.call": callRole(metadata?.langgraph_node),
  };
  const model = text(metadata?.ls_model_name);
  if (model !== undefined) attributes["gen_ai.request.model"] = model;
  const maxTokens = count(metadata?.ls_max_tokens);
  if (maxTokens !== undefined) attributes["gen_ai.request.max_tokens"] = maxTokens;
  const deployment = text(metadata?.switchyard_deployment);
  if (deployment !== undefined) attributes["switchyard.deployment"] = deployment;
  return attributes;
}

/** A chat model span's attributes at its end: usage, finish reason and response model, as each SDK reports them. */
export function chatEndAttributes(output: unknown): Attributes {
  const generations = field(output, "generations");
  const chosen: unknown = Array.isArray(generations) && Array.isArray(generations[0]) ? generations[0][0] : undefined;
  const message = field(chosen, "message");
  const usage = field(message, "usage_metadata");
  const response = field(message, "response_metadata");
  const attributes: Attributes = {};
  const input = count(field(usage, "input_tokens"));
  const outputTokens = count(field(usage, "output_tokens"));
  if (input !== undefined) attributes["gen_ai.usage.input_tokens"] = input;
  if (outputTokens !== undefined) attributes["gen_ai.usage.output_tokens"] = outputTokens;
  // OpenAI: finish_reason; Gemini: finishReason; Ollama: done_reason.
  const finish = text(field(response, "finish_reason")) ?? text(field(response, "finishReason")) ?? text(field(response, "done_reason")) ?? text(field(field(chosen, "generationInfo"), "finish_reason"));
  if (finish !== undefined) attributes["gen_ai.response.finish_reasons"] = [finish.toLowerCase()];
  const model = text(field(response, "model_name")) ?? text(field(response, "model"));
  if (model !== undefined) attributes["gen_ai.response.model"] = model;
  return attributes;
}

/** The request span's attributes at its start, from the gateway input (never the prompt text). */
export function requestStartAttributes(graph: string, inputs: unknown, metadata: Json | undefined): Attributes {
  const attributes: Attributes = { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": graph };
  const thread = text(metadata?.thread_id);
  if (thread !== undefined) attributes["gen_ai.conversation.id"] = thread;
  const request = field(inputs, "request");
  const group = text(field(request, "model_group"));
  if (group !== undefined) attributes["switchyard.model_group"] = group;
  return attributes;
}

/** The request span's attributes at its end, from the final state: status, what served it, total usage. */
export function requestEndAttributes(state: unknown): Attributes {
  const attributes: Attributes = {};
  const status = text(field(state, "status"));
  if (status !== undefined) attributes["switchyard.status"] = status;
  const code = text(field(field(state, "error"), "code"));
  if (code !== undefined) attributes["error.type"] = code;
  const attempts = field(state, "attempts");
  if (!Array.isArray(attempts)) return attributes;
  attributes["switchyard.attempts"] = attempts.length;
  let input = 0;
  let output = 0;
  for (const attempt of attempts) {
    input += count(field(attempt, "input_tokens")) ?? 0;
    output += count(field(attempt, "output_tokens")) ?? 0;
  }
  attributes["gen_ai.usage.input_tokens"] = input;
  attributes["gen_ai.usage.output_tokens"] = output;
  const last: unknown = attempts.at(-1);
  const deployment = text(field(last, "deployment"));
  if (deployment !== undefined) attributes["switchyard.deployment"] = deployment;
  const mode = text(field(last, "mode"));
  if (mode !== undefined) attributes["switchyard.output_mode"] = mode;
  return attributes;
}

/** A graph node's attributes from the update it returned: the decisions an operator asks about. */
export function nodeEndAttributes(node: string, update: unknown): Attributes {
  const attributes: Attributes = {};
  const call = field(update, "call");
  if (isRecord(call)) {
    const deployment = text(call.deployment);
    if (deployment !== undefined) attributes["switchyard.deployment"] = deployment;
    const mode = text(call.mode);
    if (mode !== undefined) attributes["switchyard.output_mode"] = mode;
    const reason = text(call.reason);
    if (reason !== undefined) attributes["switchyard.routing.reason"] = reason;
  }
  const attempts = field(update, "attempts");
  const attempt: unknown = Array.isArray(attempts) ? attempts.at(-1) : undefined;
  const outcome = text(field(attempt, "outcome"));
  if (outcome !== undefined) attributes["switchyard.attempt.outcome"] = outcome;
  const errorClass = text(field(attempt, "error_class"));
  if (errorClass !== undefined) attributes["switchyard.attempt.error_class"] = errorClass;
  if (isRecord(field(attempt, "repair"))) attributes["switchyard.repair.ok"] = field(field(attempt, "repair"), "ok") === true;
  const decision = text(field(field(update, "route_decision"), "action"));
  if (decision !== undefined) attributes["switchyard.retry.decision"] = decision;
  if (node === "verify_request" || node === "verify_output") attributes["switchyard.verification.verdict"] = verdictOf(update);
  return attributes;
}

/** Verification nodes return nothing on pass, a policy_violation on block, and the rewritten text on redaction. */
function verdictOf(update: unknown): string {
  if (text(field(field(update, "error"), "code")) === "policy_violation") return "blocked";
  return isRecord(update) && Object.keys(update).length > 0 ? "redacted" : "pass";
}

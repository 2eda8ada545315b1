import { replyText } from "../src/tokens/content-text.ts";
import { AIMessage, AIMessageChunk, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import type { Runnable } from "@langchain/core/runnables";
import type { Provider } from "../src/config/schema.ts";
import { callCostUsd } from "../src/backends/cost.ts";
import { raceAbort } from "../src/backends/race-abort.ts";
import { memoryContext } from "../src/memory/index.ts";
import { classifyError, StreamInterruptedError } from "../src/routing/index.ts";
import { attemptFrom } from "../src/state/attempt-record.ts";
import { tracedModelCall } from "../src/telemetry/traced-model-call.ts";
import type { CallRecord, GatewayStateUpdate, GatewayStateValue } from "../src/state/gateway-state.ts";
import { joinChunks } from "../src/runtime/join-chunks.ts";
import { leaseRefOf } from "../src/runtime/routing.ts";
import { engineOf, type GatewayRuntime } from "./context.ts";

const textOf = (message: AIMessage): string => replyText(message.content);

/** The text a streamed chunk adds: content, or tool-call argument fragments. */
function chunkText(chunk: AIMessageChunk): string {
  const content = replyText(chunk.content);
  return content + (chunk.tool_call_chunks ?? []).map((part) => part.args ?? "").join("");
}

/**
 * OpenAI is streamed and the chunks joined here: its non-streaming json_schema path parses inside the SDK
 * and throws the raw text of a broken reply away, which repair and the invalid-output loop need. Gemini's
 * SDK leaves an unawaited promise on a broken stream, and Ollama's client streams anyway, so both invoke.
 */
async function complete(
  provider: Provider,
  runnable: Runnable<BaseMessage[], AIMessage>,
  messages: BaseMessage[],
  signal: AbortSignal,
): Promise<AIMessage> {
  if (provider !== "openai") return runnable.invoke(messages, { signal });
  // Collected and joined once at the end (joinChunks): concat per chunk built a message per chunk.
  const pieces: AIMessageChunk[] = [];
  let received = "";
  try {
    for await (const chunk of await runnable.stream(messages, { signal })) {
      const piece = chunk instanceof AIMessageChunk ? chunk : new AIMessageChunk({ content: chunk.content });
      pieces.push(piece);
      received += chunkText(piece);
    }
  } catch (error) {
    // Before the first token nobody has seen anything: rethrow and let the router retry elsewhere.
    if (received === "") throw error;
    throw new StreamInterruptedError(provider, received, error);
  }
  const joined = joinChunks(pieces);
  if (joined === undefined) return new AIMessage("");
  // Tool arguments that are not valid JSON land in invalid_tool_calls; keep their text for repair.
  const broken = joined.invalid_tool_calls?.[0]?.args;
  const content = typeof joined.content === "string" && joined.content === "" && broken ? broken : joined.content;
  return new AIMessage({ content, tool_calls: joined.tool_calls ?? [], usage_metadata: joined.usage_metadata, response_metadata: joined.response_metadata });
}

/**
 * One call through the real LangChain client of the chosen backend, bounded by the request's deadline.
 * A transport failure becomes an Attempt with its error class and goes back to route; the SDKs never
 * retry on their own.
 */
export async function callModel(state: GatewayStateValue, runtime: GatewayRuntime): Promise<GatewayStateUpdate> {
  const engine = engineOf(runtime);
  const choice = state.choice;
  const request = state.request;
  if (choice === undefined || request === undefined || state.deadline_at === undefined) {
    return { status: "failed", error: { code: "input_invalid", message: "call_model reached without a route" } };
  }
  const deployment = engine.deployment(choice.deployment);
  const target = engine.schemas.get(request.schema_id);
  const { runnable, systemPrompt } = engine.modeCalls.get({ deployment, mode: choice.mode, schema: target.schema, schemaName: target.name, contract: request.output_contract });
  // One system message: some providers (Gemini) refuse a second one, so mode instructions and memory share it.
  const system = [systemPrompt, memoryContext(state.memory)].filter((part): part is string => Boolean(part)).join("\n\n");
  const messages: BaseMessage[] = system === "" ? state.messages : [new SystemMessage(system), ...state.messages];
  const startedAt = engine.now();
  const budgetMs = Math.max(1, Math.min(deployment.timeout_ms, state.deadline_at - startedAt));
  const signal = AbortSignal.any([engine.timeout(budgetMs), ...(runtime.signal ? [runtime.signal] : [])]);
  try {
    // Raced against the signal: some SDKs take it and keep waiting, and the deadline must hold anyway.
    const message = await tracedModelCall(engine.tracing, deployment, "attempt", () => raceAbort(complete(deployment.provider, runnable, messages, signal), signal));
    const latencyMs = engine.now() - startedAt;
    const inputTokens = message.usage_metadata?.input_tokens ?? 0;
    const outputTokens = message.usage_metadata?.output_tokens ?? 0;
    const toolCall = message.tool_calls?.[0];
    return {
      call: {
        ...(choice.group ? { group: choice.group } : {}),
        ...(choice.lease_id ? { lease_id: choice.lease_id, lease_tokens: choice.lease_tokens, lease_acquired_at: choice.lease_acquired_at } : {}),
        ...(choice.in_flight === undefined ? {} : { in_flight: choice.in_flight }),
        deployment: deployment.id,
        mode: choice.mode,
        reason: choice.reason,
        started_at: startedAt,
        latency_ms: latencyMs,
        input_tokens: inputTokens,
        output_tokens: outputTokens,
        cost_usd: callCostUsd(deployment, inputTokens, outputTokens),
      },
      // No key set to undefined: the saver writes a plain-JSON value on its fast lane, and one holding
      // undefined through JsonPlus's replacer and cycle walk, read back through its reviver (docs/gateway.md).
      output: { raw: textOf(message), ...(toolCall === undefined ? {} : { tool_arguments: toolCall.args }), valid: false, repaired: false, errors: [] },
    };
  } catch (error) {
    const classified = classifyError(error, { now: engine.now });
    const failedCall: CallRecord = {
      ...(choice.group ? { group: choice.group } : {}),
      deployment: deployment.id,
      mode: choice.mode,
      reason: choice.reason,
      started_at: startedAt,
      latency_ms: engine.now() - startedAt,
      input_tokens: 0,
      output_tokens: 0,
      cost_usd: 0,
      ...(choice.in_flight === undefined ? {} : { in_flight: choice.in_flight }),
    };
    const attempt = attemptFrom(failedCall, { outcome: "transport_error", errorClass: classified.errorClass, message: classified.message, retryAfterMs: classified.retryAfterMs });
    await engine.routing.recordFailure(attempt, leaseRefOf(choice), error);
    return { call: undefined, output: undefined, attempts: [attempt] };
  }
}

/** Rebuilds the model's reply from state for the structure step. */
export function replyFromState(state: GatewayStateValue): AIMessage {
  const raw = state.output?.raw ?? "";
  const args = state.output?.tool_arguments;
  if (args === undefined) return new AIMessage(raw);
  return new AIMessage({ content: raw, tool_calls: [{ name: "structured", args: args as Record<string, unknown>, id: "call_0" }] });
}

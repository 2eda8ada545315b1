import { AIMessage, AIMessageChunk, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import type { Runnable } from "@langchain/core/runnables";
import { raceAbort } from "../backends/race-abort.ts";
import { structureOutput } from "../output-modes/index.ts";
import type { Engine } from "../runtime/engine.ts";
import type { ChatRequest } from "./chat-request.ts";
import { answerFromMessage, usageOf, type ChatAnswer } from "./completion-shape.ts";
import type { AttemptResult, AttemptTarget } from "./route-attempts.ts";
import type { StructuredTarget } from "./structured-target.ts";
import type { Upstreams } from "./upstream.ts";
import { exchangeUpstream } from "./upstream-request.ts";
import { usageCostUsd } from "./usage-cost.ts";

/** What a proxied non-streamed answer is: the upstream's body as sent, and the usage read from it. */
export interface ProxiedAnswer {
  kind: "proxied";
  body: string;
}
export type RunValue = ProxiedAnswer | { kind: "answer"; answer: ChatAnswer };

interface UpstreamUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
}

/** The request as the upstream gets it: the caller's body with the deployment's model name. */
export function upstreamBody(request: ChatRequest, model: string, stream: boolean): string {
  const body: ChatRequest = { ...request, model, stream };
  if (stream) body.stream_options = { include_usage: true };
  return JSON.stringify(body);
}

/** Usage and cost from an upstream usage object (the cached share priced at the provider's cache rate). */
export function usageFrom(target: AttemptTarget, usage: UpstreamUsage | undefined): { inputTokens: number; outputTokens: number; cachedTokens: number; costUsd: number } {
  const inputTokens = usage?.prompt_tokens ?? 0;
  const outputTokens = usage?.completion_tokens ?? 0;
  const cachedTokens = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return { inputTokens, outputTokens, cachedTokens, costUsd: usageCostUsd(target.deployment, inputTokens, outputTokens, cachedTokens) };
}

/** An OpenAI-compatible deployment, proxied: one JSON.parse of the reply, for its usage. */
export async function proxyRun(upstreams: Upstreams, request: ChatRequest, target: AttemptTarget): Promise<AttemptResult<RunValue>> {
  const body = await exchangeUpstream(target.deployment.id, upstreams.of(target.deployment), upstreamBody(request, target.deployment.model, false), target.budgetMs, target.callerSignal);
  const parsed = JSON.parse(body) as { usage?: UpstreamUsage };
  const usage = usageFrom(target, parsed.usage);
  return { value: { kind: "proxied", body }, ...usage };
}

/** Gemini and Ollama through their LangChain clients, with tools bound and per-call options translated. */
export async function langchainRun(engine: Engine, request: ChatRequest, messages: BaseMessage[], target: AttemptTarget, makeId: () => string): Promise<AttemptResult<RunValue>> {
  const model = engine.model(target.deployment.id);
  const gemini = target.deployment.provider === "google-genai";
  const choice = request.tool_choice;
  const options: Record<string, unknown> = { signal: target.signal };
  if (request.stop !== undefined && request.stop !== null) options.stop = typeof request.stop === "string" ? [request.stop] : request.stop;
  if (gemini && choice !== undefined) {
    options.tool_choice = typeof choice === "string" ? (choice === "required" ? "any" : choice) : "any";
    if (typeof choice !== "string") options.allowedFunctionNames = [choice.function.name];
  }
  const tools = choice === "none" && !gemini ? [] : (request.tools ?? []);
  const runnable = tools.length > 0 && model.bindTools !== undefined ? model.bindTools(tools) : model;
  const message = await raceAbort(runnable.invoke(messages, options), target.signal);
  const answer = answerFromMessage(message, makeId);
  return { value: { kind: "answer", answer }, inputTokens: answer.usage.prompt_tokens, outputTokens: answer.usage.completion_tokens, costUsd: usageCostUsd(target.deployment, answer.usage.prompt_tokens, answer.usage.completion_tokens, answer.usage.prompt_tokens_details?.cached_tokens) };
}

/** OpenAI's json_schema path parses inside the SDK and drops a broken reply's text; streaming keeps it. */
async function complete(streamed: boolean, runnable: Runnable<BaseMessage[], AIMessage>, messages: BaseMessage[], signal: AbortSignal): Promise<AIMessage> {
  if (!streamed) return runnable.invoke(messages, { signal });
  let joined: AIMessageChunk | undefined;
  for await (const chunk of await runnable.stream(messages, { signal })) {
    const piece = chunk instanceof AIMessageChunk ? chunk : new AIMessageChunk({ content: chunk.content });
    joined = joined === undefined ? piece : joined.concat(piece);
  }
  if (joined === undefined) return new AIMessage("");
  return new AIMessage({ content: joined.content, tool_calls: joined.tool_calls ?? [], usage_metadata: joined.usage_metadata });
}

/**
 * response_format through the triad: the mode routing chose for this deployment (the adaptive policy's
 * pick), its prepared call, then structure and validate locally as check_output does. The client gets the
 * validated JSON as the message content; an invalid answer is an invalid_output attempt the policy learns from.
 */
export async function structuredRun(engine: Engine, structured: StructuredTarget, messages: BaseMessage[], target: AttemptTarget): Promise<AttemptResult<RunValue>> {
  const prepared = engine.modeCalls.get({ deployment: target.deployment, mode: target.mode, schema: structured.schema, schemaName: structured.name, contract: undefined });
  const [first, ...rest] = messages;
  const callerSystem = first instanceof SystemMessage ? String(first.content) : undefined;
  const system = [prepared.systemPrompt, callerSystem].filter((part): part is string => Boolean(part)).join("\n\n");
  const body = callerSystem === undefined ? messages : rest;
  const prompt = system === "" ? body : [new SystemMessage(system), ...body];
  const message = await raceAbort(complete(target.deployment.provider === "openai", prepared.runnable, prompt, target.signal), target.signal);
  const inputTokens = message.usage_metadata?.input_tokens ?? 0;
  const outputTokens = message.usage_metadata?.output_tokens ?? 0;
  const costUsd = usageCostUsd(target.deployment, inputTokens, outputTokens, message.usage_metadata?.input_token_details?.cache_read);
  const local = structureOutput(message, target.mode, structured.schema, prepared.jsonSchema);
  if (!local.ok) return { value: { kind: "answer", answer: { content: "", toolCalls: [], finishReason: "stop", usage: usageOf(inputTokens, outputTokens) } }, inputTokens, outputTokens, costUsd, invalid: `${local.failure}: ${local.message}` };
  const answer: ChatAnswer = { content: JSON.stringify(local.value), toolCalls: [], finishReason: "stop", usage: usageOf(inputTokens, outputTokens) };
  return { value: { kind: "answer", answer }, inputTokens, outputTokens, costUsd, repaired: local.repaired };
}

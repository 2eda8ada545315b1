import type { AIMessage } from "@langchain/core/messages";
import { replyText } from "../tokens/content-text.ts";

/** OpenAI's usage object. */
export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
}

export interface ChatToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/** What one answer holds, whichever way it was produced (proxied, a LangChain client, or the triad). */
export interface ChatAnswer {
  content: string | null;
  toolCalls: ChatToolCall[];
  finishReason: "stop" | "length" | "tool_calls";
  usage: ChatUsage;
}

export function usageOf(inputTokens: number, outputTokens: number, cachedTokens = 0): ChatUsage {
  return { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens, ...(cachedTokens > 0 ? { prompt_tokens_details: { cached_tokens: cachedTokens } } : {}) };
}

/** A LangChain reply as an answer; tool calls get ids when the provider gave none (Gemini, Ollama). */
export function answerFromMessage(message: AIMessage, makeId: () => string): ChatAnswer {
  const toolCalls = (message.tool_calls ?? []).map((call) => ({ id: call.id ?? `call_${makeId()}`, type: "function" as const, function: { name: call.name, arguments: JSON.stringify(call.args) } }));
  const usage = message.usage_metadata;
  const cached = usage?.input_token_details?.cache_read ?? 0;
  const text = replyText(message.content);
  return { content: text === "" && toolCalls.length > 0 ? null : text, toolCalls, finishReason: toolCalls.length > 0 ? "tool_calls" : "stop", usage: usageOf(usage?.input_tokens ?? 0, usage?.output_tokens ?? 0, cached) };
}

/** The chat.completion object OpenAI clients parse. */
export function completionBody(id: string, created: number, model: string, answer: ChatAnswer): Record<string, unknown> {
  return {
    id,
    object: "chat.completion",
    created,
    model,
    choices: [{ index: 0, message: { role: "assistant", content: answer.content, refusal: null, ...(answer.toolCalls.length > 0 ? { tool_calls: answer.toolCalls } : {}) }, logprobs: null, finish_reason: answer.finishReason }],
    usage: answer.usage,
  };
}

/** One chat.completion.chunk. */
export function chunkBody(id: string, created: number, model: string, delta: Record<string, unknown>, finishReason: string | null, usage?: ChatUsage | null): string {
  const chunk: Record<string, unknown> = { id, object: "chat.completion.chunk", created, model, choices: usage === undefined || usage === null || finishReason !== null || Object.keys(delta).length > 0 ? [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] : [] };
  if (usage !== undefined) chunk.usage = usage;
  return JSON.stringify(chunk);
}

/** An answer as the chunks a streamed completion sends: role, content, tool calls, finish, then usage when asked. */
export function answerChunks(id: string, created: number, model: string, answer: ChatAnswer, includeUsage: boolean): string[] {
  const chunks = [chunkBody(id, created, model, { role: "assistant", content: "" }, null)];
  if (answer.content) chunks.push(chunkBody(id, created, model, { content: answer.content }, null));
  answer.toolCalls.forEach((call, index) => chunks.push(chunkBody(id, created, model, { tool_calls: [{ index, ...call }] }, null)));
  chunks.push(chunkBody(id, created, model, {}, answer.finishReason));
  if (includeUsage) chunks.push(chunkBody(id, created, model, {}, null, answer.usage));
  return chunks;
}

interface ProxiedCompletion {
  choices?: Array<{ message?: { content?: string | null; tool_calls?: ChatToolCall[] }; finish_reason?: string }>;
  usage?: ChatUsage;
}

/** A proxied upstream body read back as an answer (the Responses API reshapes it). */
export function answerFromBody(body: string): ChatAnswer {
  const parsed = JSON.parse(body) as ProxiedCompletion;
  const choice = parsed.choices?.[0];
  const toolCalls = choice?.message?.tool_calls ?? [];
  const finish = choice?.finish_reason;
  return { content: choice?.message?.content ?? null, toolCalls, finishReason: finish === "length" || finish === "tool_calls" ? finish : toolCalls.length > 0 ? "tool_calls" : "stop", usage: parsed.usage ?? usageOf(0, 0) };
}

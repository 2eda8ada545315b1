import { replyText } from "../tokens/content-text.ts";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { JsonSchema } from "../output-modes/json-schema.ts";
import type { ChatRequest, ChatTurn, ToolChoice } from "./chat-request.ts";
import { parseJson, readBody, sendJson } from "./http-support.ts";
import type { ReplyPlan } from "./plan-reply.ts";
import { streamPieces } from "./render-answer.ts";
import { sendProviderError, serveChat, type EmulatorContext, type ErrorKind, type ProviderDialect, type ResponseMeta } from "./serve-chat.ts";
import { zodIssueText } from "./zod-issue-text.ts";

const schemaObject = z.record(z.string(), z.unknown());
const contentSchema = z.union([z.string(), z.null(), z.array(z.looseObject({ type: z.string(), text: z.string().optional() }))]).optional();

const messageSchema = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  content: contentSchema,
  tool_calls: z.array(z.looseObject({ function: z.looseObject({ name: z.string(), arguments: z.string() }) })).optional(),
});

const bodySchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  tools: z.array(z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: z.string().min(1), parameters: schemaObject.optional() }) })).optional(),
  tool_choice: z.union([z.enum(["auto", "none", "required"]), z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: z.string() }) })]).optional(),
  response_format: z
    .discriminatedUnion("type", [
      z.looseObject({ type: z.literal("text") }),
      z.looseObject({ type: z.literal("json_object") }),
      z.looseObject({ type: z.literal("json_schema"), json_schema: z.looseObject({ name: z.string(), schema: schemaObject.optional() }) }),
    ])
    .optional(),
});

type OpenAIBody = z.infer<typeof bodySchema>;

const contentText = (content: z.infer<typeof contentSchema>): string => replyText(content);

/** Parses a Chat Completions body into the neutral request. */
export function toChatRequest(body: OpenAIBody): ChatRequest {
  const system: string[] = [];
  const turns: ChatTurn[] = [];
  for (const message of body.messages) {
    const text = contentText(message.content);
    if (message.role === "system" || message.role === "developer") system.push(text);
    else if (message.role === "tool" || message.role === "function") turns.push({ role: "tool", text });
    else if (message.role === "assistant") turns.push({ role: "assistant", text: text || JSON.stringify(message.tool_calls ?? []) });
    else turns.push({ role: "user", text });
  }
  const format = body.response_format;
  let toolChoice: ToolChoice = { kind: "auto" };
  if (typeof body.tool_choice === "string") toolChoice = { kind: body.tool_choice };
  else if (body.tool_choice !== undefined) toolChoice = { kind: "named", name: body.tool_choice.function.name };
  return {
    provider: "openai",
    model: body.model,
    stream: body.stream === true,
    streamUsage: body.stream_options?.include_usage === true,
    system: system.join("\n"),
    turns,
    structured:
      format?.type === "json_schema"
        ? { schema: format.json_schema.schema as JsonSchema | undefined }
        : format?.type === "json_object"
          ? {}
          : undefined,
    tools: (body.tools ?? []).map((tool) => ({ name: tool.function.name, parameters: tool.function.parameters as JsonSchema | undefined })),
    toolChoice,
  };
}

const errorTypes: Record<ErrorKind, { type: string; code: string | null }> = {
  bad_request: { type: "invalid_request_error", code: "invalid_request" },
  not_found: { type: "invalid_request_error", code: "unknown_url" },
  rateLimit: { type: "requests", code: "rate_limit_exceeded" },
  serverError: { type: "server_error", code: null },
  unavailable: { type: "server_error", code: "service_unavailable" },
  timeout: { type: "timeout", code: "timeout" },
};

function toolCalls(plan: ReplyPlan, meta: ResponseMeta) {
  return plan.toolCall === undefined
    ? undefined
    : [{ id: `call_${meta.id}`, type: "function", function: { name: plan.toolCall.name, arguments: plan.toolCall.argumentsText } }];
}

function usage(plan: ReplyPlan) {
  return { prompt_tokens: plan.promptTokens, completion_tokens: plan.completionTokens, total_tokens: plan.promptTokens + plan.completionTokens };
}

/** OpenAI Chat Completions on the wire. */
export const openaiDialect: ProviderDialect = {
  provider: "openai",
  errorBody: (kind, message) => ({ error: { message, ...errorTypes[kind], param: null } }),
  completeBody: (request, plan, meta) => ({
    id: `chatcmpl-${meta.id}`,
    object: "chat.completion",
    created: Math.floor(meta.createdMs / 1000),
    model: request.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: plan.toolCall === undefined ? plan.text : null, refusal: null, ...(plan.toolCall ? { tool_calls: toolCalls(plan, meta) } : {}) },
        logprobs: null,
        finish_reason: plan.toolCall === undefined ? "stop" : "tool_calls",
      },
    ],
    usage: usage(plan),
    system_fingerprint: "fp_emulator",
  }),
  streamContentType: "text/event-stream",
  streamEvents: (request, plan, meta) => {
    const base = { id: `chatcmpl-${meta.id}`, object: "chat.completion.chunk", created: Math.floor(meta.createdMs / 1000), model: request.model, system_fingerprint: "fp_emulator" };
    const chunk = (delta: unknown, finishReason: string | null = null) => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });
    const events: unknown[] = [chunk({ role: "assistant", content: "", refusal: null })];
    if (plan.toolCall === undefined) {
      for (const piece of streamPieces(plan.text)) events.push(chunk({ content: piece }));
    } else {
      events.push(chunk({ tool_calls: [{ index: 0, id: `call_${meta.id}`, type: "function", function: { name: plan.toolCall.name, arguments: "" } }] }));
      for (const piece of streamPieces(plan.toolCall.argumentsText)) events.push(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }));
    }
    events.push(chunk({}, plan.toolCall === undefined ? "stop" : "tool_calls"));
    if (request.streamUsage) events.push({ ...base, choices: [], usage: usage(plan) });
    return [...events.map((event) => `data: ${JSON.stringify(event)}\n\n`), "data: [DONE]\n\n"];
  },
};

/** Routes one HTTP request to the OpenAI emulator. */
export async function handleOpenAI(request: IncomingMessage, response: ServerResponse, context: EmulatorContext): Promise<void> {
  const path = (request.url ?? "/").split("?")[0] ?? "/";
  if (request.method === "GET" && (path === "/v1/models" || path === "/models")) {
    const created = Math.floor(context.now() / 1000);
    return sendJson(response, 200, { object: "list", data: context.knownModels("openai").map((id) => ({ id, object: "model", created, owned_by: "switchyard-emulator" })) });
  }
  if (request.method !== "POST" || (path !== "/v1/chat/completions" && path !== "/chat/completions")) {
    context.record({ backend: "openai", model: "", mode: "none", outcome: "not_found" });
    return sendProviderError(openaiDialect, response, "not_found", `Unknown request URL: ${request.method ?? "?"} ${path}. The emulator serves POST /v1/chat/completions and GET /v1/models.`);
  }
  const parsed = parseJson(await readBody(request));
  const body = parsed.ok ? bodySchema.safeParse(parsed.value) : undefined;
  if (body === undefined || !body.success) {
    context.record({ backend: "openai", model: "", mode: "none", outcome: "bad_request" });
    const detail = !parsed.ok ? `We could not parse the JSON body of your request (${parsed.message}).` : `Invalid request body: ${zodIssueText(body?.error)}.`;
    return sendProviderError(openaiDialect, response, "bad_request", detail);
  }
  return serveChat(openaiDialect, toChatRequest(body.data), response, context);
}

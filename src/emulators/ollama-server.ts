import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { JsonSchema } from "../output-modes/json-schema.ts";
import type { ChatRequest, ChatTurn } from "./chat-request.ts";
import { parseJson, readBody, sendJson } from "./http-support.ts";
import type { ReplyPlan } from "./plan-reply.ts";
import { streamPieces } from "./render-answer.ts";
import { sendProviderError, serveChat, type EmulatorContext, type ProviderDialect, type ResponseMeta } from "./serve-chat.ts";
import { zodIssueText } from "./zod-issue-text.ts";

/** The Ollama version the emulator reports; ollama-js only checks that the probe answers. */
export const OLLAMA_EMULATED_VERSION = "0.6.4";

const schemaObject = z.record(z.string(), z.unknown());

const bodySchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(z.looseObject({ role: z.enum(["system", "user", "assistant", "tool"]), content: z.string().nullish(), tool_calls: z.array(z.unknown()).optional() })),
  stream: z.boolean().optional(),
  format: z.union([z.literal("json"), z.literal(""), schemaObject]).optional(),
  tools: z.array(z.looseObject({ type: z.string().optional(), function: z.looseObject({ name: z.string().min(1), parameters: schemaObject.optional() }) })).optional(),
});

type OllamaBody = z.infer<typeof bodySchema>;

/** Parses an /api/chat body into the neutral request. Ollama streams unless `stream` is false. */
export function toChatRequest(body: OllamaBody): ChatRequest {
  const system: string[] = [];
  const turns: ChatTurn[] = [];
  for (const message of body.messages) {
    const text = message.content ?? "";
    if (message.role === "system") system.push(text);
    else if (message.role === "assistant") turns.push({ role: "assistant", text: text || JSON.stringify(message.tool_calls ?? []) });
    else turns.push({ role: message.role === "tool" ? "tool" : "user", text });
  }
  const format = body.format;
  return {
    provider: "ollama",
    model: body.model,
    stream: body.stream !== false,
    streamUsage: true,
    system: system.join("\n"),
    turns,
    structured: format === "json" ? {} : typeof format === "object" ? { schema: format as JsonSchema } : undefined,
    tools: (body.tools ?? []).map((tool) => ({ name: tool.function.name, parameters: tool.function.parameters as JsonSchema | undefined })),
    toolChoice: { kind: "auto" },
  };
}

function message(plan: ReplyPlan, content: string) {
  return {
    role: "assistant",
    content,
    ...(plan.toolCall ? { tool_calls: [{ function: { name: plan.toolCall.name, arguments: plan.toolCall.arguments } }] } : {}),
  };
}

function finalFields(plan: ReplyPlan) {
  const promptNs = Math.round(plan.firstTokenDelayMs * 1e6);
  const evalNs = Math.round(plan.generationMs * 1e6);
  return {
    done: true,
    done_reason: "stop",
    total_duration: promptNs + evalNs,
    load_duration: 0,
    prompt_eval_count: plan.promptTokens,
    prompt_eval_duration: promptNs,
    eval_count: plan.completionTokens,
    eval_duration: evalNs,
  };
}

const createdAt = (meta: ResponseMeta) => new Date(meta.createdMs).toISOString();

/** Ollama /api/chat on the wire: one JSON object, or NDJSON lines ending with `done: true`. */
export const ollamaDialect: ProviderDialect = {
  provider: "ollama",
  errorBody: (_kind, text) => ({ error: text }),
  completeBody: (request, plan, meta) => ({ model: request.model, created_at: createdAt(meta), message: message(plan, plan.text), ...finalFields(plan) }),
  streamContentType: "application/x-ndjson",
  streamEvents: (request, plan, meta) => {
    const line = (body: unknown) => `${JSON.stringify(body)}\n`;
    const base = { model: request.model, created_at: createdAt(meta) };
    const lines = streamPieces(plan.text).map((piece) => line({ ...base, message: { role: "assistant", content: piece }, done: false }));
    if (plan.toolCall !== undefined) lines.push(line({ ...base, message: message(plan, ""), done: false }));
    lines.push(line({ ...base, message: { role: "assistant", content: "" }, ...finalFields(plan) }));
    return lines;
  },
};

/** Routes one HTTP request to the Ollama emulator. */
export async function handleOllama(request: IncomingMessage, response: ServerResponse, context: EmulatorContext): Promise<void> {
  const path = (request.url ?? "/").split("?")[0] ?? "/";
  if (request.method === "GET" && path === "/api/version") return sendJson(response, 200, { version: OLLAMA_EMULATED_VERSION });
  if (request.method === "GET" && path === "/api/tags") {
    const modifiedAt = new Date(context.now()).toISOString();
    const models = context.knownModels("ollama").map((name) => ({
      name,
      model: name,
      modified_at: modifiedAt,
      size: 0,
      digest: "emulator",
      details: { format: "gguf", family: "emulator", parameter_size: "0B", quantization_level: "none" },
    }));
    return sendJson(response, 200, { models });
  }
  if (request.method === "GET" && path === "/") return void response.writeHead(200, { "content-type": "text/plain" }).end("Ollama is running");
  if (request.method !== "POST" || path !== "/api/chat") {
    context.record({ backend: "ollama", model: "", mode: "none", outcome: "not_found" });
    return sendProviderError(ollamaDialect, response, "not_found", `404 page not found: ${request.method ?? "?"} ${path} (the emulator serves POST /api/chat, GET /api/tags, GET /api/version)`);
  }
  const parsed = parseJson(await readBody(request));
  const body = parsed.ok ? bodySchema.safeParse(parsed.value) : undefined;
  if (body === undefined || !body.success) {
    context.record({ backend: "ollama", model: "", mode: "none", outcome: "bad_request" });
    const detail = !parsed.ok ? `invalid character in request body: ${parsed.message}` : `invalid request: ${zodIssueText(body?.error)}`;
    return sendProviderError(ollamaDialect, response, "bad_request", detail);
  }
  return serveChat(ollamaDialect, toChatRequest(body.data), response, context);
}

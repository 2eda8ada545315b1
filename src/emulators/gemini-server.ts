import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { JsonSchema } from "../output-modes/json-schema.ts";
import type { ChatRequest, ChatTurn, ToolChoice } from "./chat-request.ts";
import { parseJson, readBody, sendJson } from "./http-support.ts";
import type { ReplyPlan } from "./plan-reply.ts";
import { streamPieces } from "./render-answer.ts";
import { sendProviderError, serveChat, type EmulatorContext, type ErrorKind, type ProviderDialect } from "./serve-chat.ts";
import { zodIssueText } from "./zod-issue-text.ts";

const schemaObject = z.record(z.string(), z.unknown());

const partSchema = z.looseObject({
  text: z.string().optional(),
  functionCall: z.looseObject({ name: z.string(), args: z.unknown().optional() }).optional(),
  functionResponse: z.looseObject({ name: z.string(), response: z.unknown().optional() }).optional(),
});

const contentSchema = z.looseObject({ role: z.string().optional(), parts: z.array(partSchema) });

const bodySchema = z.looseObject({
  contents: z.array(contentSchema).min(1),
  systemInstruction: z.union([z.string(), contentSchema]).optional(),
  generationConfig: z.looseObject({ responseSchema: schemaObject.optional(), responseMimeType: z.string().optional() }).optional(),
  tools: z.array(z.looseObject({ functionDeclarations: z.array(z.looseObject({ name: z.string().min(1), parameters: schemaObject.optional() })).optional() })).optional(),
  toolConfig: z
    .looseObject({ functionCallingConfig: z.looseObject({ mode: z.string().optional(), allowedFunctionNames: z.array(z.string()).optional() }).optional() })
    .optional(),
});

type GeminiBody = z.infer<typeof bodySchema>;

function partsText(parts: z.infer<typeof partSchema>[]): string {
  return parts
    .map((part) => part.text ?? (part.functionCall ? JSON.stringify(part.functionCall) : part.functionResponse ? JSON.stringify(part.functionResponse.response ?? {}) : ""))
    .join("");
}

/** Parses a generateContent body (model name from the URL) into the neutral request. */
export function toChatRequest(body: GeminiBody, model: string, stream: boolean): ChatRequest {
  const turns: ChatTurn[] = body.contents.map((content) => {
    const isToolResult = content.role === "function" || content.parts.some((part) => part.functionResponse !== undefined);
    const role: ChatTurn["role"] = isToolResult ? "tool" : content.role === "model" ? "assistant" : "user";
    return { role, text: partsText(content.parts) };
  });
  const instruction = body.systemInstruction;
  const system = instruction === undefined ? "" : typeof instruction === "string" ? instruction : partsText(instruction.parts);
  const config = body.toolConfig?.functionCallingConfig;
  const allowed = config?.allowedFunctionNames ?? [];
  let toolChoice: ToolChoice = { kind: "auto" };
  if (config?.mode === "NONE") toolChoice = { kind: "none" };
  else if (config?.mode === "ANY") toolChoice = allowed.length === 1 ? { kind: "named", name: allowed[0] as string } : { kind: "required" };
  const generation = body.generationConfig;
  return {
    provider: "gemini",
    model,
    stream,
    streamUsage: true,
    system,
    turns,
    structured:
      generation?.responseSchema !== undefined
        ? { schema: generation.responseSchema as JsonSchema }
        : generation?.responseMimeType === "application/json"
          ? {}
          : undefined,
    tools: (body.tools ?? []).flatMap((tool) => tool.functionDeclarations ?? []).map((declaration) => ({ name: declaration.name, parameters: declaration.parameters as JsonSchema | undefined })),
    toolChoice,
  };
}

const statusNames: Record<ErrorKind, string> = {
  bad_request: "INVALID_ARGUMENT",
  not_found: "NOT_FOUND",
  rateLimit: "RESOURCE_EXHAUSTED",
  serverError: "INTERNAL",
  unavailable: "UNAVAILABLE",
  timeout: "DEADLINE_EXCEEDED",
};
const statusCodes: Record<ErrorKind, number> = { bad_request: 400, not_found: 404, rateLimit: 429, serverError: 500, unavailable: 503, timeout: 504 };

function usageMetadata(plan: ReplyPlan) {
  return { promptTokenCount: plan.promptTokens, candidatesTokenCount: plan.completionTokens, totalTokenCount: plan.promptTokens + plan.completionTokens };
}

function candidate(parts: unknown[], finished: boolean) {
  return { content: { role: "model", parts }, index: 0, ...(finished ? { finishReason: "STOP" } : {}) };
}

/** Gemini generateContent / streamGenerateContent on the wire. */
export const geminiDialect: ProviderDialect = {
  provider: "gemini",
  errorBody: (kind, message) => ({ error: { code: statusCodes[kind], message, status: statusNames[kind] } }),
  completeBody: (request, plan, meta) => ({
    candidates: [candidate(plan.toolCall ? [{ functionCall: { name: plan.toolCall.name, args: plan.toolCall.arguments } }] : [{ text: plan.text }], true)],
    usageMetadata: usageMetadata(plan),
    modelVersion: request.model,
    responseId: meta.id,
  }),
  streamContentType: "text/event-stream",
  endDroppedStreamCleanly: true,
  streamEvents: (request, plan, meta) => {
    const frame = (body: unknown) => `data: ${JSON.stringify(body)}\r\n\r\n`;
    if (plan.toolCall !== undefined) return [frame(geminiDialect.completeBody(request, plan, meta))];
    const pieces = streamPieces(plan.text);
    if (pieces.length === 0) pieces.push("");
    return pieces.map((piece, index) => {
      const last = index === pieces.length - 1;
      return frame({ candidates: [candidate([{ text: piece }], last)], ...(last ? { usageMetadata: usageMetadata(plan) } : {}), modelVersion: request.model, responseId: meta.id });
    });
  },
};

const routePattern = /^\/(v1beta|v1)\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

/** Routes one HTTP request to the Gemini emulator. */
export async function handleGemini(request: IncomingMessage, response: ServerResponse, context: EmulatorContext): Promise<void> {
  const url = new URL(request.url ?? "/", "http://emulator");
  if (request.method === "GET" && /^\/(v1beta|v1)\/models$/.test(url.pathname)) {
    return sendJson(response, 200, { models: context.knownModels("gemini").map((name) => ({ name: `models/${name}`, supportedGenerationMethods: ["generateContent", "streamGenerateContent"] })) });
  }
  const match = routePattern.exec(url.pathname);
  if (request.method !== "POST" || match === null) {
    context.record({ backend: "gemini", model: "", mode: "none", outcome: "not_found" });
    return sendProviderError(geminiDialect, response, "not_found", `${request.method ?? "?"} ${url.pathname} is not found. The emulator serves POST /v1beta/models/{model}:generateContent and :streamGenerateContent?alt=sse.`);
  }
  const model = decodeURIComponent(match[2] as string);
  const parsed = parseJson(await readBody(request));
  const body = parsed.ok ? bodySchema.safeParse(parsed.value) : undefined;
  if (body === undefined || !body.success) {
    context.record({ backend: "gemini", model, mode: "none", outcome: "bad_request" });
    const detail = !parsed.ok ? `Invalid JSON payload received (${parsed.message}).` : `Invalid JSON payload received. ${zodIssueText(body?.error)}.`;
    return sendProviderError(geminiDialect, response, "bad_request", detail);
  }
  return serveChat(geminiDialect, toChatRequest(body.data, model, match[3] === "streamGenerateContent"), response, context);
}

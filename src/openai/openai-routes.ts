import type { RequestListener } from "node:http";
import { Hono, type Context } from "hono";
import { fastChatListener, type FastListenerOptions } from "./fast-listener.ts";
import { ChatService, type ChatServiceOptions } from "./chat-service.ts";
import { answerFromBody } from "./completion-shape.ts";
import { attemptsOf, errorReply, handleChat } from "./chat-handler.ts";
import { toChatBody } from "./responses-request.ts";
import { responseBody, responseEvents } from "./responses-shape.ts";
import { asOpenAIError, OpenAIRequestError } from "./openai-error.ts";
import { KeyGate } from "./key-gate.ts";
import type { VirtualKeyStore } from "./virtual-key-store.ts";

export interface OpenAIRoutesOptions extends ChatServiceOptions {
  /** The server's API keys (server.auth): they pass /v1 too, without per-key limits. Empty: /v1 is open to server-key-less callers only with a virtual key when `keys` holds any. */
  apiKeys?: readonly string[];
  /** Virtual keys (sk-sy-…) with allow-lists, rate limits and budgets; absent: only server keys apply. */
  keys?: VirtualKeyStore;
}

/** Server-sent events, unbuffered. */
export const SSE_HEADERS = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" };

function errorResponse(context: Context, error: unknown): Response {
  const failure = asOpenAIError(error);
  return context.json(failure.body(), failure.status as 400);
}

async function jsonBody(context: Context): Promise<unknown> {
  try {
    return await context.req.json();
  } catch (error) {
    throw new OpenAIRequestError({ status: 400, code: "invalid_json", message: `the body is not JSON (${error instanceof Error ? error.message : String(error)}). Fix: send application/json.` });
  }
}

/**
 * The OpenAI-compatible endpoints, mounted at /v1 by createServer: chat completions (plain and streamed),
 * models. They run on the engine's routing directly, no graph run per request.
 *
 * @example
 * app.route("/v1", openaiRoutes({ engine, emulators: engine.emulators?.urls, apiKeys }));
 */
export function openaiRoutes(options: OpenAIRoutesOptions): Hono {
  return openaiEndpoint(options).routes;
}

/** The /v1 routes, and the raw Node listener that answers chat completions before Hono (see fastChatListener). */
export interface OpenAIEndpoint {
  routes: Hono;
  nodeListener: (fallback: RequestListener, options: FastListenerOptions) => RequestListener;
}

/** Builds the /v1 routes and the hot path's Node listener over one service and one key gate. */
export function openaiEndpoint(options: OpenAIRoutesOptions): OpenAIEndpoint {
  const service = new ChatService(options);
  const gate = new KeyGate({ apiKeys: options.apiKeys ?? [], keys: options.keys, now: service.now });
  const app = new Hono();

  app.get("/models", async (context) => {
    try {
      await gate.authenticate((name) => context.req.header(name));
      const created = Math.floor(service.now() / 1000);
      return context.json({ object: "list", data: service.targets.names().map((id) => ({ id, object: "model", created, owned_by: "switchyard" })) });
    } catch (error) {
      return errorResponse(context, error);
    }
  });

  app.post("/chat/completions", async (context) => {
    let body: unknown;
    try {
      body = await jsonBody(context);
    } catch (error) {
      body = error;
    }
    const reply = body instanceof OpenAIRequestError ? errorReply(body) : await handleChat(service, gate, (name) => context.req.header(name), body, context.req.raw.signal);
    if ("stream" in reply) return new Response(reply.stream, { headers: SSE_HEADERS });
    return context.body(reply.json, reply.status as 200, { "content-type": "application/json" });
  });

  app.post("/responses", async (context) => {
    try {
      const caller = await gate.authenticate((name) => context.req.header(name));
      const { request, chat } = toChatBody(await jsonBody(context));
      const prepared = service.prepare(chat);
      const admission = await gate.admit(caller, prepared);
      const routed = await service.answer(prepared, context.req.raw.signal).catch((error: unknown) => {
        admission.settle(attemptsOf(error));
        throw error;
      });
      admission.settle(routed.attempts);
      const answer = routed.value.kind === "proxied" ? answerFromBody(routed.value.body) : routed.value.answer;
      const id = `resp_${service.generateId()}`;
      const createdAt = Math.floor(service.now() / 1000);
      if (request.stream !== true) return context.json(responseBody(id, createdAt, request.model, answer, service.generateId));
      // The answer is routed whole (failover before anything is sent), then sent as the Responses events.
      return context.body(responseEvents(id, createdAt, request.model, answer, service.generateId).join(""), 200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
    } catch (error) {
      return errorResponse(context, error);
    }
  });

  app.all("*", (context) => errorResponse(context, new OpenAIRequestError({ status: 404, code: "unknown_url", message: `no route ${context.req.method} ${context.req.path}. Fix: switchyard serves POST /v1/chat/completions, POST /v1/responses and GET /v1/models.` })));
  const handle = (header: (name: string) => string | undefined, body: unknown, signal: AbortSignal | undefined) => handleChat(service, gate, header, body, signal);
  return { routes: app, nodeListener: (fallback, listenerOptions) => fastChatListener(handle, listenerOptions)(fallback) };
}

import { Hono, type Context } from "hono";
import { ChatService, type ChatServiceOptions } from "./chat-service.ts";
import { answerFromBody, completionBody } from "./completion-shape.ts";
import { toChatBody } from "./responses-request.ts";
import { responseBody, responseEvents } from "./responses-shape.ts";
import { streamChat } from "./chat-stream.ts";
import { asOpenAIError, OpenAIRequestError } from "./openai-error.ts";
import { KeyGate, type Admission } from "./key-gate.ts";
import type { VirtualKeys } from "./virtual-keys.ts";

export interface OpenAIRoutesOptions extends ChatServiceOptions {
  /** The server's API keys (server.auth): they pass /v1 too, without per-key limits. Empty: /v1 is open to server-key-less callers only with a virtual key when `keys` holds any. */
  apiKeys?: readonly string[];
  /** Virtual keys (sk-sy-…) with allow-lists, rate limits and budgets; absent: only server keys apply. */
  keys?: VirtualKeys;
}

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
  const service = new ChatService(options);
  const gate = new KeyGate({ apiKeys: options.apiKeys ?? [], keys: options.keys, now: service.now });
  const app = new Hono();

  app.get("/models", (context) => {
    try {
      gate.authenticate((name) => context.req.header(name));
      const created = Math.floor(service.now() / 1000);
      return context.json({ object: "list", data: service.targets.names().map((id) => ({ id, object: "model", created, owned_by: "switchyard" })) });
    } catch (error) {
      return errorResponse(context, error);
    }
  });

  app.post("/chat/completions", async (context) => {
    let admission: Admission | undefined;
    try {
      const caller = gate.authenticate((name) => context.req.header(name));
      const prepared = service.prepare(await jsonBody(context));
      admission = gate.admit(caller, prepared);
      const held = admission;
      if (prepared.request.stream === true) {
        const outcome = await streamChat(service, prepared, context.req.raw.signal);
        void outcome.done.then((routed) => held.settle(routed.attempts), (error: unknown) => held.settle(attemptsOf(error)));
        if (outcome.response instanceof OpenAIRequestError) return errorResponse(context, outcome.response);
        return outcome.response;
      }
      const routed = await service.answer(prepared, context.req.raw.signal).catch((error: unknown) => {
        held.settle(attemptsOf(error));
        throw error;
      });
      held.settle(routed.attempts);
      const value = routed.value;
      if (value.kind === "proxied") return context.body(value.body, 200, { "content-type": "application/json" });
      return context.json(completionBody(`chatcmpl-${service.generateId()}`, Math.floor(service.now() / 1000), prepared.request.model, value.answer));
    } catch (error) {
      return errorResponse(context, error);
    }
  });

  app.post("/responses", async (context) => {
    try {
      const caller = gate.authenticate((name) => context.req.header(name));
      const { request, chat } = toChatBody(await jsonBody(context));
      const prepared = service.prepare(chat);
      const admission = gate.admit(caller, prepared);
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
  return app;
}

/** The attempts a failed routing made (carried on the error), so budgets settle what they cost. */
function attemptsOf(error: unknown): readonly { cost_usd: number; input_tokens: number; output_tokens: number }[] {
  return error instanceof OpenAIRequestError ? error.attempts : [];
}

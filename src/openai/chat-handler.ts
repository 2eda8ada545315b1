import type { ChatService } from "./chat-service.ts";
import { completionBody } from "./completion-shape.ts";
import { streamChat } from "./chat-stream.ts";
import { asOpenAIError, OpenAIRequestError } from "./openai-error.ts";
import type { KeyGate } from "./key-gate.ts";

/** What /v1/chat/completions answers, before any HTTP framework touches it. */
export type ChatReply = { status: number; json: string } | { status: 200; stream: ReadableStream<Uint8Array> };

/** The attempts a failed routing made (carried on the error), so budgets settle what they cost. */
export function attemptsOf(error: unknown): readonly { cost_usd: number; input_tokens: number; output_tokens: number }[] {
  return error instanceof OpenAIRequestError ? error.attempts : [];
}

export function errorReply(error: unknown): ChatReply {
  const failure = asOpenAIError(error);
  return { status: failure.status, json: JSON.stringify(failure.body()) };
}

/** Parses JSON text, or refuses it as OpenAI does. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new OpenAIRequestError({ status: 400, code: "invalid_json", message: `the body is not JSON (${error instanceof Error ? error.message : String(error)}). Fix: send application/json.` });
  }
}

/**
 * One chat completion, from the raw body to the reply: authenticate, parse and check, admit against the
 * key's budget and windows, route, settle. Shared by the Hono route and the raw Node listener of the hot path.
 */
export async function handleChat(service: ChatService, gate: KeyGate, header: (name: string) => string | undefined, body: unknown, signal: AbortSignal | undefined): Promise<ChatReply> {
  try {
    const caller = await gate.authenticate(header);
    const prepared = service.prepare(body);
    const admission = await gate.admit(caller, prepared);
    if (prepared.request.stream === true) {
      const outcome = await streamChat(service, prepared, signal ?? new AbortController().signal);
      void outcome.done.then((routed) => admission.settle(routed.attempts), (error: unknown) => admission.settle(attemptsOf(error)));
      if (outcome.response instanceof OpenAIRequestError) return errorReply(outcome.response);
      const stream = outcome.response.body;
      return stream === null ? errorReply(new Error("empty stream")) : { status: 200, stream };
    }
    const routed = await service.answer(prepared, signal).catch((error: unknown) => {
      admission.settle(attemptsOf(error));
      throw error;
    });
    admission.settle(routed.attempts);
    const value = routed.value;
    if (value.kind === "proxied") return { status: 200, json: value.body };
    return { status: 200, json: JSON.stringify(completionBody(`chatcmpl-${service.generateId()}`, Math.floor(service.now() / 1000), prepared.request.model, value.answer)) };
  } catch (error) {
    return errorReply(error);
  }
}

import type { ServerResponse } from "node:http";
import type { ChatRequest } from "./chat-request.ts";
import type { EmulatorStatsRow } from "./emulator-stats.ts";
import { sendJson, watchClient } from "./http-support.ts";
import { planReply, type PlanContext, type ReplyPlan } from "./plan-reply.ts";
import type { EmulatorProvider } from "./profile.ts";

/** The error situations every provider has its own status and body for. */
export type ErrorKind = "bad_request" | "not_found" | "rateLimit" | "serverError" | "unavailable" | "timeout";

export const errorStatus: Record<ErrorKind, number> = { bad_request: 400, not_found: 404, rateLimit: 429, serverError: 500, unavailable: 503, timeout: 504 };

/** How one provider writes answers and errors on the wire. */
export interface ProviderDialect {
  provider: EmulatorProvider;
  errorBody(kind: ErrorKind, message: string): unknown;
  completeBody(request: ChatRequest, plan: ReplyPlan, meta: ResponseMeta): unknown;
  streamContentType: string;
  /**
   * End a dropped stream cleanly after half its events instead of resetting the socket. Gemini needs
   * this: @google/generative-ai tees the stream into a `response` promise nobody awaits, so a reset
   * mid-stream becomes an unhandled rejection that kills the client's process.
   */
  endDroppedStreamCleanly?: boolean;
  /** The stream's events, each already framed (SSE `data: ...` or an NDJSON line). */
  streamEvents(request: ChatRequest, plan: ReplyPlan, meta: ResponseMeta): string[];
}

/** Per-response identity: an id unique within the run and the clock reading it was created at. */
export interface ResponseMeta {
  id: string;
  createdMs: number;
}

/** What the servers share: the current profile and oracle, the request counter, the stats. */
export interface EmulatorContext {
  planContext(): PlanContext;
  record(row: Omit<EmulatorStatsRow, "count">): void;
  /** Models to list on the health and model-list endpoints: configured ones and ones seen so far. */
  knownModels(provider: EmulatorProvider): string[];
  now(): number;
  nextId(): string;
}

/** Sends a provider-shaped error (with Retry-After on 429). */
export function sendProviderError(dialect: ProviderDialect, response: ServerResponse, kind: ErrorKind, message: string, retryAfterSeconds?: number): void {
  const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { "retry-after": String(retryAfterSeconds) };
  sendJson(response, errorStatus[kind], dialect.errorBody(kind, message), headers);
}

/**
 * Answers one chat request: plans it, injects the planned transport fault, paces the answer by the
 * profile's latency, and writes it plain or streamed in the provider's dialect.
 */
export async function serveChat(dialect: ProviderDialect, request: ChatRequest, response: ServerResponse, context: EmulatorContext): Promise<void> {
  const plan = planReply(request, context.planContext());
  const meta: ResponseMeta = { id: context.nextId(), createdMs: context.now() };
  context.record({ backend: request.provider, model: request.model, mode: plan.mode, outcome: plan.fault ?? plan.fidelityFaults[0] ?? "ok" });
  const client = watchClient(response);
  await client.wait(plan.firstTokenDelayMs);
  if (client.gone) return;

  switch (plan.fault) {
    case "rateLimit":
      return sendProviderError(dialect, response, "rateLimit", `Rate limit reached for ${request.model} (emulated). Please retry after ${plan.errors.retryAfterSeconds}s.`, plan.errors.retryAfterSeconds);
    case "serverError":
      return sendProviderError(dialect, response, "serverError", "The server had an error while processing your request (emulated).");
    case "unavailable":
      return sendProviderError(dialect, response, "unavailable", `${request.model} is overloaded or unavailable (emulated). Try again later.`);
    case "timeout":
      await client.wait(plan.errors.timeoutMs);
      if (!client.gone) sendProviderError(dialect, response, "timeout", `Request for ${request.model} timed out after ${plan.errors.timeoutMs} ms (emulated).`);
      return;
    default:
      break;
  }

  const dropped = plan.fault === "droppedStream";
  if (!request.stream) {
    await client.wait(plan.generationMs);
    if (client.gone) return;
    const text = JSON.stringify(dialect.completeBody(request, plan, meta));
    if (!dropped) {
      response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      response.end(text);
      return;
    }
    // Promise the whole body, send half, then cut the connection: what a proxy dying mid-response looks like.
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    // Cut only once the half is flushed: destroy() discards unsent data, and the client would see a
    // connection closed before any headers (a refusal, to every SDK) instead of a body cut mid-way.
    response.write(text.slice(0, Math.floor(text.length / 2)), () => response.destroy());
    return;
  }

  const events = dialect.streamEvents(request, plan, meta);
  response.writeHead(200, { "content-type": dialect.streamContentType, "cache-control": "no-cache", connection: "keep-alive" });
  const pause = events.length === 0 ? 0 : plan.generationMs / events.length;
  // A dropped stream sends the first half of its events, then the socket dies without a final event.
  const cutAt = dropped ? Math.floor(events.length / 2) : events.length;
  for (const [index, event] of events.entries()) {
    if (index === cutAt) {
      if (dialect.endDroppedStreamCleanly === true) response.end();
      else response.destroy();
      return;
    }
    response.write(event);
    await client.wait(pause);
    if (client.gone) return;
  }
  if (dropped && dialect.endDroppedStreamCleanly !== true) response.destroy();
  else response.end();
}

import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { errorReply, parseJsonText, type ChatReply } from "./chat-handler.ts";
import { OpenAIRequestError } from "./openai-error.ts";

export interface FastListenerOptions {
  /** server.max_body_bytes: a larger body goes to the Hono path, which answers 413 and drains it. */
  maxBodyBytes: number;
  /** Told about every request the fast listener answered (the server's request metric and log line). */
  onDone?: (method: string, path: string, status: number, milliseconds: number) => void;
}

type Handle = (header: (name: string) => string | undefined, body: unknown, signal: AbortSignal | undefined) => Promise<ChatReply>;

const SSE = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" };

async function send(response: ServerResponse, reply: ChatReply): Promise<void> {
  if ("json" in reply) {
    response.writeHead(reply.status, { "content-type": "application/json", "content-length": Buffer.byteLength(reply.json) });
    response.end(reply.json);
    return;
  }
  response.writeHead(200, SSE);
  for await (const chunk of reply.stream) {
    if (response.destroyed) break;
    response.write(chunk);
  }
  response.end();
}

/**
 * A request's header lookup. Made here, not as a named arrow in the listener: tsx (esbuild keepNames) gives every
 * named closure a per-request Object.defineProperty of its name, about 0.3 µs each on the hot path.
 */
function headerReader(request: IncomingMessage): (name: string) => string | undefined {
  return (name) => {
    const value = request.headers[name];
    return typeof value === "string" ? value : undefined;
  };
}

/**
 * The hot path's own Node request listener: POST /v1/chat/completions is read and answered straight from
 * node:http, without building a web Request, running the LangGraph API's middleware or Hono's routing (that
 * cost more CPU than the routing engine itself). Everything else, and any request with an Origin (CORS is the
 * Hono app's) or a body over the limit, falls through to the app's listener unchanged.
 */
export function fastChatListener(handle: Handle, options: FastListenerOptions): (fallback: RequestListener) => RequestListener {
  return (fallback) => (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== "POST" || request.url !== "/v1/chat/completions" || request.headers.origin !== undefined || Number(request.headers["content-length"] ?? 0) > options.maxBodyBytes) {
      fallback(request, response);
      return;
    }
    const started = performance.now();
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= options.maxBodyBytes) chunks.push(chunk);
    });
    request.on("error", () => response.destroy());
    request.on("end", () => {
      const header = headerReader(request);
      let reply: Promise<ChatReply>;
      if (size > options.maxBodyBytes) {
        reply = Promise.resolve(errorReply(new OpenAIRequestError({ status: 413, code: "payload_too_large", message: `request body is over the server's limit of ${options.maxBodyBytes} bytes (server.max_body_bytes). Fix: send a smaller body, or raise server.max_body_bytes.` })));
      } else {
        let body: unknown;
        try {
          body = parseJsonText(Buffer.concat(chunks, size).toString("utf8"));
        } catch (error) {
          reply = Promise.resolve(errorReply(error));
        }
        // Only a stream needs to stop when the client goes: a plain answer is short and its budget settles anyway.
        const streaming = typeof body === "object" && body !== null && "stream" in body && body.stream === true;
        const controller = streaming ? new AbortController() : undefined;
        if (controller !== undefined) response.on("close", () => controller.abort(new Error("the client closed the connection")));
        reply ??= handle(header, body, controller?.signal);
      }
      reply
        .then((answer) => send(response, answer).then(() => answer.status))
        .then(
          (status) => options.onDone?.("POST", "/v1/chat/completions", status, performance.now() - started),
          () => response.destroy(),
        );
    });
  };
}

import type { Context, MiddlewareHandler } from "hono";

/**
 * Bytes of a refused body read and dropped before answering 413: a client that is still sending (fetch, the
 * LangGraph and OpenAI SDKs) sees the 413 only if the server reads what it sends; cutting it off shows it
 * "fetch failed" instead. Past this, the connection is closed.
 */
const DRAIN_LIMIT_BYTES = 64 * 1_048_576;

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number): Promise<boolean> {
  let left = budget;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return true;
    left -= value.length;
    if (left < 0) {
      await reader.cancel().catch(() => undefined);
      return false;
    }
  }
}

function refuse(context: Context, maxBytes: number, drained: boolean): Response {
  if (!drained) context.header("connection", "close");
  return context.json(
    {
      error: "payload_too_large",
      message: `request body is over the server's limit of ${maxBytes} bytes (server.max_body_bytes). Fix: send a smaller body, or raise server.max_body_bytes in switchyard.yaml.`,
      field: "body",
      limit_bytes: maxBytes,
    },
    413,
  );
}

/**
 * Refuses request bodies over `maxBytes` with 413 and a JSON error naming the limit and the fix. Enforced while
 * reading: a body is kept only up to the limit, and the rest of a refused one is read and dropped (so the
 * client gets the 413), never buffered: a 40 MB body costs 1 MiB of memory.
 *
 * @example
 * app.use("*", requestBodyLimit(1_048_576));
 */
export function requestBodyLimit(maxBytes: number): MiddlewareHandler {
  return async (context, next) => {
    const raw = context.req.raw;
    if (raw.body === null) return next();
    const reader = raw.body.getReader();
    const declared = Number(raw.headers.get("content-length") ?? Number.NaN);
    if (!raw.headers.has("transfer-encoding") && declared > maxBytes) return refuse(context, maxBytes, await drain(reader, DRAIN_LIMIT_BYTES));
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) return refuse(context, maxBytes, await drain(reader, DRAIN_LIMIT_BYTES - size));
      chunks.push(value);
    }
    context.req.raw = new Request(raw, { body: Buffer.concat(chunks, size) });
    return next();
  };
}

import { Readable } from "node:stream";
import type { Context, MiddlewareHandler } from "hono";

/**
 * Bytes of a refused body read and dropped before answering 413: a client that is still sending (fetch, the
 * LangGraph and OpenAI SDKs) sees the 413 only if the server reads what it sends; cutting it off shows it
 * "fetch failed" instead. Past this, the connection is closed.
 */
const DRAIN_LIMIT_BYTES = 64 * 1_048_576;

/** A source of body chunks: the Node request itself, or a web stream's reader (in-process `app.request`). */
interface ChunkSource {
  next(): Promise<{ done?: boolean | undefined; value?: Uint8Array | undefined }>;
  /** Stops reading; the rest of the body is not wanted. */
  cancel(): Promise<void>;
}

/** Bodies already read by the limit, by request, so the route reads them without a second pass over a stream. */
const buffered = new WeakMap<Request, Uint8Array>();

/** The body the limit read for this request, when it did. */
export function bufferedBody(context: Context): Uint8Array | undefined {
  return buffered.get(context.req.raw);
}

async function drain(source: ChunkSource, budget: number): Promise<boolean> {
  let left = budget;
  for (;;) {
    const { done, value } = await source.next();
    if (done) return true;
    left -= value?.length ?? 0;
    if (left < 0) {
      await source.cancel().catch(() => undefined);
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

/** The Node request under @hono/node-server (`context.env.incoming`), read directly: no web stream around it. */
function incomingOf(context: Context): Readable | undefined {
  const env: unknown = context.env;
  if (typeof env !== "object" || env === null || !("incoming" in env)) return undefined;
  return env.incoming instanceof Readable ? env.incoming : undefined;
}

function nodeSource(incoming: Readable): ChunkSource {
  const iterator: AsyncIterator<Buffer> = incoming[Symbol.asyncIterator]();
  return {
    next: () => iterator.next(),
    cancel: async () => {
      await iterator.return?.();
    },
  };
}

function webSource(reader: ReadableStreamDefaultReader<Uint8Array>): ChunkSource {
  return { next: () => reader.read(), cancel: () => reader.cancel() };
}

/**
 * Refuses request bodies over `maxBytes` with 413 and a JSON error naming the limit and the fix. Enforced while
 * reading: a body is kept only up to the limit, and the rest of a refused one is read and dropped (so the
 * client gets the 413), never buffered: a 40 MB body costs 1 MiB of memory. A body within the limit is kept
 * for the route (`bufferedBody`), and under Node handed back to the adapter (`rawBody`) should anything
 * else read the request's body.
 *
 * @example
 * app.use("*", requestBodyLimit(1_048_576));
 */
export function requestBodyLimit(maxBytes: number): MiddlewareHandler {
  return async (context, next) => {
    const incoming = incomingOf(context);
    let source: ChunkSource;
    if (incoming !== undefined) {
      // Under Node the socket is read as it is: touching `raw.body` would make the adapter wrap it in a web stream.
      if (context.req.method === "GET" || context.req.method === "HEAD") return next();
      source = nodeSource(incoming);
    } else {
      const webBody = context.req.raw.body;
      if (webBody === null) return next();
      source = webSource(webBody.getReader());
    }
    const declared = Number(context.req.header("content-length") ?? Number.NaN);
    if (context.req.header("transfer-encoding") === undefined && declared > maxBytes) return refuse(context, maxBytes, await drain(source, DRAIN_LIMIT_BYTES));
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await source.next();
      if (done || value === undefined) break;
      size += value.length;
      if (size > maxBytes) return refuse(context, maxBytes, await drain(source, DRAIN_LIMIT_BYTES - size));
      chunks.push(value);
    }
    const body = Buffer.concat(chunks, size);
    if (incoming !== undefined) {
      // @hono/node-server builds a request's web body from `rawBody` when present, instead of the consumed stream.
      Object.assign(incoming, { rawBody: body });
    } else {
      context.req.raw = new Request(context.req.raw, { body });
    }
    buffered.set(context.req.raw, body);
    return next();
  };
}

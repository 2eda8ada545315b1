import { Readable } from "node:stream";
import type { Context, MiddlewareHandler } from "hono";

/**
 * Bytes of a refused body read and dropped before answering 413: a client that is still sending (fetch, the
 * LangGraph and OpenAI SDKs) sees the 413 only if the server reads what it sends; cutting it off shows it
 * "fetch failed" instead. Past this, the connection is closed.
 */
const DRAIN_LIMIT_BYTES = 64 * 1_048_576;

/** A source of body chunks: a web stream's reader (in-process `app.request`). */
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

/** What reading a Node request's body found: the body when within the limit, else whether the rest was drained. */
type IncomingRead = { body: Buffer } | { body?: undefined; drained: boolean };

/**
 * Reads a Node request's body by its events: its async iterator costs a stream-end watcher and a promise per
 * chunk, about a tenth of the server's own work on a small runs/wait. Keeps up to `keepBytes` (none when
 * negative); past it reads on and drops up to `drainBytes` in all, then destroys the request (as the iterator's
 * `return()` did). A client gone before the end rejects, as the iterator did.
 */
function readIncoming(incoming: Readable, keepBytes: number, drainBytes: number): Promise<IncomingRead> {
  return new Promise((resolve, reject) => {
    // Read to its end by something else already (as its iterator would say): an empty body.
    if (incoming.readableEnded) return resolve(keepBytes >= 0 ? { body: Buffer.alloc(0) } : { drained: true });
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      incoming.off("data", onData);
      incoming.off("end", onEnd);
      incoming.off("error", onError);
      incoming.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= keepBytes) chunks.push(chunk);
      else if (size > drainBytes) {
        stop();
        incoming.destroy();
        resolve({ drained: false });
      }
    };
    const onEnd = () => {
      stop();
      resolve(size <= keepBytes ? { body: Buffer.concat(chunks, size) } : { drained: true });
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    // Closed without "end" (the client went away mid-body): the iterator rejected with a premature close.
    const onClose = () => {
      stop();
      reject(Object.assign(new Error("request body ended early (the client closed the connection)"), { code: "ERR_STREAM_PREMATURE_CLOSE" }));
    };
    incoming.on("data", onData);
    incoming.on("end", onEnd);
    incoming.on("error", onError);
    incoming.on("close", onClose);
  });
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
    const declared = () => Number(context.req.header("content-length") ?? Number.NaN);
    const declaredTooLarge = () => context.req.header("transfer-encoding") === undefined && declared() > maxBytes;
    if (incoming !== undefined) {
      // Under Node the socket is read as it is: touching `raw.body` would make the adapter wrap it in a web stream.
      if (context.req.method === "GET" || context.req.method === "HEAD") return next();
      const read = await readIncoming(incoming, declaredTooLarge() ? -1 : maxBytes, DRAIN_LIMIT_BYTES);
      if (read.body === undefined) return refuse(context, maxBytes, read.drained);
      // @hono/node-server builds a request's web body from `rawBody` when present, instead of the consumed stream.
      Object.assign(incoming, { rawBody: read.body });
      buffered.set(context.req.raw, read.body);
      return next();
    }
    const webBody = context.req.raw.body;
    if (webBody === null) return next();
    const source = webSource(webBody.getReader());
    if (declaredTooLarge()) return refuse(context, maxBytes, await drain(source, DRAIN_LIMIT_BYTES));
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
    context.req.raw = new Request(context.req.raw, { body });
    buffered.set(context.req.raw, body);
    return next();
  };
}

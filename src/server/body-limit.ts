import type { Readable } from "node:stream";
import type { Context, MiddlewareHandler } from "hono";
import { incomingOf, requestHeader } from "./request-headers.ts";

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

/** Made on first use: an async iterator takes the stream over (a `readable` listener), so only a drain makes one. */
function nodeSource(incoming: Readable): ChunkSource {
  let iterator: AsyncIterator<Buffer> | undefined;
  const started = () => (iterator ??= incoming[Symbol.asyncIterator]());
  return {
    next: () => started().next(),
    cancel: async () => {
      await started().return?.();
    },
  };
}

/** A body read whole, or the part read up to the chunk that took it over the limit (`over`). */
interface ReadBody {
  chunks: Uint8Array[];
  size: number;
  over: boolean;
}

/**
 * Reads a Node request's body up to `maxBytes` with one promise for the whole body: the stream's async iterator
 * made a promise per chunk and one more for its end, and a runs/wait body is one chunk. Over the limit the
 * stream is paused where it stands, for `drain` to go on from.
 */
function readNodeBody(incoming: Readable, maxBytes: number): Promise<ReadBody> {
  if (incoming.readableEnded) return Promise.resolve({ chunks: [], size: 0, over: false });
  return new Promise((resolve, reject) => {
    const read: ReadBody = { chunks: [], size: 0, over: false };
    const stop = () => {
      incoming.off("data", onData);
      incoming.off("end", onEnd);
      incoming.off("error", onError);
      incoming.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      read.size += chunk.length;
      if (read.size <= maxBytes) {
        read.chunks.push(chunk);
        return;
      }
      incoming.pause();
      stop();
      resolve({ ...read, over: true });
    };
    const onEnd = () => {
      stop();
      resolve(read);
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    // A client gone before its body ended: the request can never be answered, as when its iterator failed.
    const onClose = () => onError(new Error("request body ended early: the client closed the connection"));
    incoming.on("data", onData);
    incoming.once("end", onEnd);
    incoming.once("error", onError);
    incoming.once("close", onClose);
  });
}

/** The same as readNodeBody, from a web stream's reader (in process). */
async function readSource(source: ChunkSource, maxBytes: number): Promise<ReadBody> {
  const read: ReadBody = { chunks: [], size: 0, over: false };
  for (;;) {
    const { done, value } = await source.next();
    if (done || value === undefined) return read;
    read.size += value.length;
    if (read.size > maxBytes) return { ...read, over: true };
    read.chunks.push(value);
  }
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
    const declared = Number(requestHeader(context, "content-length") ?? Number.NaN);
    if (requestHeader(context, "transfer-encoding") === undefined && declared > maxBytes) return refuse(context, maxBytes, await drain(source, DRAIN_LIMIT_BYTES));
    const { chunks, size, over } = incoming === undefined ? await readSource(source, maxBytes) : await readNodeBody(incoming, maxBytes);
    if (over) return refuse(context, maxBytes, await drain(source, DRAIN_LIMIT_BYTES - size));
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

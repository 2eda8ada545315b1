import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { Fault } from "./fault-plan.ts";
import { sendJson, type ClientWatch } from "./http-support.ts";

/**
 * How an answer reached the client: whole and unaltered (`clean`: a model call that completed), altered by
 * a fault, never (the upstream was unreachable) or not at all because the client left.
 */
export type Delivery = "clean" | "faulted" | "unreachable" | "gone";

export interface ForwardOptions {
  target: URL;
  request: IncomingMessage;
  body: string;
  response: ServerResponse;
  client: ClientWatch;
  /** The answer-shaping fault of this request (slow_body, drop_stream, malformed), if any. */
  fault: Fault | undefined;
}

/** Headers that belong to one hop, not to the message: Node sets its own for the client's hop. */
const hopByHop = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "te", "trailer"]);

function passedHeaders(headers: IncomingHttpHeaders, drop: readonly string[] = []): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || hopByHop.has(name) || drop.includes(name)) continue;
    kept[name] = value;
  }
  return kept;
}

function isStream(headers: IncomingHttpHeaders): boolean {
  const type = headers["content-type"] ?? "";
  return /event-stream|ndjson/.test(type) || headers["content-length"] === undefined;
}

const htmlPage = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n";

/** A JSON body that keeps its start and breaks after it: what a truncating middlebox leaves. */
function corruptJson(text: string): string {
  return `${text.slice(0, Math.max(1, Math.floor(text.length / 2)))}\u0000<!-- truncated -->`;
}

/** One stream event that no longer parses, framed like the stream's own events (SSE or NDJSON). */
function corruptEvent(headers: IncomingHttpHeaders): Buffer {
  const sse = /event-stream/.test(headers["content-type"] ?? "");
  return Buffer.from(sse ? 'data: {"choices": [{"delta": {"content": \u0000\n\n' : '{"message": {"content": \u0000\n', "utf8");
}

/** Writes a chunk, waiting for the socket to drain when it is full (a slow client must not balloon memory). */
async function write(response: ServerResponse, chunk: Buffer): Promise<void> {
  if (response.destroyed) return;
  if (!response.write(chunk)) await new Promise<void>((resolve) => {
    const done = () => {
      response.off("drain", done);
      response.off("close", done);
      resolve();
    };
    response.once("drain", done);
    response.once("close", done);
  });
}

/**
 * The upstream's chunks as they arrived. An async iterator over the stream would hand over everything
 * buffered in one piece while we are busy (pacing, a slow client), merging events a client should see apart.
 */
async function* chunksOf(upstream: IncomingMessage): AsyncGenerator<Buffer> {
  const queue: Buffer[] = [];
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  upstream.on("data", (chunk: Buffer) => {
    queue.push(chunk);
    upstream.pause();
    notify();
  });
  upstream.on("end", () => {
    ended = true;
    notify();
  });
  upstream.on("error", (error: Error) => {
    failure = error;
    notify();
  });
  // Closed without an end: the upstream died mid-answer, which the client must see too.
  upstream.on("close", () => {
    if (!ended) failure ??= new Error("upstream closed mid-answer");
    notify();
  });
  while (true) {
    const chunk = queue.shift();
    if (chunk !== undefined) {
      if (queue.length === 0 && !ended) upstream.resume();
      yield chunk;
      continue;
    }
    if (ended) return;
    if (failure !== undefined) throw failure;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

function send(target: URL, request: IncomingMessage, body: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const headers = passedHeaders(request.headers, ["host", "content-length"]);
    const upstream = httpRequest(target, { method: request.method ?? "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } }, resolve);
    upstream.on("error", reject);
    upstream.end(body);
  });
}

/**
 * Forwards one request to the upstream and passes its answer on chunk by chunk, shaped by the fault:
 * delayed chunks, a stream cut after N chunks, or a body that does not parse.
 */
export async function forwardAnswer(options: ForwardOptions): Promise<Delivery> {
  const { target, request, body, response, client, fault } = options;
  let upstream: IncomingMessage;
  try {
    upstream = await send(target, request, body);
  } catch (error) {
    sendJson(response, 502, { error: { code: 502, message: `fault proxy: upstream ${target.origin} unreachable: ${error instanceof Error ? error.message : String(error)}`, status: "UNAVAILABLE" } });
    return "unreachable";
  }
  // The client left: stop reading the upstream too.
  response.once("close", () => upstream.destroy());
  const status = upstream.statusCode ?? 502;
  const streamed = isStream(upstream.headers);

  if (fault?.kind === "malformed" && status === 200) {
    const chunks: Buffer[] = [];
    if (fault.style === "html" || !streamed) {
      for await (const chunk of chunksOf(upstream)) chunks.push(chunk);
      const text = fault.style === "html" ? htmlPage : corruptJson(Buffer.concat(chunks).toString("utf8"));
      const type = fault.style === "html" ? "text/html" : (upstream.headers["content-type"] ?? "application/json");
      response.writeHead(200, { "content-type": type, "content-length": Buffer.byteLength(text) });
      response.end(text);
      return "faulted";
    }
    response.writeHead(status, passedHeaders(upstream.headers));
    // The second chunk breaks (the stream has started, as a real one would have, when it turns to garbage);
    // one chunk is held back so a one-chunk answer breaks too.
    let held: Buffer | undefined;
    let index = 0;
    for await (const chunk of chunksOf(upstream)) {
      if (held !== undefined) await write(response, index === 1 ? corruptEvent(upstream.headers) : held);
      if (held !== undefined) index += 1;
      held = chunk;
    }
    if (held !== undefined) await write(response, index <= 1 ? corruptEvent(upstream.headers) : held);
    response.end();
    return "faulted";
  }

  response.writeHead(status, passedHeaders(upstream.headers));
  if (fault?.kind === "drop_stream" && status === 200) return dropAfter(upstream, response, fault.afterChunks, fault.clean === true);

  const pause = fault?.kind === "slow_body" ? fault.chunkDelayMs : 0;
  for await (const chunk of chunksOf(upstream)) {
    if (pause > 0) await client.wait(pause);
    if (client.gone) return "gone";
    await write(response, chunk);
  }
  response.end();
  return client.gone ? "gone" : status === 200 ? "clean" : "faulted";
}

/**
 * Passes `afterChunks` chunks, then cuts. One chunk is held back, so an answer that ends sooner is cut in
 * its last chunk instead of arriving whole.
 */
async function dropAfter(upstream: IncomingMessage, response: ServerResponse, afterChunks: number, clean: boolean): Promise<Delivery> {
  const cut = (partial?: Buffer) => {
    if (partial !== undefined && partial.length > 0) response.write(partial);
    if (clean) response.end();
    else response.destroy();
    upstream.destroy();
  };
  let held: Buffer | undefined;
  let sent = 0;
  for await (const chunk of chunksOf(upstream)) {
    if (held !== undefined) {
      if (sent >= afterChunks) {
        cut();
        return "faulted";
      }
      await write(response, held);
      sent += 1;
    }
    held = chunk;
  }
  if (held !== undefined && sent >= afterChunks) cut();
  else cut(held?.subarray(0, Math.floor((held?.length ?? 0) / 2)));
  return "faulted";
}

import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { SwitchyardError } from "../errors.ts";
import { upstreamAgents as agents, type Upstream } from "./upstream.ts";


/**
 * An upstream answered with an error status. Carries `status` and `headers` the way the SDK errors do, so
 * the router's classifyError reads the class (429, 5xx, 400) and Retry-After from it.
 */
export class UpstreamStatusError extends SwitchyardError {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;

  constructor(deployment: string, status: number, headers: Headers, body: string) {
    super("backend_error", `deployment ${deployment} answered HTTP ${status}: ${body.slice(0, 300)}`);
    this.status = status;
    this.headers = headers;
    this.body = body;
  }
}

function headersOf(response: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) if (typeof value === "string") headers.set(name, value);
  return headers;
}

function readAll(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on("data", (chunk: Buffer) => chunks.push(chunk));
    response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    response.on("error", reject);
    response.on("aborted", () => reject(new Error("upstream response aborted")));
  });
}

/**
 * POSTs `body` to the upstream; resolves with the response once its status is 2xx (the body still to read),
 * rejects with UpstreamStatusError otherwise, or with the socket error / the signal's reason.
 */
export function postUpstream(deployment: string, upstream: Upstream, body: string, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    const secure = upstream.url.startsWith("https:");
    const request = (secure ? https : http).request(upstream.url, { method: "POST", headers: { ...upstream.headers, "content-length": Buffer.byteLength(body) }, agent: secure ? agents.https : agents.http, signal }, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300) return resolve(response);
      readAll(response).then(
        (text) => reject(new UpstreamStatusError(deployment, status, headersOf(response), text)),
        (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
      );
    });
    request.on("error", reject);
    request.end(body);
  });
}

/** The upstream did not answer within the attempt's time budget. */
export class UpstreamTimeoutError extends SwitchyardError {
  constructor(deployment: string, budgetMs: number) {
    super("deadline_exceeded", `deployment ${deployment} did not answer within ${budgetMs} ms (its timeout_ms or the request's deadline). Fix: raise the deployment's timeout_ms or requests.deadline_ms.`);
  }
}

/**
 * One non-streamed exchange on the upstream's own connection pool (plain http upstreams; https ones go through
 * node:https below): one write, the whole reply, bounded by one timer and the caller's signal if any. A plain
 * timer, not AbortSignal.timeout + AbortSignal.any: on the hot path those cost more than the rest. Resolves
 * with the body of a 2xx reply; rejects with UpstreamStatusError (status and headers, for the router's
 * classifyError) otherwise.
 */
export function exchangeUpstream(deployment: string, upstream: Upstream, body: string, budgetMs: number, signal: AbortSignal | undefined): Promise<string> {
  if (upstream.pool === undefined) return exchangeOverNodeHttp(deployment, upstream, body, budgetMs, signal);
  if (signal?.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
  const { reply, abort } = upstream.pool.exchange(body);
  const timer = setTimeout(() => abort(new UpstreamTimeoutError(deployment, budgetMs)), budgetMs);
  // Only with a signal (a stream's; plain answers have none), and unnamed: tsx names a named closure per request.
  const onAbort = signal === undefined ? undefined : () => abort(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
  if (signal !== undefined && onAbort !== undefined) signal.addEventListener("abort", onAbort, { once: true });
  return reply.then(
    (answer) => {
      clearTimeout(timer);
      if (onAbort !== undefined) signal?.removeEventListener("abort", onAbort);
      const text = answer.body.toString("utf8");
      if (answer.status >= 200 && answer.status < 300) return text;
      const headers = new Headers();
      for (const [name, value] of answer.headers) headers.set(name, value);
      throw new UpstreamStatusError(deployment, answer.status, headers, text);
    },
    (error: unknown) => {
      clearTimeout(timer);
      if (onAbort !== undefined) signal?.removeEventListener("abort", onAbort);
      throw error;
    },
  );
}

/** An https upstream's exchange: node:https's client, until the pool's TLS path has tests of its own. */
function exchangeOverNodeHttp(deployment: string, upstream: Upstream, body: string, budgetMs: number, signal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const secure = upstream.url.startsWith("https:");
    let settled = false;
    const finish = (error: Error | undefined, text?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (error === undefined) resolve(text ?? "");
      else {
        request.destroy();
        reject(error);
      }
    };
    const onAbort = () => finish(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
    const request = (secure ? https : http).request(upstream.options, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", (error) => finish(error));
      response.on("aborted", () => finish(new Error("upstream response aborted")));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const status = response.statusCode ?? 0;
        finish(status >= 200 && status < 300 ? undefined : new UpstreamStatusError(deployment, status, headersOf(response), text), text);
      });
    });
    const timer = setTimeout(() => finish(new UpstreamTimeoutError(deployment, budgetMs)), budgetMs);
    if (signal !== undefined) {
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
    }
    request.on("error", (error) => finish(error));
    request.setHeader("content-length", Buffer.byteLength(body));
    request.end(body);
  });
}

/** The whole body of a 2xx upstream response. */
export function readUpstreamBody(response: IncomingMessage): Promise<string> {
  return readAll(response);
}

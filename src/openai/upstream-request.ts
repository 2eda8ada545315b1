import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { SwitchyardError } from "../errors.ts";
import type { Upstream } from "./upstream.ts";

/** Keep-alive agents: a new TCP connection per proxied call would cost more than the whole fast path. */
const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 256 }), https: new https.Agent({ keepAlive: true, maxSockets: 256 }) };

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

/** The whole body of a 2xx upstream response. */
export function readUpstreamBody(response: IncomingMessage): Promise<string> {
  return readAll(response);
}

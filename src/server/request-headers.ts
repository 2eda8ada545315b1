import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import type { Context } from "hono";

/** The Node request under @hono/node-server (`context.env.incoming`); undefined in process (`app.request`). */
export function incomingOf(context: Context): (Readable & Pick<IncomingMessage, "rawHeaders">) | undefined {
  const env: unknown = context.env;
  if (typeof env !== "object" || env === null || !("incoming" in env)) return undefined;
  const incoming = env.incoming;
  return incoming instanceof Readable && "rawHeaders" in incoming && Array.isArray(incoming.rawHeaders) ? (incoming as Readable & Pick<IncomingMessage, "rawHeaders">) : undefined;
}

/**
 * A request header as `context.req.header(name)` answers it (every value of the name, joined by ", "), read under
 * Node from the request's raw header list. Asking Hono for one header makes @hono/node-server copy every header
 * into a web `Headers` first, which a request that never needs the others (every runs/wait) paid for each time.
 * `name` is lower case.
 *
 * @example
 * requestHeader(context, "content-type") // "application/json", or undefined when not sent
 */
export function requestHeader(context: Context, name: string): string | undefined {
  const incoming = incomingOf(context);
  if (incoming === undefined) return context.req.header(name);
  const raw = incoming.rawHeaders;
  let value: string | undefined;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const key = raw[index] as string;
    if (key.length !== name.length || key.toLowerCase() !== name) continue;
    value = value === undefined ? (raw[index + 1] as string) : `${value}, ${raw[index + 1] as string}`;
  }
  return value;
}

import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";

const localOrigin = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/** Whether an origin is on the list; "localhost" stands for every loopback origin, "*" for any. */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => entry === "*" || entry === origin || (entry === "localhost" && localOrigin.test(origin)));
}

/**
 * CORS for browser clients such as LangGraph Studio on smith.langchain.com, plus Private Network Access:
 * a public page calling a loopback server sends `Access-Control-Request-Private-Network: true` in its
 * preflight and Chrome needs `Access-Control-Allow-Private-Network: true` back.
 */
export function corsMiddleware(allowed: readonly string[]): MiddlewareHandler[] {
  const privateNetwork: MiddlewareHandler = async (context, next) => {
    await next();
    const origin = context.req.header("origin");
    if (
      context.req.method === "OPTIONS" &&
      context.req.header("access-control-request-private-network") === "true" &&
      origin !== undefined &&
      originAllowed(origin, allowed)
    ) {
      context.res.headers.set("Access-Control-Allow-Private-Network", "true");
    }
  };
  const standard = cors({
    origin: (origin) => (originAllowed(origin, allowed) ? origin : null),
    allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    allowHeaders: ["content-type", "authorization", "x-api-key", "last-event-id", "x-auth-scheme", "x-tenant-id", "x-user-id"],
    exposeHeaders: ["content-location", "x-pagination-total", "x-pagination-next", "location"],
    credentials: true,
    maxAge: 600,
  });
  // Browsers send Origin with every cross-origin request: without one (SDK clients, curl, other servers) the
  // CORS headers say nothing to anyone, so only Vary is kept (a cache must not serve this answer to a browser).
  const whenCrossOrigin: MiddlewareHandler = async (context, next) => {
    if (context.req.method === "OPTIONS" || context.req.header("origin") !== undefined) return standard(context, next);
    await next();
    context.res.headers.append("Vary", "Origin");
  };
  return [privateNetwork, whenCrossOrigin];
}

import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";

const open = new Set(["/ok", "/health"]);

function digest(key: string): Buffer {
  return createHash("sha256").update(key).digest();
}

/** The API key of a request: `x-api-key`, else `Authorization: Bearer KEY`. */
function presentedKey(header: (name: string) => string | undefined): string | undefined {
  const direct = header("x-api-key");
  if (direct !== undefined && direct !== "") return direct;
  const match = /^Bearer\s+(.+)$/i.exec(header("authorization") ?? "");
  return match?.[1]?.trim();
}

/**
 * Requires one of `keys` on every route but /ok and /health (and CORS preflights, which browsers send
 * without credentials). Keys are compared as SHA-256 digests in constant time and never echoed or logged.
 */
export function apiKeyMiddleware(keys: readonly string[]): MiddlewareHandler {
  const digests = keys.map(digest);
  return async (context, next) => {
    if (open.has(context.req.path) || context.req.method === "OPTIONS") return next();
    const key = presentedKey((name) => context.req.header(name));
    const presented = key === undefined ? undefined : digest(key);
    if (presented === undefined || !digests.some((known) => timingSafeEqual(known, presented))) {
      return context.json(
        { error: "unauthorized", message: "missing or unknown API key. Fix: send it as the x-api-key header or Authorization: Bearer KEY." },
        401,
      );
    }
    return next();
  };
}

/** API keys from the environment variable the config names (comma-separated); empty when unset. */
export function keysFromEnvironment(variable: string, environment: NodeJS.ProcessEnv = process.env): string[] {
  return (environment[variable] ?? "")
    .split(",")
    .map((key) => key.trim())
    .filter((key) => key !== "");
}

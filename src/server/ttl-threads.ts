import type { MiddlewareHandler } from "hono";
import { z } from "zod";
import { readJson, validate } from "./http-error.ts";
import type { ThreadTtlState } from "./state/server-state.ts";

/** The `ttl` of a thread create or patch as the SDK sends it: minutes, or `{ ttl, strategy }`. */
const threadTtlBody = z.looseObject({
  ttl: z
    .union([
      z.number().positive("ttl must be a positive number of minutes"),
      z.looseObject({ ttl: z.number().positive("ttl.ttl must be a positive number of minutes"), strategy: z.enum(["delete", "keep_latest"]).nullish() }),
    ])
    .nullish(),
});

/**
 * Reads `ttl` from POST /threads and PATCH /threads/:id (validated before the route runs, so a bad one
 * creates nothing) and records it once the route answered 200. The thread routes stay unaware of TTLs.
 */
export function threadTtlCapture(ttls: ThreadTtlState): MiddlewareHandler {
  return async (context, next) => {
    const method = context.req.method;
    const path = context.req.path;
    const creating = method === "POST" && path === "/threads";
    const patching = method === "PATCH" && /^\/threads\/[^/]+$/.test(path);
    if (!creating && !patching) return next();
    let raw: unknown;
    try {
      raw = await readJson(context);
    } catch {
      // Not JSON: the route answers that in its own words.
      return next();
    }
    const body = validate(threadTtlBody, raw, "body");
    await next();
    if (body.ttl == null || context.res.status !== 200) return;
    const ttl = typeof body.ttl === "number" ? { ttl: body.ttl, strategy: "delete" as const } : { ttl: body.ttl.ttl, strategy: body.ttl.strategy ?? "delete" };
    const threadId = creating ? z.object({ thread_id: z.string() }).parse(await context.res.clone().json()).thread_id : decodeURIComponent(path.slice("/threads/".length));
    await ttls.set(threadId, ttl.ttl, ttl.strategy);
  };
}

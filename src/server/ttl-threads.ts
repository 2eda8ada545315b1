import type Database from "better-sqlite3";
import type { MiddlewareHandler } from "hono";
import { z } from "zod";
import { readJson, validate } from "./http-error.ts";

export type ThreadTtlStrategy = "delete" | "keep_latest";

/** The `ttl` of a thread create or patch as the SDK sends it: minutes, or `{ ttl, strategy }`. */
const threadTtlBody = z.looseObject({
  ttl: z
    .union([
      z.number().positive("ttl must be a positive number of minutes"),
      z.looseObject({ ttl: z.number().positive("ttl.ttl must be a positive number of minutes"), strategy: z.enum(["delete", "keep_latest"]).nullish() }),
    ])
    .nullish(),
});

const schema = `
CREATE TABLE IF NOT EXISTS server_thread_ttl (
  thread_id TEXT PRIMARY KEY,
  ttl_ms INTEGER,
  strategy TEXT,
  swept_at INTEGER
) WITHOUT ROWID;
`;

/** A thread whose time is up, and what to do with it. */
export interface ExpiredThread {
  thread_id: string;
  strategy: ThreadTtlStrategy;
}

const expiredRows = z.array(z.object({ thread_id: z.string(), strategy: z.enum(["delete", "keep_latest"]) }));

/**
 * Per-thread TTLs in `server_thread_ttl` (beside the server's tables, not in them): a thread expires
 * `ttl` after its last update (a run, a patch, a state update) or after its last keep-latest prune,
 * whichever is later. Threads without a row use the configured default, when there is one.
 */
export class ThreadTtls {
  readonly #database: Database.Database;

  constructor(database: Database.Database) {
    this.#database = database;
    database.exec(schema);
  }

  set(threadId: string, ttlMinutes: number, strategy: ThreadTtlStrategy): void {
    this.#database
      .prepare("INSERT INTO server_thread_ttl (thread_id, ttl_ms, strategy, swept_at) VALUES (?, ?, ?, NULL) ON CONFLICT (thread_id) DO UPDATE SET ttl_ms = excluded.ttl_ms, strategy = excluded.strategy")
      .run(threadId, Math.round(ttlMinutes * 60_000), strategy);
  }

  /** Notes a keep-latest prune: the thread's clock starts again from `now`. */
  swept(threadId: string, now: number): void {
    this.#database.prepare("INSERT INTO server_thread_ttl (thread_id, swept_at) VALUES (?, ?) ON CONFLICT (thread_id) DO UPDATE SET swept_at = excluded.swept_at").run(threadId, now);
  }

  forget(threadId: string): void {
    this.#database.prepare("DELETE FROM server_thread_ttl WHERE thread_id = ?").run(threadId);
  }

  /** Drops the TTLs of threads deleted by other means (DELETE /threads/:id); returns how many. */
  forgetDeleted(): number {
    return this.#database.prepare("DELETE FROM server_thread_ttl WHERE thread_id NOT IN (SELECT thread_id FROM server_threads)").run().changes;
  }

  /** Up to `limit` idle threads whose TTL (their own, else `fallback`) ran out by `now`. */
  expired(now: number, fallback: { ttlMs: number | null; strategy: ThreadTtlStrategy }, limit: number): ExpiredThread[] {
    // updated_at is ISO text: julianday turns it into epoch ms inside the query.
    const rows = this.#database
      .prepare(
        `SELECT t.thread_id AS thread_id, COALESCE(s.strategy, @strategy) AS strategy
         FROM server_threads AS t LEFT JOIN server_thread_ttl AS s ON s.thread_id = t.thread_id
         WHERE t.status != 'busy' AND COALESCE(s.ttl_ms, @fallback) IS NOT NULL
           AND max((julianday(t.updated_at) - 2440587.5) * 86400000.0, COALESCE(s.swept_at, 0)) + COALESCE(s.ttl_ms, @fallback) <= @now
           AND NOT EXISTS (SELECT 1 FROM server_runs AS r WHERE r.thread_id = t.thread_id AND r.status IN ('pending', 'running'))
         LIMIT @limit`,
      )
      .all({ strategy: fallback.strategy, fallback: fallback.ttlMs, now, limit });
    return expiredRows.parse(rows);
  }
}

/**
 * Reads `ttl` from POST /threads and PATCH /threads/:id (validated before the route runs, so a bad one
 * creates nothing) and records it once the route answered 200. The thread routes stay unaware of TTLs.
 */
export function threadTtlCapture(ttls: ThreadTtls): MiddlewareHandler {
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
    ttls.set(threadId, ttl.ttl, ttl.strategy);
  };
}

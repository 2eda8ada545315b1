import type { Context } from "hono";
import { Hono } from "hono";
import { stream, streamSSE } from "hono/streaming";
import { ServerRequestError, notFound, readJson } from "../http-error.ts";
import { runCancelManySchema, runCreateSchema } from "../request-schemas.ts";
import { parseBody, type RouteDeps } from "../route-deps.ts";
import { cancelAction, parseBatch, runsToCancel } from "../run-batch.ts";
import { checkThreadJoinModes, joinModeFilter } from "../join-modes.ts";
import type { RunChannel } from "../run-channel.ts";
import type { RunEvent } from "../run-stream.ts";
import { runResponse, type RunRecord } from "../server-tables.ts";
import { toWireJson } from "../wire-json.ts";
import { wireJson } from "../wire-response.ts";

const keepAliveMs = 5_000;
const slowMark = Symbol("slow");

/** Sends a channel's events as SSE; the client going away stops the sending, not the run (unless asked). */
function sendEvents(context: Context, channel: RunChannel, cancel?: () => void, wanted?: (event: RunEvent) => boolean): Response {
  return streamSSE(context, async (sse) => {
    const gone = new AbortController();
    sse.onAbort(() => {
      gone.abort();
      cancel?.();
    });
    for await (const event of channel.follow(gone.signal)) {
      if (wanted !== undefined && !wanted(event)) continue;
      await sse.writeSSE({ event: event.event, data: toWireJson(event.data) });
    }
  });
}

/**
 * Answers once the promise settles. A run that ends within the keep-alive interval is answered as a plain
 * body; a longer one gets its headers then, and a newline every interval so proxies keep the connection open.
 */
async function waitWithKeepAlive(context: Context, result: Promise<unknown>): Promise<Response> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = new Promise<typeof slowMark>((resolve) => (timer = setTimeout(() => resolve(slowMark), keepAliveMs)));
  const first = await Promise.race([result, slow]).finally(() => clearTimeout(timer));
  if (first !== slowMark) return wireJson(context, first);
  context.header("content-type", "application/json");
  return stream(context, async (body) => {
    await body.write("\n");
    const interval = setInterval(() => void body.write("\n"), keepAliveMs);
    try {
      await body.write(toWireJson(await result));
    } finally {
      clearInterval(interval);
    }
  });
}

/** Runs: create (background), stream, wait, join, join stream, cancel, list, get, delete; stateless stream and wait. */
export function runRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  const { tables, runs } = deps;

  const runOf = (threadId: string, runId: string): RunRecord => {
    const run = tables.run(runId);
    if (run === undefined || run.thread_id !== threadId) throw notFound("run", runId);
    return run;
  };
  const channelOf = (runId: string): RunChannel => {
    const channel = runs.channel(runId);
    if (channel === undefined) throw new ServerRequestError(404, `run "${runId}" is no longer streamable (finished before this server started)`);
    return channel;
  };
  const start = async (context: Context, threadId: string | undefined, joinable = false) => {
    const body = await parseBody(deps, context, runCreateSchema, "runs");
    const run = await runs.create(threadId ?? deps.generateId(), body, threadId === undefined, joinable);
    context.header("Content-Location", threadId === undefined ? `/runs/${run.run_id}` : `/threads/${threadId}/runs/${run.run_id}`);
    return { run, body };
  };

  app.post("/threads/:id/runs", async (context) => wireJson(context, runResponse((await start(context, context.req.param("id"))).run)));
  app.post("/threads/:id/runs/stream", async (context) => {
    const { run, body } = await start(context, context.req.param("id"));
    return sendEvents(context, channelOf(run.run_id), body.on_disconnect === "cancel" ? () => runs.cancel(run.run_id) : undefined);
  });
  app.post("/threads/:id/runs/wait", async (context) => {
    const { run } = await start(context, context.req.param("id"));
    return waitWithKeepAlive(context, runs.result(run.run_id, run.thread_id));
  });
  app.post("/runs/stream", async (context) => {
    const { run, body } = await start(context, undefined);
    return sendEvents(context, channelOf(run.run_id), body.on_disconnect === "cancel" ? () => runs.cancel(run.run_id) : undefined);
  });
  app.post("/runs/wait", async (context) => {
    const { run } = await start(context, undefined);
    return waitWithKeepAlive(context, runs.statelessResult(run.run_id));
  });
  app.post("/runs", async (context) => wireJson(context, runResponse((await start(context, undefined, true)).run)));
  // Stateless background runs, all checked before any is created; answered in the order sent.
  app.post("/runs/batch", async (context) => {
    const bodies = await parseBatch(deps, await readJson(context));
    const created = [];
    for (const body of bodies) created.push(runResponse(await runs.create(deps.generateId(), body, true, true)));
    return wireJson(context, created);
  });
  app.post("/runs/cancel", async (context) => {
    const action = cancelAction(context.req.query("action"));
    const body = await parseBody(deps, context, runCancelManySchema, "runs");
    for (const run of runsToCancel(deps, body)) runs.cancel(run.run_id, action);
    return context.body(null, 204);
  });
  // A stateless background run's events, while this process keeps them (its thread and record go when it ends).
  app.get("/runs/:runId/stream", (context) => {
    const runId = context.req.param("runId");
    const wanted = joinModeFilter(context);
    const channel = runs.channel(runId);
    if (channel === undefined) throw notFound("run", runId);
    return sendEvents(context, channel, context.req.query("cancel_on_disconnect") === "1" ? () => runs.cancel(runId) : undefined, wanted);
  });
  // Every run of a thread from now on, one after another, until none is pending or running.
  app.get("/threads/:id/stream", (context) => {
    const threadId = context.req.param("id");
    if (tables.thread(threadId) === undefined) throw notFound("thread", threadId);
    checkThreadJoinModes(context);
    return streamSSE(context, async (sse) => {
      const gone = new AbortController();
      sse.onAbort(() => gone.abort());
      const followed = new Set<string>();
      for (let next = tables.activeRuns(threadId).find((run) => !followed.has(run.run_id)); next !== undefined && !gone.signal.aborted; next = tables.activeRuns(threadId).find((run) => !followed.has(run.run_id))) {
        followed.add(next.run_id);
        const channel = runs.channel(next.run_id);
        if (channel === undefined) continue;
        for await (const event of channel.follow(gone.signal)) await sse.writeSSE({ event: event.event, data: toWireJson(event.data) });
      }
    });
  });

  app.get("/threads/:id/runs", (context) => {
    const threadId = context.req.param("id");
    if (tables.thread(threadId) === undefined) throw notFound("thread", threadId);
    const limit = Number(context.req.query("limit") ?? 10);
    const offset = Number(context.req.query("offset") ?? 0);
    if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0) {
      throw new ServerRequestError(422, "query fields limit and offset must be whole numbers (limit >= 1, offset >= 0)", "limit");
    }
    const status = context.req.query("status") as RunRecord["status"] | undefined;
    return context.json(tables.listRuns(threadId, { limit, offset, ...(status ? { status } : {}) }).map(runResponse));
  });
  app.get("/threads/:id/runs/:runId", (context) => context.json(runResponse(runOf(context.req.param("id"), context.req.param("runId")))));
  app.delete("/threads/:id/runs/:runId", (context) => {
    const run = runOf(context.req.param("id"), context.req.param("runId"));
    runs.cancel(run.run_id);
    tables.deleteRun(run.run_id);
    return context.body(null, 204);
  });
  app.get("/threads/:id/runs/:runId/join", async (context) => {
    const run = runOf(context.req.param("id"), context.req.param("runId"));
    return wireJson(context, await runs.result(run.run_id, run.thread_id));
  });
  app.get("/threads/:id/runs/:runId/stream", (context) => {
    const run = runOf(context.req.param("id"), context.req.param("runId"));
    const wanted = joinModeFilter(context);
    return sendEvents(context, channelOf(run.run_id), context.req.query("cancel_on_disconnect") === "1" ? () => runs.cancel(run.run_id) : undefined, wanted);
  });
  app.post("/threads/:id/runs/:runId/cancel", async (context) => {
    const run = runOf(context.req.param("id"), context.req.param("runId"));
    const action = cancelAction(context.req.query("action"));
    runs.cancel(run.run_id, action);
    if (context.req.query("wait") === "1") await runs.channel(run.run_id)?.done;
    return context.body(null, 202);
  });
  return app;
}

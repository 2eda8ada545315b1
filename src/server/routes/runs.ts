import type { Context } from "hono";
import { Hono } from "hono";
import { stream, streamSSE } from "hono/streaming";
import { ServerRequestError, notFound, readJson } from "../http-error.ts";
import { runCancelManySchema, runCreateSchema } from "../request-schemas.ts";
import { parseBody, type RouteDeps } from "../route-deps.ts";
import { cancelAction, parseBatch, runsToCancel } from "../run-batch.ts";
import { checkThreadJoinModes, joinModeFilter } from "../join-modes.ts";
import type { FollowedEvent } from "../run-follow.ts";
import type { RunEvent } from "../run-stream.ts";
import { runResponse, type RunRecord } from "../server-tables.ts";
import { toWireJson } from "../wire-json.ts";
import { wireJson } from "../wire-response.ts";

const keepAliveMs = 5_000;
const slowMark = Symbol("slow");

type Follow = (signal: AbortSignal) => AsyncIterable<FollowedEvent>;

async function* noEvents(): AsyncGenerator<FollowedEvent> {}

/**
 * Sends a run's events as SSE; the client going away stops the sending, not the run (unless asked). Events
 * that came over the run bus carry their id, which a reconnecting client sends back as `Last-Event-ID`.
 */
function sendEvents(context: Context, follow: Follow, cancel?: () => void, wanted?: (event: RunEvent) => boolean): Response {
  return streamSSE(context, async (sse) => {
    const gone = new AbortController();
    sse.onAbort(() => {
      gone.abort();
      cancel?.();
    });
    for await (const { id, event } of follow(gone.signal)) {
      if (wanted !== undefined && !wanted(event)) continue;
      await sse.writeSSE({ event: event.event, data: toWireJson(event.data), ...(id === undefined ? {} : { id }) });
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
  const { state, runs } = deps;

  const runOf = async (threadId: string, runId: string): Promise<RunRecord> => {
    const run = await state.run(runId);
    if (run === undefined || run.thread_id !== threadId) throw notFound("run", runId);
    return run;
  };
  /** A run's events here or, with a run bus, from the replica that runs it; `Last-Event-ID` resumes a bus stream. */
  const eventsOf = (context: Context, runId: string): Follow => {
    const after = context.req.header("Last-Event-ID");
    if (after !== undefined && (after.length > 200 || after === "")) throw new ServerRequestError(422, `header "Last-Event-ID": ${after === "" ? "empty" : `${after.length} characters`} is not an event id. Fix: send back the id of the last event received, or no header to start from the first.`, "Last-Event-ID");
    const probe = new AbortController();
    const found = runs.follow(runId, { after, signal: probe.signal });
    probe.abort();
    if (found === undefined) throw new ServerRequestError(404, `run "${runId}" is no longer streamable here (finished before this server started, or it runs on another replica and no run bus is configured)`);
    return (signal) => runs.follow(runId, { after, signal }) ?? noEvents();
  };
  const cancelling = (runId: string) => () => void runs.cancel(runId);
  const start = async (context: Context, threadId: string | undefined, joinable = false) => {
    const body = await parseBody(deps, context, runCreateSchema, "runs");
    const run = await runs.create(threadId ?? deps.generateId(), body, threadId === undefined, joinable);
    context.header("Content-Location", threadId === undefined ? `/runs/${run.run_id}` : `/threads/${threadId}/runs/${run.run_id}`);
    return { run, body };
  };

  app.post("/threads/:id/runs", async (context) => wireJson(context, runResponse((await start(context, context.req.param("id"))).run)));
  app.post("/threads/:id/runs/stream", async (context) => {
    const { run, body } = await start(context, context.req.param("id"));
    return sendEvents(context, eventsOf(context, run.run_id), body.on_disconnect === "cancel" ? cancelling(run.run_id) : undefined);
  });
  app.post("/threads/:id/runs/wait", async (context) => {
    const { run } = await start(context, context.req.param("id"));
    return waitWithKeepAlive(context, runs.result(run.run_id, run.thread_id));
  });
  app.post("/runs/stream", async (context) => {
    const { run, body } = await start(context, undefined);
    return sendEvents(context, eventsOf(context, run.run_id), body.on_disconnect === "cancel" ? cancelling(run.run_id) : undefined);
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
    for (const run of await runsToCancel(deps, body)) await runs.cancel(run.run_id, action);
    return context.body(null, 204);
  });
  // A stateless background run's events, while this process keeps them (its thread and record go when it ends).
  app.get("/runs/:runId/stream", async (context) => {
    const runId = context.req.param("runId");
    const wanted = joinModeFilter(context);
    if (runs.channel(runId) === undefined && (await state.run(runId)) === undefined) throw notFound("run", runId);
    return sendEvents(context, eventsOf(context, runId), context.req.query("cancel_on_disconnect") === "1" ? cancelling(runId) : undefined, wanted);
  });
  // Every run of a thread from now on, one after another, until none is pending or running.
  app.get("/threads/:id/stream", async (context) => {
    const threadId = context.req.param("id");
    if ((await state.thread(threadId)) === undefined) throw notFound("thread", threadId);
    checkThreadJoinModes(context);
    return streamSSE(context, async (sse) => {
      const gone = new AbortController();
      sse.onAbort(() => gone.abort());
      const followed = new Set<string>();
      const nextRun = async () => (await state.activeRuns(threadId)).find((run) => !followed.has(run.run_id));
      for (let next = await nextRun(); next !== undefined && !gone.signal.aborted; next = await nextRun()) {
        followed.add(next.run_id);
        const events = runs.follow(next.run_id, { signal: gone.signal });
        if (events === undefined) continue;
        for await (const { event } of events) await sse.writeSSE({ event: event.event, data: toWireJson(event.data) });
      }
    });
  });

  app.get("/threads/:id/runs", async (context) => {
    const threadId = context.req.param("id");
    if ((await state.thread(threadId)) === undefined) throw notFound("thread", threadId);
    const limit = Number(context.req.query("limit") ?? 10);
    const offset = Number(context.req.query("offset") ?? 0);
    if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0) {
      throw new ServerRequestError(422, "query fields limit and offset must be whole numbers (limit >= 1, offset >= 0)", "limit");
    }
    const status = context.req.query("status") as RunRecord["status"] | undefined;
    return context.json((await state.listRuns(threadId, { limit, offset, ...(status ? { status } : {}) })).map(runResponse));
  });
  app.get("/threads/:id/runs/:runId", async (context) => context.json(runResponse(await runOf(context.req.param("id"), context.req.param("runId")))));
  app.delete("/threads/:id/runs/:runId", async (context) => {
    const run = await runOf(context.req.param("id"), context.req.param("runId"));
    await runs.cancel(run.run_id);
    await state.deleteRun(run.run_id);
    return context.body(null, 204);
  });
  app.get("/threads/:id/runs/:runId/join", async (context) => {
    const run = await runOf(context.req.param("id"), context.req.param("runId"));
    return wireJson(context, await runs.result(run.run_id, run.thread_id));
  });
  app.get("/threads/:id/runs/:runId/stream", async (context) => {
    const run = await runOf(context.req.param("id"), context.req.param("runId"));
    const wanted = joinModeFilter(context);
    return sendEvents(context, eventsOf(context, run.run_id), context.req.query("cancel_on_disconnect") === "1" ? cancelling(run.run_id) : undefined, wanted);
  });
  app.post("/threads/:id/runs/:runId/cancel", async (context) => {
    const run = await runOf(context.req.param("id"), context.req.param("runId"));
    const action = cancelAction(context.req.query("action"));
    await runs.cancel(run.run_id, action);
    if (context.req.query("wait") === "1") await runs.settled(run.run_id);
    return context.body(null, 202);
  });
  return app;
}

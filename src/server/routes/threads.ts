import type { RunnableConfig } from "@langchain/core/runnables";
import { Hono } from "hono";
import { ServerRequestError, notFound } from "../http-error.ts";
import { historySchema, stateAtCheckpointSchema, stateUpdateSchema, threadCreateSchema, threadPatchSchema, threadSearchSchema } from "../request-schemas.ts";
import { parseBody, type RouteDeps } from "../route-deps.ts";
import type { ServedGraph } from "../served-graph.ts";
import type { ThreadRecord } from "../server-tables.ts";
import { checkpointOf, interruptsOf, threadState } from "../thread-state.ts";
import { wireJson } from "../wire-response.ts";

/** Threads: create, get, patch, search, delete, copy; state (get, at a checkpoint, update = fork); history. */
export function threadRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  const { tables } = deps;

  const record = (threadId: string): ThreadRecord => {
    const found = tables.thread(threadId);
    if (found === undefined) throw notFound("thread", threadId);
    return found;
  };
  /** The graph a thread runs: the one named in its metadata, else the only/first served graph. */
  const servedFor = (thread: ThreadRecord): ServedGraph => {
    const graphId = typeof thread.metadata.graph_id === "string" ? thread.metadata.graph_id : undefined;
    const assistant = (graphId === undefined ? undefined : deps.assistants.find(graphId)) ?? deps.assistants.all()[0];
    if (assistant === undefined) throw new ServerRequestError(404, "this server serves no graph");
    return deps.assistants.served(assistant);
  };
  const configFor = (threadId: string, checkpoint?: { checkpoint_id?: string | undefined; checkpoint_ns?: string | undefined } | null): RunnableConfig => ({
    configurable: {
      thread_id: threadId,
      ...(checkpoint?.checkpoint_ns !== undefined ? { checkpoint_ns: checkpoint.checkpoint_ns } : {}),
      ...(checkpoint?.checkpoint_id !== undefined ? { checkpoint_id: checkpoint.checkpoint_id } : {}),
    },
  });
  const threadResponse = async (thread: ThreadRecord) => {
    const snapshot = await servedFor(thread).graph.getState(configFor(thread.thread_id));
    const interrupts: Record<string, unknown[]> = {};
    for (const task of snapshot.tasks) if ((task.interrupts ?? []).length > 0) interrupts[task.id] = task.interrupts;
    return { ...thread, state_updated_at: snapshot.createdAt ?? thread.updated_at, values: snapshot.values ?? {}, interrupts };
  };

  app.post("/threads", async (context) => {
    const body = await parseBody(deps, context, threadCreateSchema, "threads");
    const threadId = body.thread_id ?? deps.generateId();
    const existing = tables.thread(threadId);
    if (existing !== undefined) {
      if (body.if_exists === "do_nothing") return wireJson(context, await threadResponse(existing));
      throw new ServerRequestError(409, `thread "${threadId}" already exists. Fix: omit thread_id, or send if_exists "do_nothing".`, "thread_id");
    }
    const metadata = Object.fromEntries(Object.entries(body.metadata ?? {}).filter(([, value]) => value !== undefined && value !== null));
    return wireJson(context, await threadResponse(tables.createThread(threadId, metadata)));
  });
  app.post("/threads/search", async (context) => {
    const query = await parseBody(deps, context, threadSearchSchema, "threads");
    const found = tables.searchThreads({
      limit: query.limit ?? 10,
      offset: query.offset ?? 0,
      ...(query.metadata ? { metadata: query.metadata } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.ids ? { ids: query.ids } : {}),
    });
    return wireJson(context, await Promise.all(found.map(threadResponse)));
  });
  app.post("/threads/count", async (context) => {
    const query = await parseBody(deps, context, threadSearchSchema, "threads");
    return context.json(tables.searchThreads({ limit: Number.MAX_SAFE_INTEGER, offset: 0, ...(query.metadata ? { metadata: query.metadata } : {}) }).length);
  });
  app.get("/threads/:id", async (context) => wireJson(context, await threadResponse(record(context.req.param("id")))));
  app.patch("/threads/:id", async (context) => {
    const thread = record(context.req.param("id"));
    const body = await parseBody(deps, context, threadPatchSchema, "threads");
    tables.updateThread(thread.thread_id, { metadata: { ...thread.metadata, ...body.metadata } });
    return wireJson(context, await threadResponse(record(thread.thread_id)));
  });
  app.delete("/threads/:id", async (context) => {
    const thread = record(context.req.param("id"));
    for (const run of tables.activeRuns(thread.thread_id)) deps.runs.cancel(run.run_id);
    await deps.checkpointer.deleteThread(thread.thread_id);
    tables.deleteThread(thread.thread_id);
    return context.body(null, 204);
  });
  app.post("/threads/:id/copy", async (context) => {
    const thread = record(context.req.param("id"));
    const copyId = deps.generateId();
    const tuples = [];
    for await (const tuple of deps.checkpointer.list({ configurable: { thread_id: thread.thread_id } })) tuples.push(tuple);
    // Oldest first, so each checkpoint's parent exists in the copy before it does.
    for (const tuple of tuples.reverse()) {
      const namespace = (tuple.config.configurable?.checkpoint_ns as string | undefined) ?? "";
      const parentId = tuple.parentConfig?.configurable?.checkpoint_id as string | undefined;
      const written = await deps.checkpointer.put(
        { configurable: { thread_id: copyId, checkpoint_ns: namespace, ...(parentId ? { checkpoint_id: parentId } : {}) } },
        tuple.checkpoint,
        tuple.metadata ?? { source: "update", step: -1, parents: {} },
        tuple.checkpoint.channel_versions,
      );
      const byTask = new Map<string, Array<[string, unknown]>>();
      for (const [taskId, channel, value] of tuple.pendingWrites ?? []) byTask.set(taskId, [...(byTask.get(taskId) ?? []), [channel, value]]);
      for (const [taskId, writes] of byTask) await deps.checkpointer.putWrites(written, writes, taskId);
    }
    const copy = tables.createThread(copyId, thread.metadata);
    tables.updateThread(copyId, { status: thread.status === "busy" ? "idle" : thread.status });
    return wireJson(context, await threadResponse({ ...copy, status: thread.status === "busy" ? "idle" : thread.status }));
  });

  app.get("/threads/:id/state", async (context) => {
    const thread = record(context.req.param("id"));
    const subgraphs = context.req.query("subgraphs") === "true";
    return wireJson(context, threadState(await servedFor(thread).graph.getState(configFor(thread.thread_id), { subgraphs })));
  });
  app.post("/threads/:id/state/checkpoint", async (context) => {
    const thread = record(context.req.param("id"));
    const body = await parseBody(deps, context, stateAtCheckpointSchema, "threads");
    const snapshot = await servedFor(thread).graph.getState(configFor(thread.thread_id, body.checkpoint), { subgraphs: body.subgraphs ?? false });
    return wireJson(context, threadState(snapshot));
  });
  app.get("/threads/:id/state/:checkpointId", async (context) => {
    const thread = record(context.req.param("id"));
    const snapshot = await servedFor(thread).graph.getState(configFor(thread.thread_id, { checkpoint_id: context.req.param("checkpointId") }));
    if (snapshot.config.configurable?.checkpoint_id === undefined) throw notFound("checkpoint", context.req.param("checkpointId"));
    return wireJson(context, threadState(snapshot));
  });
  app.post("/threads/:id/state", async (context) => {
    const thread = record(context.req.param("id"));
    const body = await parseBody(deps, context, stateUpdateSchema, "threads");
    if (tables.activeRuns(thread.thread_id).length > 0) {
      throw new ServerRequestError(409, `thread "${thread.thread_id}" has a run in flight. Fix: wait for it (join) before updating state.`);
    }
    const checkpoint = body.checkpoint ?? (body.checkpoint_id == null ? null : { checkpoint_id: body.checkpoint_id });
    const graph = servedFor(thread).graph;
    const written = await graph.updateState(configFor(thread.thread_id, checkpoint), body.values ?? null, body.as_node ?? undefined);
    const snapshot = await graph.getState(configFor(thread.thread_id));
    tables.updateThread(thread.thread_id, { status: snapshot.next.length > 0 || interruptsOf(snapshot).length > 0 ? "interrupted" : "idle" });
    // The official server answers `checkpoint`; the SDK's type says `configurable`: send both.
    return context.json({ checkpoint: checkpointOf(written), configurable: written.configurable ?? {} });
  });
  app.post("/threads/:id/history", async (context) => {
    const thread = record(context.req.param("id"));
    const body = await parseBody(deps, context, historySchema, "threads");
    const before = typeof body.before === "string" ? { checkpoint_id: body.before } : body.before;
    const states = [];
    const history = servedFor(thread).graph.getStateHistory(configFor(thread.thread_id, body.checkpoint), {
      limit: body.limit ?? 10,
      ...(before ? { before: configFor(thread.thread_id, before) } : {}),
      ...(body.metadata ? { filter: body.metadata } : {}),
    });
    for await (const snapshot of history) states.push(threadState(snapshot));
    return wireJson(context, states);
  });
  return app;
}

import type { RunnableConfig } from "@langchain/core/runnables";
import { Hono } from "hono";
import { ServerRequestError, notFound } from "../http-error.ts";
import { historySchema, stateAtCheckpointSchema, statePatchSchema, stateUpdateSchema, threadCreateSchema, threadPatchSchema, threadPruneSchema, threadSearchSchema } from "../request-schemas.ts";
import { parseBody, type RouteDeps } from "../route-deps.ts";
import type { ServedGraph } from "../served-graph.ts";
import type { ThreadRecord } from "../server-tables.ts";
import { selectFields } from "../sort-select.ts";
import { applyStateUpdate } from "../state-update.ts";
import { patchCheckpointMetadata, pruneThreads, THREAD_WRITE_WAIT_MS, threadHeld } from "../thread-maintenance.ts";
import { copyThread, deleteThread } from "../thread-removal.ts";
import { checkpointOf, interruptsOf, threadState } from "../thread-state.ts";
import { wireJson } from "../wire-response.ts";

type CheckpointLike = { checkpoint_id?: string | undefined; checkpoint_ns?: string | undefined };

/** `before` as a checkpoint reference, whichever of its three forms the client sent. */
function beforeCheckpoint(before: string | { configurable: CheckpointLike } | CheckpointLike | null | undefined): CheckpointLike | undefined {
  if (before == null) return undefined;
  if (typeof before === "string") return { checkpoint_id: before };
  return "configurable" in before && typeof before.configurable === "object" && before.configurable !== null ? (before.configurable as CheckpointLike) : (before as CheckpointLike);
}

/** Threads: create, get, patch, search, delete, copy; state (get, at a checkpoint, update = fork); history. */
export function threadRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  const { state } = deps;

  const record = async (threadId: string): Promise<ThreadRecord> => {
    const found = await state.thread(threadId);
    if (found === undefined) throw notFound("thread", threadId);
    return found;
  };
  /** The graph a thread runs: the one named in its metadata, else the only/first served graph. */
  const servedFor = async (thread: ThreadRecord): Promise<ServedGraph> => {
    const graphId = typeof thread.metadata.graph_id === "string" ? thread.metadata.graph_id : undefined;
    const assistant = (graphId === undefined ? undefined : await deps.assistants.find(graphId)) ?? deps.assistants.all()[0];
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
    const snapshot = await (await servedFor(thread)).graph.getState(configFor(thread.thread_id));
    const interrupts: Record<string, unknown[]> = {};
    for (const task of snapshot.tasks) if ((task.interrupts ?? []).length > 0) interrupts[task.id] = task.interrupts;
    // The thread's config is its last run's (as the official server keeps it), {} before any run.
    const config = await state.lastRunConfig(thread.thread_id);
    return { ...thread, config, state_updated_at: snapshot.createdAt ?? thread.updated_at, values: snapshot.values ?? {}, interrupts };
  };
  /** 404 unless the thread has this checkpoint: a fork or read of a checkpoint that is not there is never a 200. */
  const requireCheckpoint = async (threadId: string, checkpoint: { checkpoint_id?: string | undefined; checkpoint_ns?: string | undefined } | null | undefined): Promise<void> => {
    if (checkpoint?.checkpoint_id === undefined) return;
    const found = await deps.checkpointer.getTuple(configFor(threadId, checkpoint));
    if (found === undefined) throw new ServerRequestError(404, `checkpoint "${checkpoint.checkpoint_id.slice(0, 80)}" not found on thread "${threadId}". Fix: pick one from the thread's history.`, "checkpoint_id");
  };

  app.post("/threads", async (context) => {
    const body = await parseBody(deps, context, threadCreateSchema, "threads");
    const threadId = body.thread_id ?? deps.generateId();
    const existing = await state.thread(threadId);
    if (existing !== undefined) {
      if (body.if_exists === "do_nothing") return wireJson(context, await threadResponse(existing));
      throw new ServerRequestError(409, `thread "${threadId}" already exists. Fix: omit thread_id, or send if_exists "do_nothing".`, "thread_id");
    }
    const metadata = Object.fromEntries(Object.entries(body.metadata ?? {}).filter(([, value]) => value !== undefined && value !== null));
    return wireJson(context, await threadResponse(await state.createThread(threadId, metadata)));
  });
  app.post("/threads/search", async (context) => {
    const query = await parseBody(deps, context, threadSearchSchema, "threads");
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 10;
    const filtered = await state.searchThreads({
      // A values filter is applied to the threads' state below, so the page is cut after it.
      limit: query.values == null ? limit : Number.MAX_SAFE_INTEGER,
      offset: query.values == null ? offset : 0,
      ...(query.metadata ? { metadata: query.metadata } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.ids ? { ids: query.ids } : {}),
      sort: { by: query.sort_by ?? "created_at", order: query.sort_order ?? "desc" },
    });
    let threads = await Promise.all(filtered.map(threadResponse));
    if (query.values != null) {
      const wanted = Object.entries(query.values);
      threads = threads.filter((thread) => wanted.every(([key, value]) => JSON.stringify((thread.values as Record<string, unknown>)[key]) === JSON.stringify(value))).slice(offset, offset + limit);
    }
    return wireJson(context, threads.map((thread) => selectFields(thread, query.select)));
  });
  app.post("/threads/count", async (context) => {
    const query = await parseBody(deps, context, threadSearchSchema, "threads");
    return context.json((await state.searchThreads({ limit: Number.MAX_SAFE_INTEGER, offset: 0, ...(query.metadata ? { metadata: query.metadata } : {}), ...(query.status ? { status: query.status } : {}), ...(query.ids ? { ids: query.ids } : {}) })).length);
  });
  app.post("/threads/prune", async (context) => context.json(await pruneThreads(deps, await parseBody(deps, context, threadPruneSchema, "threads"))));
  app.get("/threads/:id", async (context) => wireJson(context, await threadResponse(await record(context.req.param("id")))));
  app.patch("/threads/:id", async (context) => {
    const thread = await record(context.req.param("id"));
    const body = await parseBody(deps, context, threadPatchSchema, "threads");
    await state.updateThread(thread.thread_id, { metadata: { ...thread.metadata, ...body.metadata } });
    return wireJson(context, await threadResponse(await record(thread.thread_id)));
  });
  app.delete("/threads/:id", async (context) => {
    await deleteThread(deps, (await record(context.req.param("id"))).thread_id);
    return context.body(null, 204);
  });
  app.post("/threads/:id/copy", async (context) => wireJson(context, await threadResponse(await copyThread(deps, await record(context.req.param("id"))))));

  app.get("/threads/:id/state", async (context) => {
    const thread = await record(context.req.param("id"));
    const subgraphs = context.req.query("subgraphs") === "true";
    return wireJson(context, threadState(await (await servedFor(thread)).graph.getState(configFor(thread.thread_id), { subgraphs })));
  });
  app.post("/threads/:id/state/checkpoint", async (context) => {
    const thread = await record(context.req.param("id"));
    const body = await parseBody(deps, context, stateAtCheckpointSchema, "threads");
    await requireCheckpoint(thread.thread_id, body.checkpoint);
    const snapshot = await (await servedFor(thread)).graph.getState(configFor(thread.thread_id, body.checkpoint), { subgraphs: body.subgraphs ?? false });
    return wireJson(context, threadState(snapshot));
  });
  app.get("/threads/:id/state/:checkpointId", async (context) => {
    const thread = await record(context.req.param("id"));
    await requireCheckpoint(thread.thread_id, { checkpoint_id: context.req.param("checkpointId") });
    const snapshot = await (await servedFor(thread)).graph.getState(configFor(thread.thread_id, { checkpoint_id: context.req.param("checkpointId") }));
    return wireJson(context, threadState(snapshot));
  });
  app.post("/threads/:id/state", async (context) => {
    const thread = await record(context.req.param("id"));
    const body = await parseBody(deps, context, stateUpdateSchema, "threads");
    if ((await state.activeRuns(thread.thread_id)).length > 0) {
      throw new ServerRequestError(409, `thread "${thread.thread_id}" has a run in flight. Fix: wait for it (join) before updating state.`);
    }
    const checkpoint = body.checkpoint ?? (body.checkpoint_id == null ? null : { checkpoint_id: body.checkpoint_id });
    const graph = (await servedFor(thread)).graph;
    // Under the thread's lease, so a prune of any process cannot remove the checkpoint being forked mid-update.
    const outcome = await deps.leases.exclusive(
      thread.thread_id,
      "update-state",
      async () => {
        await requireCheckpoint(thread.thread_id, checkpoint);
        return applyStateUpdate(graph, configFor(thread.thread_id, checkpoint), body);
      },
      THREAD_WRITE_WAIT_MS,
    );
    if (!outcome.ran) throw threadHeld(thread.thread_id, "updating its state");
    const written = outcome.value;
    const snapshot = await graph.getState(configFor(thread.thread_id));
    await state.updateThread(thread.thread_id, { status: snapshot.next.length > 0 || interruptsOf(snapshot).length > 0 ? "interrupted" : "idle" });
    // The official server answers `checkpoint`; the SDK's type says `configurable`: send both.
    return context.json({ checkpoint: checkpointOf(written), configurable: written.configurable ?? {} });
  });
  app.patch("/threads/:id/state", async (context) => {
    const thread = await record(context.req.param("id"));
    return context.json(await patchCheckpointMetadata(deps, thread.thread_id, await parseBody(deps, context, statePatchSchema, "threads")));
  });
  app.post("/threads/:id/history", async (context) => {
    const thread = await record(context.req.param("id"));
    const body = await parseBody(deps, context, historySchema, "threads");
    // `before` comes as an id, a checkpoint, or the SDK's typed Config form `{ configurable: { checkpoint_id } }`.
    const before = beforeCheckpoint(body.before);
    await requireCheckpoint(thread.thread_id, body.checkpoint);
    await requireCheckpoint(thread.thread_id, before);
    const states = [];
    const history = (await servedFor(thread)).graph.getStateHistory(configFor(thread.thread_id, body.checkpoint), {
      limit: body.limit ?? 10,
      ...(before ? { before: configFor(thread.thread_id, before) } : {}),
      ...(body.metadata ? { filter: body.metadata } : {}),
    });
    for await (const snapshot of history) states.push(threadState(snapshot));
    return wireJson(context, states);
  });
  return app;
}

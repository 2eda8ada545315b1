import type { RunnableConfig } from "@langchain/core/runnables";
import type { BaseCheckpointSaver, CheckpointMetadata } from "@langchain/langgraph-checkpoint";
import type { z } from "zod";
import { prunableSaver } from "../../checkpoints/index.ts";
import { ServerRequestError } from "./http-error.ts";
import type { statePatchSchema, threadPruneSchema } from "./request-schemas.ts";
import type { RouteDeps } from "./route-deps.ts";
import { checkpointOf } from "./thread-state.ts";

/**
 * `POST /threads/prune`: `delete` removes each thread (rows, runs, checkpoints); `keep_latest` keeps only each
 * thread's newest checkpoint per namespace (switchyard's savers, SQLite or Postgres; others answer 422 before anything is
 * touched). A thread with a run pending or in flight, or unknown, is left alone and not counted, as the TTL
 * sweeper does: pruning never cuts a run short.
 */
export async function pruneThreads(deps: RouteDeps, body: z.output<typeof threadPruneSchema>): Promise<{ pruned_count: number }> {
  const strategy = body.strategy ?? "delete";
  const saver = deps.checkpointer;
  const pruner = prunableSaver(saver);
  if (strategy === "keep_latest" && pruner === undefined) {
    throw new ServerRequestError(422, `body field "strategy": keep_latest needs a checkpointer that can prune (switchyard's, on SQLite or Postgres), and this server runs another. Fix: send strategy "delete".`, "strategy");
  }
  let pruned = 0;
  for (const threadId of new Set(body.thread_ids)) {
    const thread = await deps.state.thread(threadId);
    if (thread === undefined || thread.status === "busy" || (await deps.state.hasActiveRun(threadId))) continue;
    // Under the thread's lease: a fork (state update) or a run of any process cannot interleave with the
    // delete or prune (a fork from a checkpoint the prune removes would name channel values that are gone).
    const outcome = await deps.leases.exclusive(threadId, "prune", async () => {
      if (strategy === "delete") {
        // The rows first: a run asked for from now on finds no thread (404) rather than half a one.
        await deps.state.deleteThread(threadId);
        await saver.deleteThread(threadId);
        return true;
      }
      return pruner !== undefined && !(await pruner.pruneThread(threadId)).skipped;
    });
    if (outcome.ran && outcome.value) pruned += 1;
  }
  return { pruned_count: pruned };
}

/** How long a state write waits for a prune or another state write of the thread to let go of its lease. */
export const THREAD_WRITE_WAIT_MS = 2_000;

/** The 409 for a state write whose thread stayed leased (a run started meanwhile, or a long prune). */
export function threadHeld(threadId: string, doing: string): ServerRequestError {
  return new ServerRequestError(409, `thread "${threadId}" is busy (a run, prune or other state write holds it). Fix: wait for it (join the run) before ${doing}, then retry.`);
}

/** A checkpoint of a thread: the latest (root namespace) unless one is named. */
type NamedCheckpoint = { checkpoint_id?: string | undefined; checkpoint_ns?: string | undefined } | undefined;

/**
 * Merges `patch` into one checkpoint's metadata and rewrites that checkpoint in place, under its own id and
 * parent: values, versions and pending writes are unchanged, so the thread's state and history read the same
 * apart from the metadata. Undefined when the thread has no such checkpoint.
 */
export async function rewriteCheckpointMetadata(saver: BaseCheckpointSaver, threadId: string, named: NamedCheckpoint, patch: Record<string, unknown>): Promise<RunnableConfig | undefined> {
  const config: RunnableConfig = {
    configurable: { thread_id: threadId, checkpoint_ns: named?.checkpoint_ns ?? "", ...(named?.checkpoint_id === undefined ? {} : { checkpoint_id: named.checkpoint_id }) },
  };
  const tuple = await saver.getTuple(config);
  if (tuple === undefined) return undefined;
  const metadata = { ...(tuple.metadata ?? { source: "update", step: -1, parents: {} }), ...patch } as CheckpointMetadata;
  const parentId = tuple.parentConfig?.configurable?.checkpoint_id as string | undefined;
  const namespace = (tuple.config.configurable?.checkpoint_ns as string | undefined) ?? "";
  // Every channel counts as new so a saver that keeps small values in the row writes them again (blobs are idempotent).
  return saver.put(
    { configurable: { thread_id: threadId, checkpoint_ns: namespace, ...(parentId === undefined ? {} : { checkpoint_id: parentId }) } },
    tuple.checkpoint,
    metadata,
    tuple.checkpoint.channel_versions,
  );
}

/** `PATCH /threads/:id/state` (`client.threads.patchState`): 409 while a run is in flight, 404 for a checkpoint the thread lacks. */
export async function patchCheckpointMetadata(deps: RouteDeps, threadId: string, body: z.output<typeof statePatchSchema>): Promise<{ checkpoint: ReturnType<typeof checkpointOf> }> {
  if (await deps.state.hasActiveRun(threadId)) {
    throw new ServerRequestError(409, `thread "${threadId}" has a run in flight. Fix: wait for it (join) before patching its state.`);
  }
  const named = body.checkpoint ?? (body.checkpoint_id == null ? undefined : { checkpoint_id: body.checkpoint_id });
  const outcome = await deps.leases.exclusive(threadId, "patch-state", () => rewriteCheckpointMetadata(deps.checkpointer, threadId, named, body.metadata), THREAD_WRITE_WAIT_MS);
  if (!outcome.ran) throw threadHeld(threadId, "patching its state");
  const written = outcome.value;
  if (written === undefined) {
    const what = named?.checkpoint_id === undefined ? "has no checkpoint yet. Fix: run it or update its state first." : `has no checkpoint "${named.checkpoint_id.slice(0, 80)}". Fix: pick one from its history.`;
    throw new ServerRequestError(404, `thread "${threadId}" ${what}`, "checkpoint_id");
  }
  return { checkpoint: checkpointOf(written) };
}

import type { RouteDeps } from "./route-deps.ts";
import type { ThreadRecord } from "./server-tables.ts";
import { THREAD_WRITE_WAIT_MS, threadHeld } from "./thread-maintenance.ts";

/**
 * `DELETE /threads/:id`: cancels the thread's runs, then removes its rows and checkpoints under the thread's
 * lease, so a run of any process cannot write a checkpoint between the two (which would leave a thread with no
 * row but with state). A run that does not let go within the wait is a 409 and nothing is removed.
 */
export async function deleteThread(deps: RouteDeps, threadId: string): Promise<void> {
  for (const run of await deps.state.activeRuns(threadId)) await deps.runs.cancel(run.run_id);
  const outcome = await deps.leases.exclusive(
    threadId,
    "delete-thread",
    async () => {
      // A run queued after the cancels above waits for this lease: stop it too, so it never starts on a deleted thread.
      for (const run of await deps.state.activeRuns(threadId)) await deps.runs.cancel(run.run_id);
      // The rows first: a run asked for from now on finds no thread (404) rather than half a one.
      await deps.state.deleteThread(threadId);
      await deps.checkpointer.deleteThread(threadId);
    },
    THREAD_WRITE_WAIT_MS,
  );
  if (!outcome.ran) throw threadHeld(threadId, "deleting it");
}

/**
 * `POST /threads/:id/copy`: every checkpoint (oldest first, so each parent exists before its child) and its
 * pending writes, read under the source thread's lease so a run cannot add a checkpoint half way through the
 * read and leave the copy with a history no run wrote. Answers the copy's row.
 */
export async function copyThread(deps: RouteDeps, thread: ThreadRecord): Promise<ThreadRecord> {
  const copyId = deps.generateId();
  const saver = deps.checkpointer;
  const outcome = await deps.leases.exclusive(
    thread.thread_id,
    "copy-thread",
    async () => {
      const tuples = [];
      for await (const tuple of saver.list({ configurable: { thread_id: thread.thread_id } })) tuples.push(tuple);
      for (const tuple of tuples.reverse()) {
        const namespace = (tuple.config.configurable?.checkpoint_ns as string | undefined) ?? "";
        const parentId = tuple.parentConfig?.configurable?.checkpoint_id as string | undefined;
        const written = await saver.put(
          { configurable: { thread_id: copyId, checkpoint_ns: namespace, ...(parentId ? { checkpoint_id: parentId } : {}) } },
          tuple.checkpoint,
          tuple.metadata ?? { source: "update", step: -1, parents: {} },
          tuple.checkpoint.channel_versions,
        );
        const byTask = new Map<string, Array<[string, unknown]>>();
        for (const [taskId, channel, value] of tuple.pendingWrites ?? []) byTask.set(taskId, [...(byTask.get(taskId) ?? []), [channel, value]]);
        for (const [taskId, writes] of byTask) await saver.putWrites(written, writes, taskId);
      }
      // The source's row as of the copy: its status cannot be busy now (we hold its lease), but a stale "busy" is not copied.
      return (await deps.state.thread(thread.thread_id)) ?? thread;
    },
    THREAD_WRITE_WAIT_MS,
  );
  if (!outcome.ran) throw threadHeld(thread.thread_id, "copying it");
  const source = outcome.value;
  const status = source.status === "busy" ? "idle" : source.status;
  const copy = await deps.state.createThread(copyId, source.metadata);
  await deps.state.updateThread(copyId, { status });
  return { ...copy, status };
}

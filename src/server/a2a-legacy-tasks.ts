import type { BaseStore } from "@langchain/langgraph-checkpoint";
import { z } from "zod";
import type { A2aTaskState } from "./state/server-state.ts";

const legacyTask = z.object({ task: z.record(z.string(), z.unknown()) });
const legacyLink = z.object({ run_id: z.string(), thread_id: z.string(), context_id: z.string(), graph_id: z.string() });
const page = 500;

/**
 * Moves A2A tasks and run links an earlier switchyard kept in the server's store (`switchyard.a2a.tasks.<owner>`,
 * `switchyard.a2a.runs`) into the server's A2A tables, so GetTask and ListTasks still find them after an
 * upgrade. A row the tables already hold wins; each moved item leaves the store, so the next start reads
 * nothing. Replicas starting together may both move an item: they write the same row.
 *
 * @example
 * await moveLegacyA2aTasks(store, storage.a2aTasks); // { tasks: 12, links: 12 } once, then { tasks: 0, links: 0 }
 */
export async function moveLegacyA2aTasks(store: BaseStore, tasks: A2aTaskState): Promise<{ tasks: number; links: number }> {
  const moved = { tasks: 0, links: 0 };
  const namespaces = await store.listNamespaces({ prefix: ["switchyard", "a2a", "tasks"], maxDepth: 4 });
  for (const namespace of namespaces) {
    const owner = namespace[3];
    if (namespace.length !== 4 || owner === undefined) continue;
    for (;;) {
      const items = await store.search(namespace, { limit: page });
      // A prefix search: an item of a deeper namespace is not ours to move.
      const own = items.filter((item) => item.namespace.length === namespace.length);
      for (const item of own) {
        const parsed = legacyTask.safeParse(item.value);
        if (parsed.success && (await tasks.task(owner, item.key)) === undefined) {
          await tasks.saveTask(owner, item.key, parsed.data.task);
          moved.tasks += 1;
        }
        await store.delete(namespace, item.key);
      }
      if (items.length < page) break;
    }
  }
  for (;;) {
    const links = await store.search(["switchyard", "a2a", "runs"], { limit: page });
    for (const item of links.filter((found) => found.namespace.length === 3)) {
      const parsed = legacyLink.safeParse(item.value);
      if (parsed.success && (await tasks.runLink(item.key)) === undefined) {
        await tasks.linkRun(item.key, parsed.data);
        moved.links += 1;
      }
      await store.delete(["switchyard", "a2a", "runs"], item.key);
    }
    if (links.length < page) break;
  }
  return moved;
}

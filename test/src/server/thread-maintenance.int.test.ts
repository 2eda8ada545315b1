/**
 * A checkpoint's metadata rewritten in place (what `PATCH /threads/:id/state` does) on both savers the server
 * runs on: switchyard's SQLite saver (small values kept in the row) and Postgres (skipped locally when absent,
 * required in CI). Values, history and the next run read as before; only the metadata changed.
 */
import { randomUUID } from "node:crypto";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { openPersistence } from "../../../checkpoints/index.ts";
import { rewriteCheckpointMetadata } from "../../../src/server/thread-maintenance.ts";
import { postgresUrl, serviceAvailable } from "../../support/services.ts";

const postgres = await serviceAvailable("postgres");

describe.each([
  { saver: "sqlite", url: ":memory:", available: true },
  { saver: "postgres", url: postgresUrl, available: postgres },
])("checkpoint metadata rewritten in place on $saver", ({ url, available }) => {
  it.skipIf(!available)("keeps values, history and the next run; changes only the metadata", async () => {
    const persistence = await openPersistence(url);
    const threadId = `patch-state-${randomUUID()}`;
    try {
      const State = Annotation.Root({ items: Annotation<string[]>({ reducer: (left, right) => [...left, ...right], default: () => [] }) });
      const graph = new StateGraph(State).addNode("add", () => ({ items: ["x".repeat(10)] })).addEdge(START, "add").addEdge("add", END).compile({ checkpointer: persistence.checkpointer });
      const config = { configurable: { thread_id: threadId } };
      await graph.invoke({ items: ["a"] }, config);
      await graph.invoke({ items: ["b"] }, config);
      const read = async () => {
        const states = [];
        for await (const snapshot of graph.getStateHistory(config)) states.push({ id: snapshot.config.configurable?.checkpoint_id as string, values: snapshot.values, label: (snapshot.metadata as Record<string, unknown> | undefined)?.label });
        return states;
      };
      const before = await read();
      expect(await rewriteCheckpointMetadata(persistence.checkpointer, threadId, undefined, { label: "latest" })).toBeDefined();
      expect(await rewriteCheckpointMetadata(persistence.checkpointer, threadId, { checkpoint_id: before[2]?.id }, { label: "older" })).toBeDefined();
      expect(await rewriteCheckpointMetadata(persistence.checkpointer, threadId, { checkpoint_id: "1f000000-0000-6000-8000-000000000000" }, {})).toBeUndefined();
      const after = await read();
      expect(after.map(({ id, values }) => ({ id, values }))).toEqual(before.map(({ id, values }) => ({ id, values })));
      expect(after.map((state) => state.label)).toEqual(before.map((_, index) => (index === 0 ? "latest" : index === 2 ? "older" : undefined)));
      const next = await graph.invoke({ items: ["c"] }, config);
      expect(next.items).toEqual(["a", "x".repeat(10), "b", "x".repeat(10), "c", "x".repeat(10)]);
    } finally {
      await persistence.checkpointer.deleteThread(threadId);
      await persistence.close();
    }
  }, 30_000);
});

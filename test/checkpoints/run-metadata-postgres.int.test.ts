/** The Postgres persistence writes a run's own metadata into its checkpoints too (see run-metadata.test.ts). */
import { randomUUID } from "node:crypto";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { openPersistence } from "../../checkpoints/index.ts";
import { postgresUrl, serviceAvailable } from "../support/services.ts";

const postgres = await serviceAvailable("postgres");

describe("run metadata on Postgres", () => {
  it.skipIf(!postgres)("filters a thread's history by run_id", async () => {
    const persistence = await openPersistence(postgresUrl);
    const threadId = `run-metadata-${randomUUID()}`;
    try {
      const State = Annotation.Root({ count: Annotation<number>({ reducer: (left, right) => left + right, default: () => 0 }) });
      const graph = new StateGraph(State).addNode("add", () => ({ count: 1 })).addEdge(START, "add").addEdge("add", END).compile({ checkpointer: persistence.checkpointer });
      const config = { configurable: { thread_id: threadId } };
      await graph.invoke({ count: 1 }, { ...config, metadata: { run_id: "run-1", graph_id: "g" } });
      await graph.invoke({ count: 1 }, { ...config, metadata: { run_id: "run-2", graph_id: "g" } });
      const runs = [];
      for await (const snapshot of graph.getStateHistory(config, { filter: { run_id: "run-2" } })) {
        const metadata: Record<string, unknown> = { ...snapshot.metadata };
        runs.push(metadata.run_id);
      }
      expect(runs.length).toBeGreaterThan(1);
      expect(new Set(runs)).toEqual(new Set(["run-2"]));
    } finally {
      await persistence.checkpointer.deleteThread(threadId);
      await persistence.close();
    }
  });
});

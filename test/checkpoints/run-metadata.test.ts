/**
 * A run's own metadata (a server's run_id, graph_id, assistant_id) lands in the checkpoints it writes, as the
 * official LangGraph API saver does, so history filters by run; what LangGraph adds to every call does not.
 */
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { openSqliteSaver } from "../../checkpoints/index.ts";

describe("run metadata in checkpoint metadata", () => {
  it("keeps the run's scalar metadata, filters history by run_id, and leaves LangGraph's own keys out", async () => {
    const saver = openSqliteSaver(":memory:");
    const State = Annotation.Root({ count: Annotation<number>({ reducer: (left, right) => left + right, default: () => 0 }) });
    const graph = new StateGraph(State).addNode("add", () => ({ count: 1 })).addEdge(START, "add").addEdge("add", END).compile({ checkpointer: saver });
    const config = { configurable: { thread_id: "t" } };
    await graph.invoke({ count: 1 }, { ...config, metadata: { run_id: "run-1", graph_id: "g", nested: { kept: false } } });
    await graph.invoke({ count: 1 }, { ...config, metadata: { run_id: "run-2", graph_id: "g" } });
    const first = [];
    for await (const snapshot of graph.getStateHistory(config, { filter: { run_id: "run-1" } })) first.push(snapshot.metadata);
    expect(first.length).toBeGreaterThan(1);
    for (const metadata of first) {
      expect(metadata).toMatchObject({ run_id: "run-1", graph_id: "g" });
      expect(Object.keys(metadata ?? {}).filter((key) => key.startsWith("ls_") || key.startsWith("langgraph_") || key === "nested")).toEqual([]);
    }
    // The step's own metadata wins over a run's key of the same name.
    await graph.invoke({ count: 1 }, { ...config, metadata: { run_id: "run-3", source: "forged", step: 99 } });
    const latest = await saver.getTuple(config);
    expect(latest?.metadata).toMatchObject({ run_id: "run-3", source: "loop" });
    expect(latest?.metadata?.step).not.toBe(99);
    saver.close();
  });
});

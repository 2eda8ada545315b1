import { Annotation, END, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { describe, expect, it } from "vitest";
import { latestCheckpointId, openSqliteSaver } from "../../checkpoints/index.ts";

function echo(saver: BaseCheckpointSaver) {
  const State = Annotation.Root({ question: Annotation<string>(), answer: Annotation<string>() });
  return new StateGraph(State)
    .addNode("respond", (state) => ({ answer: `echo: ${state.question}` }))
    .addEdge(START, "respond")
    .addEdge("respond", END)
    .compile({ checkpointer: saver });
}

describe.each([
  ["switchyard's SQLite saver (one lookup)", () => openSqliteSaver(":memory:")],
  ["another saver (its getTuple)", () => new MemorySaver()],
])("latestCheckpointId on %s", (_name, open) => {
  it("is the id getTuple reads as the latest, after every run, and undefined for a thread without checkpoints", async () => {
    const saver = open();
    const graph = echo(saver);
    expect(await latestCheckpointId(saver, "t1")).toBeUndefined();
    for (const question of ["a", "b", "c"]) {
      await graph.invoke({ question }, { configurable: { thread_id: "t1" } });
      const tuple = await saver.getTuple({ configurable: { thread_id: "t1" } });
      expect(await latestCheckpointId(saver, "t1")).toBe(tuple?.config.configurable?.checkpoint_id);
    }
    await graph.invoke({ question: "other" }, { configurable: { thread_id: "t2" } });
    expect(await latestCheckpointId(saver, "t1")).toBe((await saver.getTuple({ configurable: { thread_id: "t1" } }))?.config.configurable?.checkpoint_id);
  });
});

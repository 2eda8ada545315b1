import { Annotation, Command, END, START, StateGraph, interrupt } from "@langchain/langgraph";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteSaver, type SwitchyardSqliteSaver } from "../../checkpoints/index.ts";

const State = Annotation.Root({
  count: Annotation<number>({ reducer: (left, right) => left + right, default: () => 0 }),
  log: Annotation<string[]>({ reducer: (left, right) => [...left, ...right], default: () => [] }),
});

function counter(saver: SwitchyardSqliteSaver) {
  return new StateGraph(State)
    .addNode("tick", (state) => ({ count: 1, log: [`tick ${state.count}`] }))
    .addEdge(START, "tick")
    .addEdge("tick", END)
    .compile({ checkpointer: saver });
}

const rows = (saver: SwitchyardSqliteSaver, table: string, threadId: string) =>
  Number(saver.database.prepare(`SELECT count(*) FROM ${table} WHERE thread_id = ?`).pluck().get(threadId));

describe("SwitchyardSqliteSaver.pruneThread (keep latest)", () => {
  let saver: SwitchyardSqliteSaver;
  afterEach(() => saver.database.close());

  it("keeps the newest checkpoint's state, drops the history, and the thread goes on", async () => {
    saver = openSqliteSaver(":memory:");
    const graph = counter(saver);
    const config = { configurable: { thread_id: "long" } };
    // The log outgrows the 256-byte inline limit after ~25 runs: later versions are sy_blobs rows.
    for (let run = 0; run < 40; run += 1) await graph.invoke({}, config);
    await graph.invoke({}, { configurable: { thread_id: "other" } });
    const before = await graph.getState(config);
    expect(rows(saver, "sy_checkpoints", "long")).toBeGreaterThan(40);
    expect(rows(saver, "sy_blobs", "long")).toBeGreaterThan(5);

    const report = await saver.pruneThread("long");
    expect(report.skipped).toBe(false);
    expect(report.checkpoints).toBeGreaterThan(40);
    expect(rows(saver, "sy_checkpoints", "long")).toBe(1);
    expect(report.blobs).toBeGreaterThan(5);
    // At most one blob per channel of the newest checkpoint survives.
    expect(rows(saver, "sy_blobs", "long")).toBeLessThanOrEqual(2);
    const after = await graph.getState(config);
    expect(after.values).toEqual(before.values);
    expect(after.values.count).toBe(40);
    expect(after.config.configurable?.checkpoint_id).toBe(before.config.configurable?.checkpoint_id);
    const history = [];
    for await (const snapshot of graph.getStateHistory(config)) history.push(snapshot);
    expect(history).toHaveLength(1);

    // Another thread is untouched; the pruned one keeps running from its newest checkpoint.
    expect((await graph.getState({ configurable: { thread_id: "other" } })).values.count).toBe(1);
    expect((await graph.invoke({}, config)).count).toBe(41);
    expect((await graph.invoke({}, config)).log).toHaveLength(42);
  });

  it("keeps an interrupted thread resumable", async () => {
    saver = openSqliteSaver(":memory:");
    const graph = new StateGraph(State)
      .addNode("ask", () => ({ log: [String(interrupt("approve?"))] }))
      .addEdge(START, "ask")
      .addEdge("ask", END)
      .compile({ checkpointer: saver });
    const config = { configurable: { thread_id: "waiting" } };
    await graph.invoke({ count: 1 }, config);
    await graph.invoke(new Command({ resume: "yes" }), config);
    await graph.invoke({ count: 1 }, config);
    expect((await graph.getState(config)).tasks[0]?.interrupts).toHaveLength(1);
    await saver.pruneThread("waiting");
    expect(rows(saver, "sy_checkpoints", "waiting")).toBe(1);
    const resumed = await graph.invoke(new Command({ resume: "again" }), config);
    expect(resumed.log).toEqual(["yes", "again"]);
    expect(resumed.count).toBe(2);
  });
});

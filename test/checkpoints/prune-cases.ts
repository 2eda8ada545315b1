/** keep_latest pruning cases every saver that can prune runs (prune.test.ts on SQLite, prune-postgres.int.test.ts). */
import { Annotation, Command, END, START, StateGraph, interrupt } from "@langchain/langgraph";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { expect, it } from "vitest";
import type { PrunableSaver } from "../../checkpoints/index.ts";

const State = Annotation.Root({
  count: Annotation<number>({ reducer: (left, right) => left + right, default: () => 0 }),
  log: Annotation<string[]>({ reducer: (left, right) => [...left, ...right], default: () => [] }),
});

export interface PruneSubject {
  saver: BaseCheckpointSaver & PrunableSaver;
  /** Rows of a thread in the saver's checkpoint and blob tables. */
  checkpoints(threadId: string): Promise<number>;
  blobs(threadId: string): Promise<number>;
}

/**
 * @param runs how many runs build the history (enough that later channel versions are blob rows).
 */
export function pruneCases(subject: () => PruneSubject, runs: number): void {
  it("keeps the newest checkpoint's state, drops the history and its blobs, and the thread goes on", async () => {
    const { saver, checkpoints, blobs } = subject();
    const graph = new StateGraph(State)
      .addNode("tick", (state) => ({ count: 1, log: [`tick ${state.count}`] }))
      .addEdge(START, "tick")
      .addEdge("tick", END)
      .compile({ checkpointer: saver });
    const config = { configurable: { thread_id: "long" } };
    for (let run = 0; run < runs; run += 1) await graph.invoke({}, config);
    await graph.invoke({}, { configurable: { thread_id: "other" } });
    const before = await graph.getState(config);
    const otherBefore = await checkpoints("other");
    expect(await checkpoints("long")).toBeGreaterThan(runs);
    expect(await blobs("long")).toBeGreaterThan(5);

    const report = await saver.pruneThread("long");
    expect(report.skipped).toBe(false);
    expect(report.checkpoints).toBeGreaterThan(runs);
    expect(report.blobs).toBeGreaterThan(5);
    expect(await checkpoints("long")).toBe(1);
    // At most the blobs the newest checkpoint names survive.
    expect(await blobs("long")).toBeLessThanOrEqual(4);
    const after = await graph.getState(config);
    expect(after.values).toEqual(before.values);
    expect(after.values.count).toBe(runs);
    expect(after.config.configurable?.checkpoint_id).toBe(before.config.configurable?.checkpoint_id);
    const history = [];
    for await (const snapshot of graph.getStateHistory(config)) history.push(snapshot);
    expect(history).toHaveLength(1);

    // Another thread is untouched; the pruned one keeps running from its newest checkpoint.
    expect(await checkpoints("other")).toBe(otherBefore);
    expect((await graph.getState({ configurable: { thread_id: "other" } })).values.count).toBe(1);
    expect((await graph.invoke({}, config)).count).toBe(runs + 1);
    expect((await graph.invoke({}, config)).log).toHaveLength(runs + 2);
    expect(await saver.pruneThread("never-written")).toMatchObject({ checkpoints: 0, skipped: false });
  });

  it("keeps an interrupted thread resumable", async () => {
    const { saver, checkpoints } = subject();
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
    expect(await checkpoints("waiting")).toBe(1);
    const resumed = await graph.invoke(new Command({ resume: "again" }), config);
    expect(resumed.log).toEqual(["yes", "again"]);
    expect(resumed.count).toBe(2);
  });
}

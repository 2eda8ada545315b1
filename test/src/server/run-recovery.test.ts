import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { openSqliteSaver } from "../../../checkpoints/index.ts";
import { recoverRuns, recoveryStep } from "../../../src/server/run-recovery.ts";
import type { RunLeases } from "../../../src/server/run-leases.ts";
import { Assistants } from "../../../src/server/assistant-registry.ts";
import { sqliteServerStorage } from "../../../src/server/state/index.ts";
import type { ServableGraph } from "../../../src/server/served-graph.ts";
import type { RunRecord } from "../../../src/server/server-tables.ts";

const State = Annotation.Root({ count: Annotation<number>({ reducer: (left, right) => left + right, default: () => 0 }) });

async function servedCounter() {
  const saver = openSqliteSaver(":memory:");
  const graph = new StateGraph(State)
    .addNode("work", () => ({ count: 1 }))
    .addEdge(START, "work")
    .addEdge("work", END)
    .compile({ checkpointer: saver });
  const assistants = new Assistants(new Map([["counter", { graph: graph as unknown as ServableGraph }]]), sqliteServerStorage(saver.database, () => 0).assistants, () => 0, () => "id");
  await assistants.init();
  return { saver, graph, assistants };
}

function runOn(threadId: string): RunRecord {
  return {
    run_id: "run-1",
    thread_id: threadId,
    assistant_id: "counter",
    created_at: "",
    updated_at: "",
    status: "running",
    metadata: {},
    multitask_strategy: "reject",
    kwargs: { assistant_id: "counter", input: {} },
    owner: "dead",
    started_from: "",
  };
}

describe("recoveryStep", () => {
  it("marks a run whose graph reached its end finished", async () => {
    const { graph, assistants } = await servedCounter();
    await graph.invoke({}, { configurable: { thread_id: "ended" } });
    expect(await recoveryStep(runOn("ended"), "resume", assistants)).toEqual({ kind: "finished", threadStatus: "idle" });
  });

  it("resumes a run killed after a task's writes landed but before its step's checkpoint", async () => {
    // What a kill -9 (or a loaded machine, with checkpoint writes still in flight) leaves: the input checkpoint
    // and the __start__ task's pending writes. LangGraph's `next` is empty there, yet the graph never ran "work".
    const { saver, graph, assistants } = await servedCounter();
    await graph.invoke({}, { configurable: { thread_id: "cut" } });
    const history = [];
    for await (const snapshot of graph.getStateHistory({ configurable: { thread_id: "cut" } })) history.push(snapshot);
    const input = history.at(-1)?.config.configurable?.checkpoint_id as string;
    saver.database.prepare("DELETE FROM sy_checkpoints WHERE thread_id = 'cut' AND checkpoint_id != ?").run(input);
    expect((await graph.getState({ configurable: { thread_id: "cut" } })).next).toEqual([]);

    const step = await recoveryStep(runOn("cut"), "resume", assistants);
    expect(step.kind).toBe("resume");
  });
});

describe("recoverRuns", () => {
  /** Leases where only "live" has a heartbeat; this server is "me". */
  const leases = { keeper: { instanceId: "me", leases: { instanceAlive: async (id: string) => id === "live" } } } as unknown as RunLeases;

  it("takes a dead owner's runs in order, but leaves a run queued behind a live server's run on its thread", async () => {
    const { saver, assistants } = await servedCounter();
    const { state } = sqliteServerStorage(saver.database, () => 0);
    const open = (runId: string, threadId: string, owner: string) =>
      state.openRun({ run: { run_id: runId, thread_id: threadId, assistant_id: "counter", status: "pending", metadata: {}, multitask_strategy: "enqueue", kwargs: { assistant_id: "counter", input: {} }, owner }, threadMetadata: {} });
    await open("held-1", "shared", "live");
    await open("behind-2", "shared", "dead");
    await open("alone-1", "own", "dead");
    await open("alone-2", "own", "dead");
    const scheduled: string[] = [];
    const report = await recoverRuns({ state, assistants, leases, schedule: (run) => scheduled.push(run.run_id) }, "resume");
    expect(scheduled).toEqual(["alone-1", "alone-2"]);
    expect(report.waiting).toEqual(["held-1", "behind-2"]);
    expect((await state.runProgress("behind-2"))?.owner).toBe("dead");
  });
});

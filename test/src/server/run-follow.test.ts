import { describe, expect, it } from "vitest";
import { openDatabase } from "../../../checkpoints/index.ts";
import { awaitRemoteRun, followRemote } from "../../../src/server/run-follow.ts";
import { sqliteServerStorage } from "../../../src/server/state/index.ts";
import { MemoryRunBus } from "../../support/memory-run-bus.ts";

async function withRun() {
  const { state } = sqliteServerStorage(openDatabase(":memory:"), Date.now);
  await state.openRun({ run: { run_id: "r1", thread_id: "t1", assistant_id: "a", status: "pending", metadata: {}, multitask_strategy: "reject", kwargs: {}, owner: "elsewhere" }, threadMetadata: {} });
  return state;
}

describe("a run executing on another replica", () => {
  it("without a bus: a wait polls the record to its end and answers the recorded reason of a failure", async () => {
    const state = await withRun();
    const waiting = awaitRemoteRun({ state, pollMs: 5 }, "r1");
    await state.startRun("r1", "");
    setTimeout(() => void state.endRun("r1", "t1", { status: "error", reason: "model down", thread: { status: "error", error: "model down" } }), 30);
    expect(await waiting).toEqual({ failure: { error: "RunError", message: "model down" } });
    expect(followRemote({ state, pollMs: 5 }, "r1", undefined, new AbortController().signal)).toBeUndefined();
  });

  it("with a bus: a wait ends with the log and answers its error event; a follow resumes after an id", async () => {
    const state = await withRun();
    const bus = new MemoryRunBus();
    const executing = bus.view();
    const parts = { state, pollMs: 5, bus: bus.view() };
    const waiting = awaitRemoteRun(parts, "r1");
    executing.publish("r1", { event: "metadata", data: { run_id: "r1" } });
    executing.publish("r1", { event: "error", data: { error: "Boom", message: "failed" } });
    await state.endRun("r1", "t1", { status: "error", reason: "failed", thread: { status: "error" } });
    executing.finish("r1");
    expect(await waiting).toEqual({ failure: { error: "Boom", message: "failed" } });
    const resumed = [];
    for await (const event of followRemote(parts, "r1", "1", new AbortController().signal) ?? []) resumed.push(event);
    expect(resumed).toEqual([{ id: "2", event: { event: "error", data: { error: "Boom", message: "failed" } } }]);
  });

  it("a bus that fails leaves the wait to the record poll", async () => {
    const state = await withRun();
    const broken = new MemoryRunBus().view();
    broken.follow = () => ({
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error("bus down")) }),
    });
    const waiting = awaitRemoteRun({ state, pollMs: 5, bus: broken }, "r1");
    setTimeout(() => void state.endRun("r1", "t1", { status: "success", thread: { status: "idle" } }), 30);
    expect(await waiting).toEqual({});
    expect((await state.run("r1"))?.status).toBe("success");
  });

  it("a successful run answers no failure", async () => {
    const state = await withRun();
    setTimeout(() => void state.endRun("r1", "t1", { status: "success", thread: { status: "idle" } }), 20);
    expect(await awaitRemoteRun({ state, pollMs: 5 }, "r1")).toEqual({});
  });
});

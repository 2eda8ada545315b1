import { describe, expect, it, vi } from "vitest";
import type { BaseStore } from "@langchain/langgraph-checkpoint";
import { openSqliteStore } from "../../../checkpoints/index.ts";
import { ServedRequests } from "../../../src/output-modes/served-requests.ts";

const served = { thread_id: "t1", run_id: "r1", deployment: "gpt", mode: "emit" as const, served_at: 1 };

/** A ledger on `store` whose ids count up from `prefix`, as a restarted process would open it. */
const ledger = (store: BaseStore, prefix = "a") => {
  let next = 0;
  return new ServedRequests({ generateId: () => `${prefix}${next++}`, store });
};

describe("ServedRequests", () => {
  it("finds a request after a restart by its id, its thread and its run, written in one store batch", async () => {
    const store = openSqliteStore(":memory:");
    const batch = vi.spyOn(store, "batch");
    const first = ledger(store);
    const { request_id } = first.record(served);
    await first.flush();
    // The row and both pointers go in one round, so a pointer never lands without its row.
    expect(batch).toHaveBeenCalledTimes(1);
    expect(batch.mock.calls[0]![0]).toHaveLength(3);
    const restarted = ledger(store, "b");
    for (const lookup of [{ request_id }, { thread_id: "t1" }, { run_id: "r1" }]) {
      expect(await restarted.find(lookup)).toMatchObject({ request_id, deployment: "gpt", mode: "emit" });
    }
  });

  it("persists feedback_at, so a duplicate verdict after a restart is not counted again", async () => {
    const store = openSqliteStore(":memory:");
    const first = ledger(store);
    const entry = first.record(served);
    expect(first.markFeedback(entry, 5)).toBe(true);
    await first.flush();
    const again = await ledger(store, "b").find({ thread_id: "t1" });
    expect(again?.feedback_at).toBe(5);
    expect(ledger(store, "c").markFeedback(again!, 6)).toBe(false);
  });

  it("reports a failed write and keeps serving from memory", async () => {
    const store = openSqliteStore(":memory:");
    vi.spyOn(store, "batch").mockRejectedValue(new Error("disk full"));
    const onError = vi.fn();
    const broken = new ServedRequests({ generateId: () => "x", store, onError });
    broken.record(served);
    await broken.flush();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(await broken.find({ thread_id: "t1" })).toMatchObject({ request_id: "x" });
  });
});

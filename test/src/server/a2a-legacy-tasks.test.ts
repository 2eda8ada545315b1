import { describe, expect, it } from "vitest";
import { openDatabase, SwitchyardSqliteStore } from "../../../checkpoints/index.ts";
import { moveLegacyA2aTasks } from "../../../src/server/a2a-legacy-tasks.ts";
import { sqliteServerStorage } from "../../../src/server/state/index.ts";

describe("moving A2A tasks an earlier version kept in the store", () => {
  it("moves tasks and run links into the A2A tables once, keeps rows the tables already hold, and leaves other items alone", async () => {
    const database = openDatabase(":memory:");
    const store = new SwitchyardSqliteStore(database);
    const { a2aTasks } = sqliteServerStorage(database, () => 0);
    await store.put(["switchyard", "a2a", "tasks", "owner1"], "t1", { task: { id: "t1", status: { state: "TASK_STATE_COMPLETED" } } });
    await store.put(["switchyard", "a2a", "tasks", "owner1"], "t2", { task: { id: "t2", old: true } });
    await store.put(["switchyard", "a2a", "runs"], "t1", { run_id: "r1", thread_id: "th", context_id: "c", graph_id: "g" });
    await store.put(["switchyard", "a2a", "runs", "deeper"], "x", { keep: true });
    await a2aTasks.saveTask("owner1", "t2", { id: "t2", old: false });

    expect(await moveLegacyA2aTasks(store, a2aTasks)).toEqual({ tasks: 1, links: 1 });
    expect(await a2aTasks.task("owner1", "t1")).toEqual({ id: "t1", status: { state: "TASK_STATE_COMPLETED" } });
    expect(await a2aTasks.task("owner1", "t2")).toEqual({ id: "t2", old: false });
    expect(await a2aTasks.runLink("t1")).toEqual({ run_id: "r1", thread_id: "th", context_id: "c", graph_id: "g" });
    expect(await store.get(["switchyard", "a2a", "tasks", "owner1"], "t1")).toBeNull();
    expect((await store.get(["switchyard", "a2a", "runs", "deeper"], "x"))?.value).toEqual({ keep: true });
    expect(await moveLegacyA2aTasks(store, a2aTasks)).toEqual({ tasks: 0, links: 0 });
    database.close();
  });
});

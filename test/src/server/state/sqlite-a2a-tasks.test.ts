import { describe, expect, it } from "vitest";
import { openDatabase } from "../../../../checkpoints/index.ts";
import { SqliteA2aTasks } from "../../../../src/server/state/sqlite-a2a-tasks.ts";

const tableSql = (database: ReturnType<typeof openDatabase>) => database.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'server_a2a_tasks'").pluck().get();

describe("SqliteA2aTasks", () => {
  it("rebuilds an earlier WITHOUT ROWID tasks table as a rowid table, keeping every task", async () => {
    const database = openDatabase(":memory:");
    // The table as an earlier version created it.
    database.exec(`CREATE TABLE server_a2a_tasks (owner TEXT NOT NULL, a2a_task_id TEXT NOT NULL, task TEXT NOT NULL, saved_at INTEGER NOT NULL, PRIMARY KEY (owner, a2a_task_id)) WITHOUT ROWID;
CREATE INDEX server_a2a_tasks_saved ON server_a2a_tasks (owner, saved_at);`);
    const insert = database.prepare("INSERT INTO server_a2a_tasks VALUES (?, ?, ?, ?)");
    insert.run("peer-a", "t1", JSON.stringify({ id: "t1" }), 1);
    insert.run("peer-a", "t2", JSON.stringify({ id: "t2" }), 2);
    insert.run("peer-b", "t1", JSON.stringify({ id: "t1", owner: "b" }), 3);

    const tasks = new SqliteA2aTasks(database, () => 10);

    expect(String(tableSql(database))).not.toMatch(/without\s+rowid/i);
    expect(await tasks.tasks("peer-a", 10)).toEqual([
      { taskId: "t2", task: { id: "t2" } },
      { taskId: "t1", task: { id: "t1" } },
    ]);
    expect(await tasks.task("peer-b", "t1")).toEqual({ id: "t1", owner: "b" });
    // The key still holds: a second save of a task replaces it, and the saved_at index serves the newest first.
    await tasks.saveTask("peer-a", "t1", { id: "t1", state: "done" });
    expect((await tasks.tasks("peer-a", 1))[0]).toEqual({ taskId: "t1", task: { id: "t1", state: "done" } });
    expect(database.prepare("SELECT count(*) FROM server_a2a_tasks").pluck().get()).toBe(3);
    expect(database.prepare("SELECT name FROM sqlite_master WHERE name = 'server_a2a_tasks_before_rowid'").get()).toBeUndefined();
    database.close();
  });

  it("opens its own table again without rebuilding it", async () => {
    const database = openDatabase(":memory:");
    const first = new SqliteA2aTasks(database, () => 1);
    await first.saveTask("peer", "t", { id: "t" });
    const again = new SqliteA2aTasks(database, () => 2);
    expect(await again.task("peer", "t")).toEqual({ id: "t" });
    expect(String(tableSql(database))).not.toMatch(/without\s+rowid/i);
    database.close();
  });

  it("claims a token id once until it expires, for every instance on the file; expired claims are swept", async () => {
    const database = openDatabase(":memory:");
    let now = 1_000;
    const first = new SqliteA2aTasks(database, () => now);
    const second = new SqliteA2aTasks(database, () => now);
    expect(await first.claimTokenId("peer|j1", 5_000)).toBe(true);
    expect(await first.claimTokenId("peer|j1", 5_000)).toBe(false);
    expect(await second.claimTokenId("peer|j1", 5_000)).toBe(false);
    now = 5_000;
    // Its token no longer verifies at 5,000, so the id may be claimed again (it stays refused until then).
    expect(await second.claimTokenId("peer|j1", 9_000)).toBe(true);
    for (let index = 0; index < 300; index += 1) await first.claimTokenId(`peer|bulk-${index}`, 6_000);
    now = 7_000;
    for (let index = 0; index < 300; index += 1) await first.claimTokenId(`peer|later-${index}`, 8_000);
    const bulkLeft = database.prepare("SELECT count(*) FROM server_a2a_token_ids WHERE id LIKE 'peer|bulk-%'").pluck().get();
    expect(bulkLeft).toBe(0);
    database.close();
  });
});

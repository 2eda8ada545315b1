import Database from "better-sqlite3";
import { describe, it, expect } from "vitest";
import { MultiRowInsert } from "../../checkpoints/multi-row-insert.ts";

describe("MultiRowInsert", () => {
  it("inserts any number of rows, in order, as separate statements would", () => {
    const database = new Database(":memory:");
    database.exec("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)");
    const ignore = new MultiRowInsert(database, "INSERT OR IGNORE INTO t (k, v)", 2);
    const rows = Array.from({ length: 40 }, (_, index) => [`k${index % 30}`, index]);
    expect(ignore.run(rows)).toBe(30);
    expect(database.prepare("SELECT v FROM t WHERE k = 'k5'").pluck().get()).toBe(5);
    const replace = new MultiRowInsert(database, "INSERT OR REPLACE INTO t (k, v)", 2);
    replace.run([["k5", 100], ["k5", 200]]);
    expect(database.prepare("SELECT v FROM t WHERE k = 'k5'").pluck().get()).toBe(200);
    expect(ignore.run([])).toBe(0);
    database.close();
  });
});

import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SqliteEventLog } from "../../../src/guardian/index.ts";
import { event } from "./event-log-cases.ts";

describe("SqliteEventLog", () => {
  let log: SqliteEventLog;
  beforeEach(() => {
    log = SqliteEventLog.open(":memory:");
  });
  afterEach(() => log.close());

  it("appends events and answers queries newest first, with their evidence", () => {
    log.record(event());
    log.record(event({ at: 2_000, category: "security", kind: "verification_block", subject: "thread:t1", evidence: {} }));
    log.record(event({ at: 3_000, category: "restore" }));
    expect(log.query().map((row) => row.category)).toEqual(["restore", "security", "recovery"]);
    expect(log.query({ category: "security" })).toMatchObject([{ kind: "verification_block", subject: "thread:t1" }]);
    expect(log.query({ since: 2_500 })).toHaveLength(1);
    expect(log.query({ kind: "quarantine", limit: 1 })[0]?.evidence).toEqual({ p95_ms: 90, baseline_p95_ms: 30 });
  });

  it("refuses to rewrite or delete history, even from another connection", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "guardian-log-")), "state.db");
    const onDisk = SqliteEventLog.open(file);
    onDisk.record(event());
    const other = new Database(file);
    try {
      expect(() => other.prepare("UPDATE guardian_events SET reason = 'nothing happened'").run()).toThrow(/append-only/);
      expect(() => other.prepare("DELETE FROM guardian_events").run()).toThrow(/append-only/);
      expect(onDisk.query()[0]?.reason).toBe("latency p95 90 ms vs baseline 30 ms");
    } finally {
      other.close();
      onDisk.close();
    }
  });

  it("names a corrupt row instead of skipping it", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "guardian-log-")), "state.db");
    const onDisk = SqliteEventLog.open(file);
    const other = new Database(file);
    other.prepare("INSERT INTO guardian_events (at, category, kind, subject, reason, evidence) VALUES (1, 'gossip', 'x', 'y', 'z', '{}')").run();
    other.close();
    expect(() => onDisk.query()).toThrow(/guardian_events row 1 is malformed \(category/);
    onDisk.close();
  });

  it("keeps one baseline snapshot per name, replaced on save", () => {
    log.saveSnapshot("default", 1, { version: 1, keys: [] });
    log.saveSnapshot("default", 2, { version: 1, keys: ["x"] });
    expect(log.loadSnapshot("default")).toEqual({ savedAt: 2, snapshot: { version: 1, keys: ["x"] } });
    expect(log.loadSnapshot("other")).toBeUndefined();
  });
});

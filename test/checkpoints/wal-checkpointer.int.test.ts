import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../checkpoints/database.ts";
import { startWalCheckpointer } from "../../checkpoints/wal-checkpointer.ts";

const MIB = 1 << 20;

describe("startWalCheckpointer", () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), "switchyard-wal-"));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  function writeMiBs(database: ReturnType<typeof openDatabase>, count: number): void {
    database.exec("CREATE TABLE IF NOT EXISTS blobs (id INTEGER PRIMARY KEY, body BLOB)");
    const insert = database.prepare("INSERT INTO blobs (body) VALUES (?)");
    for (let index = 0; index < count; index += 1) insert.run(Buffer.alloc(MIB, index));
  }

  it("copies committed pages into the database file from a worker, while the connection never checkpoints inline", async () => {
    const file = join(directory, "state.db");
    const database = openDatabase(file);
    const checkpointer = startWalCheckpointer(database, { intervalMs: 20 });
    try {
      // The connection's own autocheckpoint is only a far backstop now (400 MiB), so it never copies back itself.
      expect(database.pragma("wal_autocheckpoint", { simple: true })).toBe(100_000);
      writeMiBs(database, 12);
      // Only the worker can have moved the 12 MiB from the WAL into the file.
      await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(12 * MIB), { timeout: 5_000, interval: 20 });
      // And again for later commits: the worker keeps going.
      writeMiBs(database, 12);
      await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(24 * MIB), { timeout: 5_000, interval: 20 });
    } finally {
      await checkpointer.stop();
      database.close();
    }
    // Everything committed is readable after a reopen.
    const reopened = openDatabase(file);
    try {
      expect(reopened.prepare("SELECT count(*) AS n FROM blobs").get()).toEqual({ n: 24 });
    } finally {
      reopened.close();
    }
  });

  it("stop ends the worker, so the connection closes and the process can exit", async () => {
    const database = openDatabase(join(directory, "state.db"));
    const checkpointer = startWalCheckpointer(database, { intervalMs: 1_000 });
    await checkpointer.stop();
    database.close();
    expect(database.open).toBe(false);
  });
});

import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { uuid6, type CheckpointMetadata } from "@langchain/langgraph-checkpoint";
import { openPersistence } from "../../checkpoints/index.ts";
import { postgresUrl, serviceAvailable } from "../support/services.ts";

const postgres = await serviceAvailable("postgres");
const metadata = { source: "input", step: -1, parents: {} } as CheckpointMetadata;

describe("openPersistence", () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), "switchyard-persistence-"));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it("a SQLite path gives a checkpointer and a store on one file that both survive a reopen", async () => {
    const file = join(directory, "nested", "state.db");
    const first = await openPersistence(file);
    const config = { configurable: { thread_id: "t1", checkpoint_ns: "" } };
    const checkpoint = { v: 4, id: uuid6(-1), ts: new Date(0).toISOString(), channel_values: { a: 1 }, channel_versions: { a: 1 }, versions_seen: {} };
    await first.checkpointer.put(config, checkpoint, metadata, { a: 1 });
    await first.store.put(["users", "u1"], "prefs", { theme: "dark" });
    await first.close();
    const second = await openPersistence(file);
    try {
      expect(second.describe).toBe(file);
      expect((await second.checkpointer.getTuple(config))?.checkpoint.channel_values).toEqual({ a: 1 });
      expect((await second.store.get(["users", "u1"], "prefs"))?.value).toEqual({ theme: "dark" });
    } finally {
      await second.close();
    }
  });

  it(":memory: gives a working store, and closing twice is harmless", async () => {
    const persistence = await openPersistence(":memory:");
    await persistence.store.put(["n"], "k", { v: 1 });
    expect((await persistence.store.search(["n"]))[0]?.value).toEqual({ v: 1 });
    await persistence.close();
    await persistence.close();
  });

  it.skipIf(!postgres)("a postgres:// URL gives the official saver and store, set up", async () => {
    const persistence = await openPersistence(postgresUrl);
    try {
      expect(persistence.describe).toBe("postgres");
      const namespace = ["switchyard-test", String(process.pid)];
      await persistence.store.put(namespace, "k", { v: 1 });
      expect((await persistence.store.get(namespace, "k"))?.value).toEqual({ v: 1 });
      await persistence.store.delete(namespace, "k");
    } finally {
      await persistence.close();
    }
  });
});

import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { CheckpointFormatError, FORMAT_VERSION, openSqliteSaver, openSqliteStore } from "../../checkpoints/index.ts";
import { fixtureIds, fixtureThread } from "../fixtures/checkpoints/make-fixture.ts";

const fixtures = fileURLToPath(new URL("../fixtures/checkpoints/", import.meta.url));
let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), "switchyard-format-"));
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe("stored format", () => {
  const fixtureFiles = readdirSync(fixtures).filter((name) => /^format-\d+\.db$/.test(name));

  it("ships a fixture of the current format", () => {
    expect(fixtureFiles).toContain(`format-${FORMAT_VERSION}.db`);
  });

  it.each(fixtureFiles)("%s keeps loading: latest state, history, writes and delta history", async (name) => {
    const file = join(directory, name);
    copyFileSync(join(fixtures, name), file);
    const saver = openSqliteSaver(file);
    const latest = await saver.getTuple({ configurable: { thread_id: fixtureThread } });
    expect(latest?.checkpoint.id).toBe(fixtureIds[2]);
    expect(latest?.checkpoint.channel_values).toEqual({
      messages: ["message 0", "message 1", "message 2"],
      counter: 2,
      topic: "fixtures",
    });
    expect(latest?.metadata).toMatchObject({ source: "loop", step: 2, user: "ada" });
    expect(latest?.pendingWrites).toEqual([["task-2", "messages", ["write 2"]]]);
    const history = [];
    for await (const tuple of saver.list({ configurable: { thread_id: fixtureThread } }, { filter: { source: "loop" } })) history.push(tuple.checkpoint.id);
    expect(history).toEqual([fixtureIds[2], fixtureIds[1]]);
    const delta = await saver.getDeltaChannelHistory({ config: latest?.config ?? {}, channels: ["messages"] });
    expect(delta.messages?.seed).toEqual(["message 0", "message 1"]);
    expect(delta.messages?.writes.map((write) => write[2])).toEqual([["write 1"]]);
    // A new checkpoint on top of the fixture's latest, changing one channel: the others carry over.
    const stored = latest?.checkpoint;
    const child = await saver.put(
      latest?.config ?? {},
      { ...stored!, id: "1ef00000-0000-6000-8000-000000000004", channel_values: { ...stored!.channel_values, counter: 3 }, channel_versions: { ...stored!.channel_versions, counter: 4 } },
      { source: "loop", step: 3, parents: {} },
      { counter: 4 },
    );
    expect((await saver.getTuple(child))?.checkpoint.channel_values).toEqual({ messages: ["message 0", "message 1", "message 2"], counter: 3, topic: "fixtures" });
    saver.close();
  });

  it("refuses a file from a newer format with a checkpoint_format error naming file, versions and fix", () => {
    const file = join(directory, "future.db");
    const database = new Database(file);
    database.pragma(`user_version = ${FORMAT_VERSION + 1}`);
    database.close();
    const attempt = () => openSqliteSaver(file);
    expect(attempt).toThrow(CheckpointFormatError);
    try {
      attempt();
    } catch (error) {
      const formatError = error as CheckpointFormatError;
      expect(formatError.code).toBe("checkpoint_format");
      expect(formatError.message).toContain(file);
      expect(formatError.message).toContain(`format ${FORMAT_VERSION + 1}`);
      expect(formatError.message).toContain(`up to ${FORMAT_VERSION}`);
      expect(formatError.message).toMatch(/upgrade switchyard/);
    }
    expect(() => openSqliteStore(file)).toThrow(CheckpointFormatError);
    const untouched = new Database(file);
    expect(untouched.pragma("user_version", { simple: true })).toBe(FORMAT_VERSION + 1);
    expect(untouched.prepare("SELECT count(*) FROM sqlite_master").pluck().get()).toBe(0);
    untouched.close();
  });

  it("saver and store share one file, each seeing its own data after reopening", async () => {
    const file = join(directory, "shared.db");
    const saver = openSqliteSaver(file);
    const store = openSqliteStore(file);
    await store.put(["users"], "u1", { name: "Ada" });
    await saver.put(
      { configurable: { thread_id: "t" } },
      { v: 4, id: "1ef00000-0000-6000-8000-0000000000aa", ts: "2025-01-01T00:00:00.000Z", channel_values: { a: 1 }, channel_versions: { a: 1 }, versions_seen: {} },
      { source: "input", step: -1, parents: {} },
      { a: 1 },
    );
    saver.close();
    store.close();
    const reopenedSaver = openSqliteSaver(file);
    const reopenedStore = openSqliteStore(file);
    expect((await reopenedSaver.getTuple({ configurable: { thread_id: "t" } }))?.checkpoint.channel_values).toEqual({ a: 1 });
    expect((await reopenedStore.get(["users"], "u1"))?.value).toEqual({ name: "Ada" });
    expect(reopenedSaver.database.pragma("journal_mode", { simple: true })).toBe("wal");
    reopenedSaver.close();
    reopenedStore.close();
  });
});

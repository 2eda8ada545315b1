import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { uuid6, type Checkpoint, type CheckpointMetadata } from "@langchain/langgraph-checkpoint";
import { openSqliteSaver, type RunnableConfig, type SwitchyardSqliteSaver } from "../../checkpoints/index.ts";

function checkpointWith(values: Record<string, unknown>, versions: Record<string, number>): Checkpoint {
  return { v: 4, id: uuid6(-1), ts: new Date(0).toISOString(), channel_values: values, channel_versions: versions, versions_seen: {} };
}

const metadata = { source: "input", step: -1, parents: {} } as CheckpointMetadata;
const root: RunnableConfig = { configurable: { thread_id: "t1", checkpoint_ns: "" } };

describe("reused channel values across reads", () => {
  let directory: string;
  let first: SwitchyardSqliteSaver;
  let second: SwitchyardSqliteSaver;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), "switchyard-cache-"));
    first = openSqliteSaver(join(directory, "state.db"));
    second = openSqliteSaver(join(directory, "state.db"));
  });
  afterEach(() => {
    first.close();
    second.close();
    rmSync(directory, { recursive: true, force: true });
  });

  // Large values, so they live in sy_blobs and go through the cache that data_version invalidates.
  it.each([
    ["getTuple", async (saver: SwitchyardSqliteSaver) => (await saver.getTuple(root))?.checkpoint.channel_values.topic],
    ["list", async (saver: SwitchyardSqliteSaver) => {
      for await (const tuple of saver.list(root, { filter: { source: "input" } })) return tuple.checkpoint.channel_values.topic;
      return undefined;
    }],
  ])("a thread deleted and rewritten by another process reads back the new values, not the remembered ones (%s)", async (_read, read) => {
    const [old, fresh] = ["old ".repeat(100), "new ".repeat(100)];
    await first.put(root, checkpointWith({ topic: old }, { topic: 1 }), metadata, { topic: 1 });
    expect(await read(first)).toBe(old);
    expect(await read(first)).toBe(old);
    await second.deleteThread("t1");
    await second.put(root, checkpointWith({ topic: fresh }, { topic: 1 }), metadata, { topic: 1 });
    expect(await read(first)).toBe(fresh);
  });

  // Small values live in the checkpoint row (inline) and large ones in sy_blobs through the cache: both kinds.
  it.each([
    ["inline", [{ index: 0, text: "item" }]],
    ["cached blob", Array.from({ length: 200 }, (_, index) => ({ index, text: "item" }))],
  ])("mutating a value read back does not change the next read (%s)", async (_kind, items) => {
    await first.put(root, checkpointWith({ items }, { items: 1 }), metadata, { items: 1 });
    for (let read = 0; read < 3; read += 1) {
      const value = (await first.getTuple(root))?.checkpoint.channel_values.items as Array<unknown>;
      expect(value).toEqual(items);
      value.push("mutated");
      (value[0] as Record<string, unknown>).index = -1;
    }
  });

  it("a put that lost the race for a stored version keeps the winner's value on every connection", async () => {
    const winner = "winner ".repeat(100);
    await second.put(root, checkpointWith({ topic: winner }, { topic: 1 }), metadata, { topic: 1 });
    await first.put(root, checkpointWith({ topic: "loser ".repeat(100) }, { topic: 1 }), metadata, { topic: 1 });
    expect((await first.getTuple(root))?.checkpoint.channel_values.topic).toBe(winner);
    expect((await second.getTuple(root))?.checkpoint.channel_values.topic).toBe(winner);
  });

  it("a small value kept inline reads back as its own checkpoint wrote it", async () => {
    const earlier = await second.put(root, checkpointWith({ topic: "first" }, { topic: 1 }), metadata, { topic: 1 });
    const later = await first.put(root, checkpointWith({ topic: "second" }, { topic: 1 }), metadata, { topic: 1 });
    expect((await first.getTuple(earlier))?.checkpoint.channel_values.topic).toBe("first");
    expect((await second.getTuple(later))?.checkpoint.channel_values.topic).toBe("second");
  });
});

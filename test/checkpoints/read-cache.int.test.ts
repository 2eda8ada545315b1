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

  it("a thread deleted and rewritten by another process reads back the new values, not the remembered ones", async () => {
    await first.put(root, checkpointWith({ topic: "old" }, { topic: 1 }), metadata, { topic: 1 });
    expect((await first.getTuple(root))?.checkpoint.channel_values.topic).toBe("old");
    await second.deleteThread("t1");
    await second.put(root, checkpointWith({ topic: "new" }, { topic: 1 }), metadata, { topic: 1 });
    expect((await first.getTuple(root))?.checkpoint.channel_values.topic).toBe("new");
  });

  it("mutating a value read back does not change the next read", async () => {
    await first.put(root, checkpointWith({ items: [1, 2] }, { items: 1 }), metadata, { items: 1 });
    const read = (await first.getTuple(root))?.checkpoint.channel_values.items as number[];
    read.push(3);
    expect((await first.getTuple(root))?.checkpoint.channel_values.items).toEqual([1, 2]);
  });

  it("a put that lost the race for a version keeps the winner's value on every connection", async () => {
    await second.put(root, checkpointWith({ topic: "winner" }, { topic: 1 }), metadata, { topic: 1 });
    await first.put(root, checkpointWith({ topic: "loser" }, { topic: 1 }), metadata, { topic: 1 });
    expect((await first.getTuple(root))?.checkpoint.channel_values.topic).toBe("winner");
  });
});

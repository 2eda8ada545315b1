import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { JsonPlusSerializer, uuid6, type Checkpoint, type CheckpointMetadata, type SerializerProtocol } from "@langchain/langgraph-checkpoint";
import { CorruptRowError, openSqliteSaver, type RunnableConfig, type SwitchyardSqliteSaver } from "../../checkpoints/index.ts";

function checkpointAt(step: number, values: Record<string, unknown>, versions: Record<string, number>): Checkpoint {
  return { v: 4, id: uuid6(step), ts: new Date(0).toISOString(), channel_values: values, channel_versions: versions, versions_seen: {} };
}

async function writeThread(saver: SwitchyardSqliteSaver, threadId: string, steps: number) {
  let config: RunnableConfig = { configurable: { thread_id: threadId, checkpoint_ns: "" } };
  const bigHistory = Array.from({ length: 200 }, (_, index) => `message ${index} `.repeat(5));
  for (let step = 0; step < steps; step += 1) {
    const versions = { messages: 1, counter: step + 1 };
    const newVersions = step === 0 ? versions : { counter: step + 1 };
    config = await saver.put(config, checkpointAt(step, { messages: bigHistory, counter: step }, versions), { source: "loop", step, parents: {}, user: `u${step % 3}` } as CheckpointMetadata, newVersions);
  }
  return config;
}

/** A serde whose bytes are not JSON (here: reversed), as an encrypting serde's would be. */
class ReversingSerde implements SerializerProtocol {
  private readonly inner = new JsonPlusSerializer();
  async dumpsTyped(value: unknown): Promise<[string, Uint8Array]> {
    const [, bytes] = await this.inner.dumpsTyped(value);
    return ["reversed", Uint8Array.from(bytes).reverse()];
  }
  async loadsTyped(type: string, data: Uint8Array | string): Promise<unknown> {
    if (type !== "reversed" || typeof data === "string") throw new Error(`unexpected ${type} value`);
    return this.inner.loadsTyped("json", Uint8Array.from(data).reverse());
  }
}

describe("SwitchyardSqliteSaver with a custom serde", () => {
  it("keeps every value in the serde's own bytes, and reads, lists and replays them through it", async () => {
    const saver = openSqliteSaver(":memory:", { serde: new ReversingSerde() });
    try {
      const config = await writeThread(saver, "t1", 3);
      await saver.putWrites(config, [["counter", 7]], "task-1");
      const latest = await saver.getTuple(config);
      expect(latest?.checkpoint.channel_values.counter).toBe(2);
      expect((latest?.checkpoint.channel_values.messages as string[]).length).toBe(200);
      expect(latest?.pendingWrites).toEqual([["task-1", "counter", 7]]);
      const found = [];
      for await (const tuple of saver.list({ configurable: { thread_id: "t1" } }, { filter: { user: "u1" } })) found.push(tuple.metadata?.step);
      expect(found).toEqual([1]);
      const types = saver.database.prepare("SELECT DISTINCT checkpoint_type FROM sy_checkpoints").pluck().all();
      expect(types).toEqual(["reversed"]);
      expect(saver.database.prepare("SELECT count(*) FROM sy_checkpoints WHERE inline_values IS NOT NULL").pluck().get()).toBe(0);
    } finally {
      saver.close();
    }
  });
});

describe("SwitchyardSqliteSaver storage", () => {
  let saver: SwitchyardSqliteSaver;
  beforeEach(() => {
    saver = openSqliteSaver(":memory:");
  });
  afterEach(() => saver.close());

  it("stores an unchanged channel once, however many checkpoints carry it", async () => {
    await writeThread(saver, "t1", 50);
    const messageBlobs = saver.database.prepare("SELECT count(*) FROM sy_blobs WHERE channel = 'messages'").pluck().get();
    expect(messageBlobs).toBe(1);
    const latest = await saver.getTuple({ configurable: { thread_id: "t1" } });
    expect((latest?.checkpoint.channel_values.messages as string[]).length).toBe(200);
    expect(latest?.checkpoint.channel_values.counter).toBe(49);
  });

  it("keeps small values in the checkpoint row, carries unchanged ones over from the parent, and large ones in sy_blobs", async () => {
    let config: RunnableConfig = { configurable: { thread_id: "t1", checkpoint_ns: "" } };
    const big = "x".repeat(1000);
    const steps: Array<[Record<string, unknown>, Record<string, number>, Record<string, number>]> = [
      [{ phase: "route", label: "a", big }, { phase: 1, label: 1, big: 1 }, { phase: 1, label: 1, big: 1 }],
      [{ phase: "call", label: "a", big }, { phase: 2, label: 1, big: 1 }, { phase: 2 }],
      [{ phase: "verify", label: "a", big }, { phase: 3, label: 1, big: 1 }, { phase: 3 }],
    ];
    const configs: RunnableConfig[] = [];
    for (const [step, [values, versions, newVersions]] of steps.entries()) {
      config = await saver.put(config, checkpointAt(step, values, versions), { source: "loop", step, parents: {} } as CheckpointMetadata, newVersions);
      configs.push(config);
    }
    const blobChannels = saver.database.prepare("SELECT channel FROM sy_blobs ORDER BY channel").pluck().all();
    expect(blobChannels).toEqual(["big"]);
    const read = await Promise.all(configs.map((each) => saver.getTuple(each)));
    expect(read.map((tuple) => tuple?.checkpoint.channel_values)).toEqual([
      { phase: "route", label: "a", big },
      { phase: "call", label: "a", big },
      { phase: "verify", label: "a", big },
    ]);
  });

  it("a channel left out of newVersions and never stored stays absent, inline or not", async () => {
    const first = await saver.put({ configurable: { thread_id: "t1" } }, checkpointAt(0, { label: "a" }, { label: 1 }), { source: "input", step: -1, parents: {} }, {});
    const second = await saver.put(first, checkpointAt(1, { label: "a" }, { label: 1 }), { source: "loop", step: 0, parents: {} }, {});
    expect((await saver.getTuple(second))?.checkpoint.channel_values).toEqual({});
  });

  it("damaged inline values give a CorruptRowError naming sy_checkpoints, on read and when a child is put", async () => {
    const directory = mkdtempSync(join(tmpdir(), "switchyard-saver-"));
    const onFile = openSqliteSaver(join(directory, "state.db"));
    try {
      const config = await writeThread(onFile, "t1", 2);
      // Damaged by another connection: this one then reads the parent row again instead of what it wrote.
      const other = new Database(join(directory, "state.db"));
      other.prepare("UPDATE sy_checkpoints SET inline_values = X'5B7B' WHERE checkpoint_id = ?").run(config.configurable?.checkpoint_id);
      other.close();
      await expect(onFile.getTuple(config)).rejects.toThrow(/sy_checkpoints.*inline_values|inline_values.*sy_checkpoints/);
      const child = onFile.put(config, checkpointAt(9, { messages: [], counter: 1 }, { messages: 1, counter: 1 }), { source: "loop", step: 9, parents: {} }, {});
      await expect(child).rejects.toBeInstanceOf(CorruptRowError);
    } finally {
      onFile.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("list with a metadata filter, before and limit finds the right checkpoints", async () => {
    const last = await writeThread(saver, "t1", 30);
    const found = [];
    for await (const tuple of saver.list({ configurable: { thread_id: "t1" } }, { filter: { user: "u1", source: "loop" }, before: last, limit: 3 })) found.push(tuple.metadata?.step);
    expect(found).toEqual([28, 25, 22]);
    // The query plan (ranges, no scan, no sort) is checked in put-writer.test.ts.
  });

  it("deleteThread removes the thread's checkpoints, blobs, writes and metadata and nothing else", async () => {
    const config = await writeThread(saver, "gone", 5);
    await saver.putWrites(config, [["counter", 9]], "task");
    await writeThread(saver, "kept", 3);
    await saver.deleteThread("gone");
    for (const table of ["sy_checkpoints", "sy_blobs", "sy_writes", "sy_checkpoint_metadata"]) {
      expect(saver.database.prepare(`SELECT count(*) FROM ${table} WHERE thread_id = 'gone'`).pluck().get(), table).toBe(0);
    }
    expect((await saver.getTuple({ configurable: { thread_id: "kept" } }))?.metadata?.step).toBe(2);
  });

  it("a corrupt checkpoint row gives a CorruptRowError naming the table, thread and checkpoint", async () => {
    const config = await writeThread(saver, "t1", 2);
    saver.database.prepare("UPDATE sy_checkpoints SET checkpoint = X'7B6E6F7420736F6E' WHERE checkpoint_id = ?").run(config.configurable?.checkpoint_id);
    const failure = await saver.getTuple(config).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CorruptRowError);
    expect((failure as CorruptRowError).code).toBe("checkpoint_invalid");
    expect((failure as Error).message).toContain("sy_checkpoints");
    expect((failure as Error).message).toContain('thread "t1"');
    expect((failure as Error).message).toContain(String(config.configurable?.checkpoint_id));
  });

  it("a blob row damaged by another connection gives a CorruptRowError naming sy_blobs", async () => {
    const directory = mkdtempSync(join(tmpdir(), "switchyard-saver-"));
    const onFile = openSqliteSaver(join(directory, "state.db"));
    try {
      const config = await writeThread(onFile, "t1", 1);
      await onFile.getTuple(config);
      const other = new Database(join(directory, "state.db"));
      other.prepare("UPDATE sy_blobs SET value = 'text, not bytes' WHERE channel = 'messages'").run();
      other.close();
      await expect(onFile.getTuple(config)).rejects.toThrow(/sy_blobs/);
    } finally {
      onFile.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

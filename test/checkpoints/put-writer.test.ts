import { describe, it, expect, beforeEach, afterEach } from "vitest";
import type { Checkpoint, CheckpointMetadata } from "@langchain/langgraph-checkpoint";
import { openSqliteSaver, type RunnableConfig, type SwitchyardSqliteSaver } from "../../checkpoints/index.ts";
import { indexBatchSize } from "../../checkpoints/put-writer.ts";
import { buildListQuery } from "../../checkpoints/saver-sql.ts";
import { seededRandom } from "../../src/workload/seeded-random.ts";

/** Ids in key order: `id(7)` sorts after `id(6)`, as LangGraph's uuid6 ids do. */
const id = (index: number) => `1ef00000-0000-6000-8000-${String(index).padStart(12, "0")}`;

function checkpoint(checkpointId: string): Checkpoint {
  return { v: 4, id: checkpointId, ts: "2025-01-01T00:00:00.000Z", channel_values: { n: 1 }, channel_versions: { n: 1 }, versions_seen: {} };
}

interface Written {
  threadId: string;
  checkpointNs: string;
  checkpointId: string;
  metadata: Record<string, unknown>;
}

async function put(saver: SwitchyardSqliteSaver, written: Written): Promise<void> {
  const config: RunnableConfig = { configurable: { thread_id: written.threadId, checkpoint_ns: written.checkpointNs } };
  await saver.put(config, checkpoint(written.checkpointId), written.metadata as CheckpointMetadata, { n: 1 });
}

async function listIds(saver: SwitchyardSqliteSaver, configurable: Record<string, unknown>, filter: Record<string, unknown>, extra: { before?: string; limit?: number } = {}) {
  const ids: string[] = [];
  const before = extra.before === undefined ? undefined : { configurable: { checkpoint_id: extra.before } };
  for await (const tuple of saver.list({ configurable }, { filter, before, limit: extra.limit })) ids.push(String(tuple.config.configurable?.checkpoint_id));
  return ids;
}

function marks(saver: SwitchyardSqliteSaver) {
  return saver.database.prepare("SELECT thread_id, checkpoint_ns, indexed_through FROM sy_metadata_marks ORDER BY thread_id, checkpoint_ns").all();
}

function indexRows(saver: SwitchyardSqliteSaver): number {
  return Number(saver.database.prepare("SELECT count(*) FROM sy_checkpoint_metadata").pluck().get());
}

describe("metadata index written in batches", () => {
  let saver: SwitchyardSqliteSaver;
  beforeEach(() => {
    saver = openSqliteSaver(":memory:");
  });
  afterEach(() => saver.close());

  it("a thread's first checkpoints wait in their rows, list finds them, and the batch indexes them all", async () => {
    for (let index = 0; index < indexBatchSize - 1; index += 1) {
      await put(saver, { threadId: "t", checkpointNs: "", checkpointId: id(index), metadata: { source: "loop", step: index, user: `u${index % 3}` } });
    }
    expect(indexRows(saver)).toBe(0);
    expect(marks(saver)).toEqual([{ thread_id: "t", checkpoint_ns: "", indexed_through: "" }]);
    const pendingAnswer = await listIds(saver, { thread_id: "t" }, { user: "u1", source: "loop" }, { limit: 2 });
    expect(pendingAnswer).toEqual([id(indexBatchSize - 3 - ((indexBatchSize - 3 - 1) % 3)), id(indexBatchSize - 3 - ((indexBatchSize - 3 - 1) % 3) - 3)]);

    await put(saver, { threadId: "t", checkpointNs: "", checkpointId: id(indexBatchSize - 1), metadata: { source: "loop", step: indexBatchSize - 1, user: "u0" } });
    expect(indexRows(saver)).toBe(indexBatchSize * 3);
    expect(marks(saver)).toEqual([{ thread_id: "t", checkpoint_ns: "", indexed_through: id(indexBatchSize - 1) }]);
    expect(await listIds(saver, { thread_id: "t" }, { user: "u1", source: "loop" }, { limit: 2 })).toEqual(pendingAnswer);
  });

  it("an id under the mark is indexed at once, and a re-put replaces the entries it had", async () => {
    for (let index = 10; index < 10 + indexBatchSize; index += 1) {
      await put(saver, { threadId: "t", checkpointNs: "", checkpointId: id(index), metadata: { source: "loop", step: index } });
    }
    const before = indexRows(saver);
    await put(saver, { threadId: "t", checkpointNs: "", checkpointId: id(3), metadata: { source: "fork", step: 3 } });
    expect(indexRows(saver)).toBe(before + 2);
    expect(await listIds(saver, { thread_id: "t", checkpoint_ns: "" }, { source: "fork" })).toEqual([id(3)]);
    // Re-put an indexed checkpoint with new metadata: the old entries go, the new ones answer.
    await put(saver, { threadId: "t", checkpointNs: "", checkpointId: id(12), metadata: { source: "update", step: 12 } });
    expect(await listIds(saver, { thread_id: "t" }, { source: "loop", step: 12 })).toEqual([]);
    expect(await listIds(saver, { thread_id: "t" }, { source: "update" })).toEqual([id(12)]);
    // Re-put a checkpoint still above the mark: only its row holds entries, and the row is replaced.
    await put(saver, { threadId: "t", checkpointNs: "", checkpointId: id(100), metadata: { source: "loop", step: 100 } });
    await put(saver, { threadId: "t", checkpointNs: "", checkpointId: id(100), metadata: { source: "update", step: 100 } });
    expect(await listIds(saver, { thread_id: "t" }, { source: "update" })).toEqual([id(100), id(12)]);
    expect(await listIds(saver, { thread_id: "t" }, { step: 100, source: "loop" })).toEqual([]);
  });

  it("list answers exactly what a scan of every checkpoint would, across threads, namespaces, before and limit", async () => {
    const random = seededRandom(31);
    const written: Written[] = [];
    const threads = ["a", "b", "c"];
    const namespaces = ["", "router:1"];
    for (let index = 0; index < 12 * indexBatchSize; index += 1) {
      // Mostly new ids in order, sometimes an older id (a late write) or a re-put of one already written.
      const roll = random.next();
      const reused = written.length > 0 && roll < 0.1 ? written[random.integer(0, written.length - 1)] : undefined;
      const entry: Written = {
        threadId: reused?.threadId ?? threads[random.integer(0, threads.length - 1)]!,
        checkpointNs: reused?.checkpointNs ?? namespaces[random.integer(0, 1)]!,
        checkpointId: reused?.checkpointId ?? (roll < 0.2 ? id(random.integer(0, 1000)) : id(1000 + index)),
        metadata: { source: random.next() < 0.7 ? "loop" : "input", step: random.integer(0, 9), user: `u${random.integer(0, 2)}`, parents: {} },
      };
      await put(saver, entry);
      const at = written.findIndex((each) => each.threadId === entry.threadId && each.checkpointNs === entry.checkpointNs && each.checkpointId === entry.checkpointId);
      if (at >= 0) written.splice(at, 1);
      written.push(entry);
    }
    // Both arms of the query have work: indexed checkpoints and ones still waiting above a mark.
    expect(indexRows(saver)).toBeGreaterThan(0);
    const waiting = saver.database
      .prepare("SELECT count(*) FROM sy_checkpoints AS c JOIN sy_metadata_marks AS k USING (thread_id, checkpoint_ns) WHERE c.checkpoint_id > k.indexed_through")
      .pluck()
      .get();
    expect(waiting).toBeGreaterThan(0);
    const expected = (scope: { thread?: string; ns?: string }, filter: Record<string, unknown>, before?: string, limit?: number) =>
      written
        .filter((each) => (scope.thread === undefined || each.threadId === scope.thread) && (scope.ns === undefined || each.checkpointNs === scope.ns))
        .filter((each) => Object.entries(filter).every(([key, value]) => each.metadata[key] === value))
        .filter((each) => before === undefined || each.checkpointId < before)
        .map((each) => each.checkpointId)
        .sort()
        .reverse()
        .slice(0, limit);
    const filters = [{ source: "loop" }, { user: "u1", source: "loop" }, { step: 4 }, { step: 2, user: "u0", source: "input" }];
    for (const filter of filters) {
      for (const scope of [{ thread: "a", ns: "" }, { thread: "b" }, { ns: "router:1" }, {}]) {
        const configurable = { ...(scope.thread === undefined ? {} : { thread_id: scope.thread }), ...(scope.ns === undefined ? {} : { checkpoint_ns: scope.ns }) };
        const sorted = (ids: string[]) => (scope.thread !== undefined && scope.ns !== undefined ? ids : [...ids].sort().reverse());
        expect(sorted(await listIds(saver, configurable, filter)), JSON.stringify({ filter, scope })).toEqual(expected(scope, filter));
        if (scope.thread !== undefined && scope.ns !== undefined) {
          expect(await listIds(saver, configurable, filter, { before: id(1000 + 2 * indexBatchSize), limit: 3 })).toEqual(
            expected(scope, filter, id(1000 + 2 * indexBatchSize), 3),
          );
        }
      }
    }
  });

  it("with thread and namespace, a filtered list reads index ranges in order: no scan, no sort", () => {
    const { sql, parameters } = buildListQuery({ threadId: "t", checkpointNs: "", before: "z", filter: [["user", '"u1"'], ["source", '"loop"']], limit: 3 });
    const plan = saver.database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as Array<{ detail: string }>;
    const details = plan.map((row) => row.detail).join("\n");
    expect(details).toMatch(/SEARCH m USING PRIMARY KEY/);
    expect(details).not.toMatch(/SCAN (c|m|k)\b/);
    expect(details).not.toMatch(/TEMP B-TREE/);
  });

  it("deleteThread removes the thread's mark with the rest", async () => {
    await put(saver, { threadId: "gone", checkpointNs: "", checkpointId: id(1), metadata: { source: "loop" } });
    await put(saver, { threadId: "kept", checkpointNs: "", checkpointId: id(1), metadata: { source: "loop" } });
    await saver.deleteThread("gone");
    expect(marks(saver)).toEqual([{ thread_id: "kept", checkpoint_ns: "", indexed_through: "" }]);
  });
});

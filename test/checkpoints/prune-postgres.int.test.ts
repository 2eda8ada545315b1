/** keep_latest pruning on Postgres: the same behaviour as the SQLite saver's (prune.test.ts). */
import { Annotation, Command, END, START, StateGraph, interrupt } from "@langchain/langgraph";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RunMetadataPostgresSaver } from "../../checkpoints/postgres-run-metadata-saver.ts";
import { prunableSaver } from "../../checkpoints/index.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../support/services.ts";

const available = await serviceAvailable("postgres");

const State = Annotation.Root({
  count: Annotation<number>({ reducer: (left, right) => left + right, default: () => 0 }),
  log: Annotation<string[]>({ reducer: (left, right) => [...left, ...right], default: () => [] }),
});

describe.skipIf(!available)("RunMetadataPostgresSaver.pruneThread (keep latest)", () => {
  const schema = runScopedName("switchyard_prune");
  let saver: RunMetadataPostgresSaver;
  let pool: pg.Pool;
  const rows = async (table: string, threadId: string) => Number((await pool.query<{ count: string }>(`SELECT count(*) FROM "${schema}".${table} WHERE thread_id = $1`, [threadId])).rows[0]?.count);

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: postgresUrl, max: 2 });
    saver = new RunMetadataPostgresSaver(new pg.Pool({ connectionString: postgresUrl, max: 2 }), undefined, { schema });
    await saver.setup();
  });
  afterAll(async () => {
    await saver?.end();
    await pool?.end();
    await dropPostgresSchema(schema);
  });

  it("keeps the newest checkpoint's state, drops the history, blobs and writes before it, and the thread goes on", async () => {
    const graph = new StateGraph(State)
      .addNode("tick", (state) => ({ count: 1, log: [`tick ${state.count}`] }))
      .addEdge(START, "tick")
      .addEdge("tick", END)
      .compile({ checkpointer: saver });
    const config = { configurable: { thread_id: "long" } };
    for (let run = 0; run < 12; run += 1) await graph.invoke({}, config);
    await graph.invoke({}, { configurable: { thread_id: "other" } });
    const before = await graph.getState(config);
    const otherBefore = await rows("checkpoints", "other");
    expect(await rows("checkpoints", "long")).toBeGreaterThan(12);
    expect(prunableSaver(saver)).toBe(saver);

    const report = await saver.pruneThread("long");
    expect(report).toMatchObject({ skipped: false, checkpoints: expect.any(Number), writes: expect.any(Number), blobs: expect.any(Number) });
    expect(report.checkpoints).toBeGreaterThan(12);
    expect(report.blobs).toBeGreaterThan(5);
    expect(report.writes).toBeGreaterThan(0);
    expect(await rows("checkpoints", "long")).toBe(1);
    // Only the blobs the newest checkpoint names survive: one per channel at most.
    expect(await rows("checkpoint_blobs", "long")).toBeLessThanOrEqual(4);
    const after = await graph.getState(config);
    expect(after.values).toEqual(before.values);
    expect(after.config.configurable?.checkpoint_id).toBe(before.config.configurable?.checkpoint_id);
    const history = [];
    for await (const snapshot of graph.getStateHistory(config)) history.push(snapshot);
    expect(history).toHaveLength(1);

    expect(await rows("checkpoints", "other")).toBe(otherBefore);
    expect((await graph.invoke({}, config)).count).toBe(13);
    expect((await graph.invoke({}, config)).log).toHaveLength(14);
    expect((await saver.pruneThread("long")).checkpoints).toBeGreaterThan(0);
    expect(await saver.pruneThread("never-written")).toEqual({ checkpoints: 0, writes: 0, blobs: 0, skipped: false });
  });

  it("keeps an interrupted thread resumable", async () => {
    const graph = new StateGraph(State)
      .addNode("ask", () => ({ log: [String(interrupt("approve?"))] }))
      .addEdge(START, "ask")
      .addEdge("ask", END)
      .compile({ checkpointer: saver });
    const config = { configurable: { thread_id: "waiting" } };
    await graph.invoke({ count: 1 }, config);
    await graph.invoke(new Command({ resume: "yes" }), config);
    await graph.invoke({ count: 1 }, config);
    expect((await graph.getState(config)).tasks[0]?.interrupts).toHaveLength(1);
    await saver.pruneThread("waiting");
    expect(await rows("checkpoints", "waiting")).toBe(1);
    const resumed = await graph.invoke(new Command({ resume: "again" }), config);
    expect(resumed.log).toEqual(["yes", "again"]);
    expect(resumed.count).toBe(2);
  });
});

import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import type { Client } from "@langchain/langgraph-sdk";
import { describe, expect, it } from "vitest";
import { openSqliteSaver } from "../../../checkpoints/index.ts";
import { createServer, type ServableGraph } from "../../../src/server/index.ts";
import { gatedGraph, serveDuringSuite } from "./fixtures.ts";
import { pollUntil } from "../../support/poll-until.ts";

const minute = 60_000;

const until = <T>(what: string, probe: () => T | undefined | Promise<T | undefined>, deadlineMs = 10_000) => pollUntil(what, probe, deadlineMs);

describe("TTL: threads deleted or pruned, store items expired, in the background", () => {
  // Only the sweeper's clock moves: runs, leases and row stamps keep real time.
  let offset = 0;
  const saver = openSqliteSaver(":memory:");
  const State = Annotation.Root({ count: Annotation<number>({ reducer: (left, right) => left + right, default: () => 0 }) });
  const counter = new StateGraph(State).addNode("tick", () => ({ count: 1 })).addEdge(START, "tick").addEdge("tick", END).compile({ checkpointer: saver, name: "counter" });
  const gated = gatedGraph(saver);
  const server = createServer({
    graphs: { counter: { graph: counter as unknown as ServableGraph }, gated: { graph: gated.graph } },
    persistence: { checkpointer: saver },
    scheduleNow: () => Date.now() + offset,
    config: { ttl: { thread: { default_minutes: 60, strategy: "delete" }, store: { default_minutes: 30, refresh_on_read: false }, sweep_ms: 20, batch: 2 } },
  });
  let client: Client;
  serveDuringSuite(server, (served) => (client = served), () => saver.database.close());
  const exists = async (threadId: string) => (await server.app.request(`/threads/${threadId}`)).status === 200;
  const checkpoints = (threadId: string) => Number(saver.database.prepare("SELECT count(*) FROM sy_checkpoints WHERE thread_id = ?").pluck().get(threadId));

  it("deletes threads past the default TTL in batches, keeps those with a longer TTL of their own", async () => {
    const idle = await Promise.all([1, 2, 3, 4, 5].map(() => client.threads.create()));
    for (const thread of idle) await client.runs.wait(thread.thread_id, "counter", { input: {} });
    const longer = await client.threads.create({ ttl: { ttl: 180, strategy: "delete" } });
    await client.runs.wait(longer.thread_id, "counter", { input: {} });
    expect(checkpoints(idle[0]?.thread_id ?? "")).toBeGreaterThan(0);

    offset += 61 * minute;
    // Five threads, batches of two: the sweeper works through all of them, with a turn between batches.
    for (const thread of idle) await until(`thread ${thread.thread_id} deleted`, async () => ((await exists(thread.thread_id)) ? undefined : true));
    for (const thread of idle) expect(checkpoints(thread.thread_id)).toBe(0);
    expect(await exists(longer.thread_id)).toBe(true);

    offset += 120 * minute;
    await until("the 180-minute thread deleted", async () => ((await exists(longer.thread_id)) ? undefined : true));
    offset = 0;
  });

  it("prunes a keep_latest thread to its latest checkpoint and lets it run on", async () => {
    // The SDK's type offers only "delete"; the wire takes keep_latest as the Agent Server does.
    const created = await server.app.request("/threads", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ttl: { ttl: 10, strategy: "keep_latest" } }) });
    const thread = (await created.json()) as { thread_id: string };
    for (let run = 0; run < 5; run += 1) await client.runs.wait(thread.thread_id, "counter", { input: {} });
    expect(checkpoints(thread.thread_id)).toBeGreaterThan(5);

    offset += 11 * minute;
    await until("the thread pruned", async () => (checkpoints(thread.thread_id) === 1 ? true : undefined));
    expect(await exists(thread.thread_id)).toBe(true);
    expect((await client.threads.getState<{ count: number }>(thread.thread_id)).values.count).toBe(5);
    expect(await client.runs.wait(thread.thread_id, "counter", { input: {} })).toMatchObject({ count: 6 });
    offset = 0;
  });

  it("expires store items after the default TTL; an item's own ttl wins", async () => {
    await client.store.putItem(["ttl"], "default", { n: 1 });
    await client.store.putItem(["ttl"], "own", { n: 2 }, { ttl: 120 });
    offset += 31 * minute;
    const rows = () => Number(saver.database.prepare("SELECT count(*) FROM sy_store WHERE namespace LIKE '%ttl%'").pluck().get());
    await until("the expired item swept", async () => (rows() === 1 ? true : undefined));
    offset = 0;
    expect(await client.store.getItem(["ttl"], "own")).toMatchObject({ value: { n: 2 } });
  });

  it("leaves a thread with a run in flight alone, and deletes it once the run is over", async () => {
    const thread = await client.threads.create({ ttl: 5 });
    const run = await client.runs.create(thread.thread_id, "gated", { input: {} });
    while (gated.waiting() === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    offset += 10 * minute;
    // Many sweeps pass while the run holds the thread.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await exists(thread.thread_id)).toBe(true);
    await gated.release();
    await client.runs.join(thread.thread_id, run.run_id);
    await until("the finished thread deleted", async () => ((await exists(thread.thread_id)) ? undefined : true));
    offset = 0;
  });

  it("takes a ttl given later with threads.update", async () => {
    const thread = await client.threads.create();
    await client.threads.update(thread.thread_id, { ttl: 300 });
    offset += 61 * minute;
    // Past the 60-minute default but within its own 300 minutes: a few sweeps leave it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await exists(thread.thread_id)).toBe(true);
    offset += 240 * minute;
    await until("the thread deleted at its own ttl", async () => ((await exists(thread.thread_id)) ? undefined : true));
    offset = 0;
  });

  it("refuses a bad ttl before creating the thread", async () => {
    const response = await server.app.request("/threads", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ thread_id: "8a0c4f39-8f3e-4a59-9d4c-2d1b8b7f3e11", ttl: { ttl: -5, strategy: "delete" } }) });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ field: "ttl.ttl" });
    expect(await exists("8a0c4f39-8f3e-4a59-9d4c-2d1b8b7f3e11")).toBe(false);
  });
});

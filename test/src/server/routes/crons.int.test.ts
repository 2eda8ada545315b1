import type { Client } from "@langchain/langgraph-sdk";
import { describe, expect, it } from "vitest";
import { gatedServer, serveDuringSuite } from "../fixtures.ts";

describe("cron routes through the official SDK client", () => {
  let clock = Date.UTC(2027, 0, 1, 0, 0, 30);
  const { server, gated, saver } = gatedServer({ scheduleNow: () => clock, config: { crons: { enabled: true, poll_ms: 20, batch: 50, max_crons: 5 } } });
  let client: Client;
  serveDuringSuite(server, (served) => (client = served), () => saver.database.close());

  it("creates, searches, counts, updates and deletes crons", async () => {
    const thread = await client.threads.create();
    const onThread = await client.crons.createForThread(thread.thread_id, "gated", { schedule: "*/5 * * * *", input: {}, metadata: { owner: "a" } });
    expect(onThread).toMatchObject({ thread_id: thread.thread_id, schedule: "*/5 * * * *", next_run_date: "2027-01-01T00:05:00.000Z", metadata: { owner: "a" }, enabled: true });
    const stateless = await client.crons.create("gated", { schedule: "0 9 * * 1-5", input: {}, endTime: "2027-01-05T00:00:00Z" });
    expect(stateless).toMatchObject({ thread_id: null, next_run_date: "2027-01-01T09:00:00.000Z", end_time: "2027-01-05T00:00:00.000Z", on_run_completed: "delete" });

    expect((await client.crons.search({ threadId: thread.thread_id })).map((cron) => cron.cron_id)).toEqual([onThread.cron_id]);
    expect((await client.crons.search({ metadata: { owner: "a" } })).map((cron) => cron.cron_id)).toEqual([onThread.cron_id]);
    const sorted = await client.crons.search({ sortBy: "next_run_date", sortOrder: "asc", select: ["cron_id", "next_run_date"] });
    expect(sorted).toEqual([
      { cron_id: onThread.cron_id, next_run_date: "2027-01-01T00:05:00.000Z" },
      { cron_id: stateless.cron_id, next_run_date: "2027-01-01T09:00:00.000Z" },
    ]);
    expect(await client.crons.count({ assistantId: "gated" })).toBe(2);

    const updated = await client.crons.update(onThread.cron_id, { schedule: "30 * * * *", enabled: false });
    expect(updated).toMatchObject({ schedule: "30 * * * *", enabled: false, next_run_date: "2027-01-01T00:30:00.000Z" });
    await client.crons.delete(onThread.cron_id);
    await client.crons.delete(stateless.cron_id);
    expect(await client.crons.count()).toBe(0);
  });

  it("answers 4xx naming the field for bad schedules, unknown threads and assistants, and webhooks", async () => {
    const post = (path: string, body: unknown) => server.app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const badHour = await post("/runs/crons", { assistant_id: "gated", schedule: "0 25 * * *" });
    expect(badHour.status).toBe(422);
    expect(await badHour.json()).toMatchObject({ field: "schedule", message: expect.stringContaining('hour field "25"') });
    expect((await post("/runs/crons", { assistant_id: "gated", schedule: "* * * * *", timezone: "Europe/Paris" })).status).toBe(422);
    expect((await post("/runs/crons", { assistant_id: "gated", schedule: "* * * * *", webhook: "http://169.254.169.254/" })).status).toBe(422);
    expect((await post("/runs/crons", { assistant_id: "nope", schedule: "* * * * *" })).status).toBe(404);
    expect((await post("/runs/crons", { assistant_id: "gated", schedule: "* * * * *", input: "text" })).status).toBe(422);
    expect((await post("/threads/00000000-0000-4000-8000-000000000000/runs/crons", { assistant_id: "gated", schedule: "* * * * *" })).status).toBe(404);
    const missing = await server.app.request("/runs/crons/none", { method: "DELETE" });
    expect(missing.status).toBe(404);
  });

  it("refuses crons beyond server.crons.max_crons", async () => {
    const made = [];
    for (let index = 0; index < 5; index += 1) made.push(await client.crons.create("gated", { schedule: "* * * * *", enabled: false }));
    await expect(client.crons.create("gated", { schedule: "* * * * *" })).rejects.toThrow(/409|max_crons/);
    for (const cron of made) await client.crons.delete(cron.cron_id);
  });

  it("fires a due stateless cron on the schedule clock, through the run manager", async () => {
    const cron = await client.crons.create("gated", { schedule: "* * * * *", input: {}, onRunCompleted: "keep" });
    expect(gated.waiting()).toBe(0);
    clock += 60_000;
    // The scheduler polls every 20 ms on the moved clock: the firing's run reaches the gated node.
    await gated.release();
    const deadline = Date.now() + 10_000;
    let threads = await client.threads.search({ metadata: { graph_id: "gated" } });
    while (threads.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      threads = await client.threads.search({ metadata: { graph_id: "gated" } });
    }
    expect(threads).toHaveLength(1);
    // Released, the run still has to write its last checkpoint: wait for it rather than race it.
    const threadId = threads[0]?.thread_id ?? "";
    let count = (await client.threads.getState<{ count?: number }>(threadId)).values.count;
    while (count !== 1 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      count = (await client.threads.getState<{ count?: number }>(threadId)).values.count;
    }
    expect(count).toBe(1);
    expect(gated.waiting()).toBe(0);
    await client.crons.delete(cron.cron_id);
  });

  it("removes a thread cron at its next firing once its thread was deleted", async () => {
    const thread = await client.threads.create();
    const cron = await client.crons.createForThread(thread.thread_id, "gated", { schedule: "* * * * *", input: {} });
    await client.threads.delete(thread.thread_id);
    clock += 60_000;
    const deadline = Date.now() + 10_000;
    while ((await client.crons.count({ threadId: thread.thread_id })) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await client.crons.search({ threadId: thread.thread_id })).toEqual([]);
    expect(gated.waiting()).toBe(0);
    expect(cron.cron_id).toBeTypeOf("string");
  });
});

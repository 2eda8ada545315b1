/**
 * Deleting and copying a thread hold its lease, so a run of any process cannot write a checkpoint while the
 * copy reads the history or between the delete's removal of the rows and of the checkpoints; a lease another
 * process keeps past the wait is a 409 and nothing is removed or copied. A delete racing a run of this process
 * cancels it and waits (real sleeps) for its lease: nothing the stopped run writes is left under a deleted
 * thread (before, the run's last checkpoint outlived the delete).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../../graphs/index.ts";
import { emulatorLauncher, quietProfile } from "../../../src/emulators/index.ts";
import { createServer, type SwitchyardServer } from "../../../src/server/index.ts";
import { gatedServer } from "./fixtures.ts";

const json = { "content-type": "application/json" };
const verification = { assistant_id: "verification", input: { phase: "output", text: "fine" } };
const other = { instanceId: "another-process", runId: "run-elsewhere" };

describe("thread delete and copy hold the thread's lease", () => {
  let gateway: Gateway;
  let server: SwitchyardServer;
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await server.app.request(path, { method, headers: json, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    return { status: response.status, body: (text === "" ? {} : JSON.parse(text)) as Record<string, unknown> };
  };
  const threadWithRun = async (): Promise<string> => {
    const threadId = String((await send("POST", "/threads", {})).body.thread_id);
    expect((await send("POST", `/threads/${threadId}/runs/wait`, verification)).status).toBe(200);
    return threadId;
  };
  const historyLength = async (threadId: string) => ((await send("POST", `/threads/${threadId}/history`, { limit: 100 })).body as unknown as unknown[]).length;
  const leases = () => {
    const found = gateway.persistence.leases;
    if (found === undefined) throw new Error("the gateway has no lease table");
    return found;
  };

  beforeAll(async () => {
    gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 7 });
    // Waits for a held lease pass at once, so the 409 cases need no real sleeping.
    server = createServer({ gateway, lease: { sleep: async () => undefined } });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await gateway?.close();
  });

  it("a lease held by a run of another process: delete and copy answer 409 naming it and change nothing", async () => {
    const threadId = await threadWithRun();
    const before = await historyLength(threadId);
    expect(before).toBeGreaterThan(0);
    expect((await leases().acquire(threadId, other)).acquired).toBe(true);
    try {
      const copy = await send("POST", `/threads/${threadId}/copy`);
      expect(copy.status).toBe(409);
      expect(JSON.stringify(copy.body)).toContain("is busy");
      const removal = await send("DELETE", `/threads/${threadId}`);
      expect(removal.status).toBe(409);
      expect(JSON.stringify(removal.body)).toContain("is busy");
      expect((await send("GET", `/threads/${threadId}`)).status).toBe(200);
      expect(await historyLength(threadId)).toBe(before);
    } finally {
      await leases().release(threadId, other);
    }
    const copy = await send("POST", `/threads/${threadId}/copy`);
    expect(copy.status).toBe(200);
    expect(await historyLength(String(copy.body.thread_id))).toBe(before);
    expect((await send("DELETE", `/threads/${threadId}`)).status).toBe(204);
    expect((await send("GET", `/threads/${threadId}`)).status).toBe(404);
  });

  it("no other process can take the thread while a copy reads its history or a delete removes its checkpoints", async () => {
    const threadId = await threadWithRun();
    const saver = gateway.persistence.checkpointer;
    const { list, deleteThread } = saver;
    const takenMidway: boolean[] = [];
    saver.list = async function* (...args: Parameters<typeof list>) {
      takenMidway.push((await leases().acquire(threadId, other)).acquired);
      yield* list.apply(saver, args);
    };
    saver.deleteThread = async (id: string) => {
      takenMidway.push((await leases().acquire(id, other)).acquired);
      return deleteThread.call(saver, id);
    };
    try {
      expect((await send("POST", `/threads/${threadId}/copy`)).status).toBe(200);
      expect((await send("DELETE", `/threads/${threadId}`)).status).toBe(204);
    } finally {
      saver.list = list;
      saver.deleteThread = deleteThread;
    }
    expect(takenMidway).toEqual([false, false]);
    expect((await send("POST", `/threads/${threadId}/history`, { limit: 10 })).status).toBe(404);
  });
});

describe("deleting a thread while its run is in flight", () => {
  const { server, gated, saver } = gatedServer();
  afterAll(() => server.close());

  it("cancels the run, waits for its lease, and leaves no row, run or checkpoint", async () => {
    const thread = (await (await server.app.request("/threads", { method: "POST", headers: json, body: "{}" })).json()) as { thread_id: string };
    const threadId = thread.thread_id;
    const started = await server.app.request(`/threads/${threadId}/runs`, { method: "POST", headers: json, body: JSON.stringify({ assistant_id: "gated", input: {} }) });
    expect(started.status).toBe(200);
    while (gated.waiting() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const removal = await server.app.request(`/threads/${threadId}`, { method: "DELETE" });
    expect(removal.status).toBe(204);
    // The node that was cut off finishes now: whatever the stopped run would still write must not appear.
    await gated.release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await server.app.request(`/threads/${threadId}`)).status).toBe(404);
    const left = [];
    for await (const tuple of saver.list({ configurable: { thread_id: threadId } })) left.push(tuple);
    expect(left).toEqual([]);
    expect(saver.database.prepare("SELECT COUNT(*) FROM server_runs WHERE thread_id = ?").pluck().get(threadId)).toBe(0);
  });
});

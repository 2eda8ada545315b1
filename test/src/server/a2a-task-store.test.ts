import { Role, TaskState, type Task } from "@a2a-js/sdk";
import { ServerCallContext } from "@a2a-js/sdk/server";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../../checkpoints/index.ts";
import { ServerTaskStore } from "../../../src/server/a2a-task-store.ts";
import { AgentUser } from "../../../src/server/a2a-user.ts";
import { sqliteServerStorage } from "../../../src/server/state/index.ts";

const task = (id: string, state: TaskState, timestamp: string): Task => ({
  id,
  contextId: "c",
  status: { state, message: undefined, timestamp },
  artifacts: [],
  history: [{ messageId: `m-${id}`, contextId: "c", taskId: id, role: Role.ROLE_USER, parts: [], metadata: undefined, extensions: [], referenceTaskIds: [] }],
  metadata: undefined,
});
const list = { tenant: "", contextId: "", status: TaskState.TASK_STATE_WORKING, pageSize: 10, pageToken: "", historyLength: undefined, statusTimestampAfter: undefined, includeArtifacts: false };

describe("the A2A task store", () => {
  it("writes a running task's first WORKING and keeps later progress in memory, lists it as it is, and a restart reads its last written state for settling", async () => {
    const backing = sqliteServerStorage(openDatabase(":memory:"), Date.now).a2aTasks;
    const peer = new ServerCallContext({ user: new AgentUser("urn:peer") });
    const store = new ServerTaskStore(backing);
    await store.save(task("t1", TaskState.TASK_STATE_SUBMITTED, "2026-12-06T10:00:00.000Z"), peer);
    await store.save(task("t1", TaskState.TASK_STATE_WORKING, "2026-12-06T10:00:01.000Z"), peer);
    expect((await store.load("t1", peer))?.status?.state).toBe(TaskState.TASK_STATE_WORKING);
    expect((await store.list(list, peer)).tasks.map((listed) => listed.id)).toEqual(["t1"]);
    // Another peer sees nothing of it.
    expect(await store.load("t1", new ServerCallContext({ user: new AgentUser("urn:other") }))).toBeUndefined();
    // Progress after the first WORKING stays in memory.
    await store.save(task("t1", TaskState.TASK_STATE_WORKING, "2026-12-06T10:00:01.500Z"), peer);
    expect((await store.load("t1", peer))?.status?.timestamp).toBe("2026-12-06T10:00:01.500Z");
    // After a restart (or on another replica) the task reads as written (its first WORKING) and is settled from its run.
    const restarted = new ServerTaskStore(backing);
    const seen: TaskState[] = [];
    restarted.settle = async (stored) => {
      seen.push(stored.status?.state ?? TaskState.TASK_STATE_UNSPECIFIED);
      return { ...stored, status: { state: TaskState.TASK_STATE_COMPLETED, message: undefined, timestamp: "2026-12-06T10:00:02.000Z" } };
    };
    expect((await restarted.load("t1", peer))?.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(seen).toEqual([TaskState.TASK_STATE_WORKING]);
    // A finished task is written and leaves memory: a fresh store reads it as finished, without settling.
    await store.save(task("t1", TaskState.TASK_STATE_COMPLETED, "2026-12-06T10:00:03.000Z"), peer);
    expect((await new ServerTaskStore(backing).load("t1", peer))?.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
  });

  it("hands out copies of a running task: what the SDK changes on one is not in the store until saved", async () => {
    const store = new ServerTaskStore(sqliteServerStorage(openDatabase(":memory:"), Date.now).a2aTasks);
    const peer = new ServerCallContext({ user: new AgentUser("urn:peer") });
    const saved = task("t2", TaskState.TASK_STATE_WORKING, "2026-12-06T10:00:00.000Z");
    saved.history[0]?.parts.push({ content: { $case: "raw", value: Buffer.from([1, 2, 3]) }, metadata: { deep: { list: [1, { a: 2 }] } }, filename: "f", mediaType: "application/octet-stream" });
    await store.save(saved, peer);
    saved.history.push(saved.history[0] as Task["history"][number]);
    const loaded = await store.load("t2", peer);
    expect(loaded?.history).toHaveLength(1);
    const part = (from: Task | undefined) => from?.history[0]?.parts[0];
    const bytesOf = (from: Task | undefined) => (part(from)?.content?.$case === "raw" ? [...(part(from)?.content?.value as Uint8Array)] : undefined);
    expect(bytesOf(loaded)).toEqual([1, 2, 3]);
    expect(part(loaded)?.metadata).toEqual({ deep: { list: [1, { a: 2 }] } });
    (loaded?.history[0]?.parts[0]?.metadata as { deep: { list: unknown[] } }).deep.list.push("changed");
    const bytes = loaded?.history[0]?.parts[0]?.content;
    if (bytes?.$case === "raw") bytes.value[0] = 9;
    const again = await store.load("t2", peer);
    expect(bytesOf(again)).toEqual([1, 2, 3]);
    expect(part(again)?.metadata).toEqual({ deep: { list: [1, { a: 2 }] } });
  });

  it("holds a task saved as unchanging as it is (no copy), and still hands out copies of it", async () => {
    const backing = sqliteServerStorage(openDatabase(":memory:"), Date.now).a2aTasks;
    const store = new ServerTaskStore(backing);
    const peer = new ServerCallContext({ user: new AgentUser("urn:peer") });
    const working = task("t3", TaskState.TASK_STATE_WORKING, "2026-12-06T10:00:00.000Z");
    await store.saveUnchanging(working, peer);
    // Written on its first running state, as save writes it: a fresh store (a restart) reads it.
    expect((await new ServerTaskStore(backing).load("t3", peer))?.status?.state).toBe(TaskState.TASK_STATE_WORKING);
    const loaded = await store.load("t3", peer);
    expect(loaded).toEqual(working);
    expect(loaded).not.toBe(working);
    loaded?.history.push(working.history[0] as Task["history"][number]);
    expect((await store.load("t3", peer))?.history).toHaveLength(1);
    await store.saveUnchanging(task("t3", TaskState.TASK_STATE_COMPLETED, "2026-12-06T10:00:01.000Z"), peer);
    expect((await new ServerTaskStore(backing).load("t3", peer))?.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
  });

  it("holds a blocking send's new task in memory only: other replicas read it from its first WORKING, then its end", async () => {
    const backing = sqliteServerStorage(openDatabase(":memory:"), Date.now).a2aTasks;
    const store = new ServerTaskStore(backing);
    const replica = new ServerTaskStore(backing);
    const peer = new ServerCallContext({ user: new AgentUser("urn:peer") });
    store.hold(task("t4", TaskState.TASK_STATE_SUBMITTED, "2026-12-06T10:00:00.000Z"), peer);
    expect((await store.load("t4", peer))?.status?.state).toBe(TaskState.TASK_STATE_SUBMITTED);
    expect(await replica.load("t4", peer)).toBeUndefined();
    await store.saveUnchanging(task("t4", TaskState.TASK_STATE_WORKING, "2026-12-06T10:00:01.000Z"), peer);
    await store.saveUnchanging(task("t4", TaskState.TASK_STATE_WORKING, "2026-12-06T10:00:02.000Z"), peer);
    const working = await replica.load("t4", peer);
    expect([working?.status?.state, working?.status?.timestamp]).toEqual([TaskState.TASK_STATE_WORKING, "2026-12-06T10:00:01.000Z"]);
    await store.saveUnchanging(task("t4", TaskState.TASK_STATE_COMPLETED, "2026-12-06T10:00:03.000Z"), peer);
    expect((await replica.load("t4", peer))?.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
  });
});

/**
 * A state update (a fork from an older checkpoint), a PATCH of a checkpoint's metadata and a keep-latest prune
 * each hold the thread's lease, so none interleaves with another or with a run of any process on the same
 * database: a prune asked for while a fork is between reading its base checkpoint and writing the new one
 * waits its turn (answers 0 pruned) instead of removing the base from under it.
 */
import type { RunnableConfig } from "@langchain/core/runnables";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../../graphs/index.ts";
import { emulatorLauncher, quietProfile } from "../../../src/emulators/index.ts";
import { createServer, type SwitchyardServer } from "../../../src/server/index.ts";

const json = { "content-type": "application/json" };
const verification = { assistant_id: "verification", input: { phase: "output", text: "fine" } };
type History = Array<{ values: Record<string, unknown>; checkpoint: { checkpoint_id: string } }>;

describe("state updates and prunes hold the thread's lease", () => {
  let gateway: Gateway;
  let server: SwitchyardServer;
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await server.app.request(path, { method, headers: json, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    return { status: response.status, body: (text === "" ? {} : JSON.parse(text)) as Record<string, unknown> };
  };
  const threadWithHistory = async (): Promise<{ threadId: string; history: History }> => {
    const threadId = String((await send("POST", "/threads", {})).body.thread_id);
    for (const text of ["first", "second"]) {
      expect((await send("POST", `/threads/${threadId}/runs/wait`, { ...verification, input: { phase: "output", text } })).status).toBe(200);
    }
    const history = (await send("POST", `/threads/${threadId}/history`, { limit: 100 })).body as unknown as History;
    return { threadId, history };
  };

  beforeAll(async () => {
    gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 5 });
    // Waits for a held lease pass at once, so the 409 case needs no real sleeping.
    server = createServer({ gateway, lease: { sleep: async () => undefined } });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await gateway?.close();
  });

  it("a prune asked for while a fork reads its base checkpoint does not run until the fork is written", async () => {
    const { threadId, history } = await threadWithHistory();
    const base = history.at(-2);
    expect(base).toBeDefined();
    const saver = gateway.persistence.checkpointer;
    const getTuple = saver.getTuple.bind(saver);
    const prunedMidFork: unknown[] = [];
    // The fork's own read of its base checkpoint is where a prune of another process could cut in.
    saver.getTuple = async (config: RunnableConfig) => {
      const tuple = await getTuple(config);
      if (config.configurable?.checkpoint_id === base?.checkpoint.checkpoint_id && prunedMidFork.length === 0) {
        prunedMidFork.push((await send("POST", "/threads/prune", { thread_ids: [threadId], strategy: "keep_latest" })).body);
      }
      return tuple;
    };
    try {
      const fork = await send("POST", `/threads/${threadId}/state`, { checkpoint_id: base?.checkpoint.checkpoint_id, values: {} });
      expect(fork.status).toBe(200);
    } finally {
      saver.getTuple = getTuple;
    }
    expect(prunedMidFork).toEqual([{ pruned_count: 0 }]);
    const forked = (await send("GET", `/threads/${threadId}/state`)).body as { values: Record<string, unknown> };
    expect(forked.values).toEqual(base?.values);
    // Once the fork is written the prune runs, and the thread's state is the fork's.
    expect((await send("POST", "/threads/prune", { thread_ids: [threadId], strategy: "keep_latest" })).body).toEqual({ pruned_count: 1 });
    expect(((await send("GET", `/threads/${threadId}/state`)).body as { values: unknown }).values).toEqual(base?.values);
  });

  it("a lease held by a run of another process: the prune skips the thread, state writes answer 409 naming it", async () => {
    const { threadId, history } = await threadWithHistory();
    const leases = gateway.persistence.leases;
    expect(leases).toBeDefined();
    const other = { instanceId: "another-process", runId: "run-elsewhere" };
    expect((await leases?.acquire(threadId, other))?.acquired).toBe(true);
    try {
      expect((await send("POST", "/threads/prune", { thread_ids: [threadId], strategy: "keep_latest" })).body).toEqual({ pruned_count: 0 });
      const update = await send("POST", `/threads/${threadId}/state`, { checkpoint_id: history.at(-2)?.checkpoint.checkpoint_id, values: {} });
      expect(update.status).toBe(409);
      expect(String(update.body.detail ?? update.body.message ?? JSON.stringify(update.body))).toContain("is busy");
      expect((await send("PATCH", `/threads/${threadId}/state`, { metadata: { label: "x" } })).status).toBe(409);
      expect(((await send("POST", `/threads/${threadId}/history`, { limit: 100 })).body as unknown as History).length).toBe(history.length);
    } finally {
      await leases?.release(threadId, other);
    }
    expect((await send("POST", "/threads/prune", { thread_ids: [threadId], strategy: "keep_latest" })).body).toEqual({ pruned_count: 1 });
  });
});

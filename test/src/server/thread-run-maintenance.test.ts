/**
 * The bad-input answers of the calls served last (runs/batch, runs/cancel, threads/prune, PATCH state) name
 * their field, in process through `server.app.request`; and a checkpoint whose metadata was patched reads and
 * runs on as before. The happy paths through the official SDK are steps of test/support/sdk-probe-more.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../../graphs/index.ts";
import { emulatorLauncher, quietProfile } from "../../../src/emulators/index.ts";
import { createServer, type SwitchyardServer } from "../../../src/server/index.ts";

const json = { "content-type": "application/json" };
const verification = { assistant_id: "verification", input: { phase: "output", text: "fine" } };

describe("runs/batch, runs/cancel, threads/prune and PATCH state: fields named, state intact", () => {
  let gateway: Gateway;
  let server: SwitchyardServer;
  let threadId = "";
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await server.app.request(path, { method, headers: json, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    return { status: response.status, body: (text === "" ? {} : JSON.parse(text)) as Record<string, unknown> };
  };
  beforeAll(async () => {
    gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 3 });
    server = createServer({ gateway });
    threadId = String((await send("POST", "/threads", {})).body.thread_id);
    expect((await send("POST", `/threads/${threadId}/runs/wait`, verification)).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await gateway?.close();
  });

  it("names the payload's index and field in a batch, and creates none of it", async () => {
    const before = (await send("POST", "/threads/count", {})).body;
    const wrong = await send("POST", "/runs/batch", [verification, { assistant_id: "verification", input: "text" }]);
    expect([wrong.status, wrong.body.field]).toEqual([422, "1.input"]);
    expect((await send("POST", "/runs/batch", [{ assistant_id: "no-such-graph" }])).body.field).toBe("0.assistant_id");
    expect((await send("POST", "/runs/batch", [{ ...verification, streamMode: "nope" }])).body.field).toBe("0.stream_mode");
    expect((await send("POST", "/runs/batch", [])).body.field).toBe("body");
    expect((await send("POST", "/threads/count", {})).body).toEqual(before);
  });

  it("names run_ids, status and action in a cancel; an unknown run cancels nothing", async () => {
    expect((await send("POST", "/runs/cancel", { thread_id: threadId })).body.field).toBe("run_ids");
    expect((await send("POST", "/runs/cancel", { run_ids: ["x"], status: "all" })).body.field).toBe("run_ids");
    expect((await send("POST", "/runs/cancel", { status: "done" })).body.field).toBe("status");
    expect((await send("POST", "/runs/cancel?action=explode", { status: "all" })).body.field).toBe("action");
    const unknown = await send("POST", "/runs/cancel", { run_ids: ["00000000-0000-4000-8000-000000000000"] });
    expect([unknown.status, unknown.body.field]).toEqual([404, "run_ids"]);
  });

  it("names thread_ids and strategy in a prune; unknown threads count 0", async () => {
    expect((await send("POST", "/threads/prune", { thread_ids: [] })).body.field).toBe("thread_ids");
    expect((await send("POST", "/threads/prune", { thread_ids: [threadId], strategy: "shred" })).body.field).toBe("strategy");
    expect((await send("POST", "/threads/prune", { thread_ids: ["00000000-0000-4000-8000-000000000000"] })).body).toEqual({ pruned_count: 0 });
  });

  it("patches a checkpoint's metadata in place: history, values and the next run are as before", async () => {
    expect((await send("PATCH", `/threads/${threadId}/state`, { metadata: "x" })).body.field).toBe("metadata");
    const missing = await send("PATCH", `/threads/${threadId}/state`, { metadata: {}, checkpoint_id: "1f000000-0000-6000-8000-000000000000" });
    expect([missing.status, missing.body.field]).toEqual([404, "checkpoint_id"]);
    const history = (await send("POST", `/threads/${threadId}/history`, { limit: 100 })).body as unknown as Array<{ values: unknown; checkpoint: { checkpoint_id: string } }>;
    const older = history[1]?.checkpoint.checkpoint_id;
    expect((await send("PATCH", `/threads/${threadId}/state`, { metadata: { label: "latest" } })).status).toBe(200);
    expect((await send("PATCH", `/threads/${threadId}/state`, { metadata: { label: "older" }, checkpoint_id: older })).status).toBe(200);
    const after = (await send("POST", `/threads/${threadId}/history`, { limit: 100 })).body as unknown as Array<{ values: unknown; metadata: { label?: string } }>;
    expect(after.map((state) => state.values)).toEqual(history.map((state) => state.values));
    expect([after[0]?.metadata.label, after[1]?.metadata.label]).toEqual(["latest", "older"]);
    expect((await send("POST", `/threads/${threadId}/runs/wait`, verification)).status).toBe(200);
    expect(((await send("POST", `/threads/${threadId}/history`, { limit: 100 })).body as unknown as unknown[]).length).toBeGreaterThan(history.length);
  });
});

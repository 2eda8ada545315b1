import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../../graphs/index.ts";
import { quietProfile, emulatorLauncher } from "../../../src/emulators/index.ts";
import { createServer, type ListeningServer, type SwitchyardServer } from "../../../src/server/index.ts";
import { gatedServer, serveDuringSuite } from "./fixtures.ts";

const ticket = "My order ORD-1 never arrived and I want a refund of $40";

interface Running {
  gateway: Gateway;
  server: SwitchyardServer;
  listening: ListeningServer;
  client: Client;
}

async function start(checkpoints: string): Promise<Running> {
  const gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints, seed: 3 });
  const server = createServer({ gateway });
  const listening = await server.serve({ port: 0, host: "127.0.0.1" });
  return { gateway, server, listening, client: new Client({ apiUrl: listening.url, callerOptions: { maxRetries: 0 } }) };
}

async function stop(running: Running): Promise<void> {
  await running.listening.close();
  await running.server.close();
  await running.gateway.close();
}

interface GatewayValues {
  status?: string;
  output?: { valid: boolean; structured: { category?: string } };
  attempts?: unknown[];
  __interrupt__?: Array<{ value: { kind: string } }>;
}

describe("switchyard serve through the official SDK Client", () => {
  let running: Running;
  let client: Client;
  beforeAll(async () => {
    running = await start(":memory:");
    client = running.client;
  });
  afterAll(async () => stop(running));

  it("lists the gateway as an assistant with its graph, schemas and subgraphs", async () => {
    const assistants = await client.assistants.search({ graphId: "gateway" });
    expect(assistants.map((assistant) => assistant.graph_id)).toEqual(["gateway"]);
    const byId = await client.assistants.get(assistants[0]!.assistant_id);
    expect(byId.graph_id).toBe("gateway");
    const graph = await client.assistants.getGraph("gateway", { xray: true });
    expect(graph.nodes.map((node) => node.id)).toEqual(
      expect.arrayContaining(["accept", "verify_request", "approve", "memory_step", "call_model", "check_output", "verify_output", "guardian"]),
    );
    const schemas = await client.assistants.getSchemas("gateway");
    expect(JSON.stringify(schemas.state_schema)).toContain("attempts");
    // The router's two nodes are wired inline (graphs/gateway.ts); the router subgraph is its own assistant.
    expect(Object.keys(await client.assistants.getSubgraphs("gateway"))).toEqual([]);
    await expect(client.assistants.get("no-such-graph")).rejects.toThrow(/404/);
  });

  it("runs a request to its structured answer with runs.wait", async () => {
    const thread = await client.threads.create({ metadata: { team: "billing" } });
    const values = (await client.runs.wait(thread.thread_id, "gateway", {
      input: { request: { input: ticket, deployment: "openai-gpt-4o-mini" } },
    })) as GatewayValues;
    expect(values.status).toBe("succeeded");
    expect(values.output?.valid).toBe(true);
    const fetched = await client.threads.get(thread.thread_id);
    expect(fetched.status).toBe("idle");
    expect((fetched.values as GatewayValues).status).toBe("succeeded");
    const found = await client.threads.search({ metadata: { team: "billing" } });
    expect(found.map((item) => item.thread_id)).toContain(thread.thread_id);
    const runs = await client.runs.list(thread.thread_id);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.status).toBe("success");
    expect((await client.runs.get(thread.thread_id, runs[0]!.run_id)).run_id).toBe(runs[0]!.run_id);
  });

  it("streams values, updates and messages events in the official formats", async () => {
    const thread = await client.threads.create();
    const events: Array<{ event: string; data: unknown }> = [];
    for await (const part of client.runs.stream(thread.thread_id, "gateway", {
      input: { request: { input: ticket, deployment: "gemini-2.5-flash" } },
      streamMode: ["values", "updates", "messages-tuple", "debug", "custom"],
    })) {
      events.push(part as { event: string; data: unknown });
    }
    expect(events[0]).toMatchObject({ event: "metadata", data: { run_id: expect.any(String) } });
    const updated = events.filter((part) => part.event === "updates").flatMap((part) => Object.keys(part.data as object));
    // Verification is off in this config: its two nodes are skipped by edge; memory and the first attempt run
    // in accept's superstep, the call as a task whose update comes first (graphs/folded-steps.ts).
    expect(updated).toEqual(["call_model", "accept"]);
    const lastValues = events.filter((part) => part.event === "values").at(-1)?.data as GatewayValues;
    expect(lastValues.status).toBe("succeeded");
    const message = events.find((part) => part.event === "messages")?.data as [{ type: string; content: string }, { langgraph_node: string }];
    expect(message[0].type).toBeDefined();
    expect(message[1].langgraph_node).toBeDefined();
    expect(events.some((part) => part.event === "debug")).toBe(true);
    // The official server sends no closing `end` event: the stream just ends.
    expect(events.map((event) => event.event)).not.toContain("end");
  });

  it("streams a stateless run on /runs/stream and the events mode", async () => {
    const kinds = new Set<string>();
    for await (const part of client.runs.stream(null, "gateway", {
      input: { request: { input: ticket, deployment: "openai-gpt-4o-mini" } },
      streamMode: ["events"],
    })) {
      kinds.add(part.event);
      if (part.event === "events") kinds.add((part.data as { event: string }).event);
    }
    expect([...kinds]).toEqual(expect.arrayContaining(["metadata", "events", "on_chain_start", "on_chat_model_stream"]));
  });

  it("runs in the background, joins, and pauses for approval until resumed with a command", async () => {
    const thread = await client.threads.create();
    const run = await client.runs.create(thread.thread_id, "gateway", { input: { request: { input: ticket, approval: "required" } } });
    const paused = (await client.runs.join(thread.thread_id, run.run_id)) as GatewayValues;
    expect(paused.__interrupt__?.[0]?.value.kind).toBe("approval");
    const waiting = await client.threads.get(thread.thread_id);
    expect(waiting.status).toBe("interrupted");
    expect(Object.values(waiting.interrupts).flat()).toHaveLength(1);
    const state = await client.threads.getState(thread.thread_id);
    expect(state.next).toEqual(["approve"]);
    const done = (await client.runs.wait(thread.thread_id, "gateway", { command: { resume: { approved: true } } })) as GatewayValues;
    expect(done.status).toBe("succeeded");
    expect(done.__interrupt__).toBeUndefined();
    expect((await client.threads.get(thread.thread_id)).status).toBe("idle");
  });

  it("reads history, reads state at a checkpoint, forks with updateState, copies and deletes threads", async () => {
    const thread = await client.threads.create();
    await client.runs.wait(thread.thread_id, "gateway", { input: { request: { input: ticket, approval: "required" } } });
    const history = await client.threads.getHistory(thread.thread_id, { limit: 20 });
    expect(history.length).toBeGreaterThan(1);
    const first = history.at(-1)!;
    const atFirst = await client.threads.getState(thread.thread_id, first.checkpoint.checkpoint_id!);
    expect(atFirst.checkpoint.checkpoint_id).toBe(first.checkpoint.checkpoint_id);
    const fork = await client.threads.updateState(thread.thread_id, { values: { status: "rejected" }, asNode: "approve" });
    expect(fork.configurable?.checkpoint_id).not.toBe(history[0]!.checkpoint.checkpoint_id);
    const forked = await client.threads.getState(thread.thread_id);
    expect((forked.values as GatewayValues).status).toBe("rejected");
    const copy = await client.threads.copy(thread.thread_id);
    expect(copy.thread_id).not.toBe(thread.thread_id);
    expect(((await client.threads.getState(copy.thread_id)).values as GatewayValues).status).toBe("rejected");
    await client.threads.delete(thread.thread_id);
    await expect(client.threads.get(thread.thread_id)).rejects.toThrow(/404/);
    expect(((await client.threads.getState(copy.thread_id)).values as GatewayValues).status).toBe("rejected");
  });

  it("puts, gets, searches, lists and deletes store items", async () => {
    await client.store.putItem(["users", "u1"], "prefs", { theme: "dark" });
    await client.store.putItem(["users", "u2"], "prefs", { theme: "light" });
    expect((await client.store.getItem(["users", "u1"], "prefs"))?.value).toEqual({ theme: "dark" });
    const dark = await client.store.searchItems(["users"], { filter: { theme: "dark" } });
    expect(dark.items.map((item) => item.namespace)).toEqual([["users", "u1"]]);
    const namespaces = await client.store.listNamespaces({ prefix: ["users"] });
    expect(namespaces.namespaces).toEqual(expect.arrayContaining([["users", "u1"], ["users", "u2"]]));
    await client.store.deleteItem(["users", "u1"], "prefs");
    expect(await client.store.getItem(["users", "u1"], "prefs")).toBeNull();
  });

  it("refuses a malformed request with a 422 naming the field", async () => {
    const thread = await client.threads.create();
    await expect(client.runs.wait(thread.thread_id, "gateway", { input: { request: { input: "" } } })).rejects.toThrow(/422.*input\.request\.input/);
  });
});

describe("multitask strategies", () => {
  const { server, gated } = gatedServer();
  let client: Client;
  serveDuringSuite(server, (served) => (client = served));

  it("rejects a second run while one is in flight, enqueues with enqueue, and cancels", async () => {
    const thread = await client.threads.create();
    const first = await client.runs.create(thread.thread_id, "gated", { input: {} });
    expect((await client.threads.get(thread.thread_id)).status).toBe("busy");
    await expect(client.runs.create(thread.thread_id, "gated", { input: {} })).rejects.toThrow(/409/);
    const queued = await client.runs.create(thread.thread_id, "gated", { input: {}, multitaskStrategy: "enqueue" });
    expect((await client.runs.get(thread.thread_id, queued.run_id)).status).toBe("pending");
    await gated.release();
    expect(await client.runs.join(thread.thread_id, first.run_id)).toEqual({ count: 1 });
    await gated.release();
    expect(await client.runs.join(thread.thread_id, queued.run_id)).toEqual({ count: 2 });
    const doomed = await client.runs.create(thread.thread_id, "gated", { input: {} });
    await client.runs.cancel(thread.thread_id, doomed.run_id, true);
    expect((await client.runs.get(thread.thread_id, doomed.run_id)).status).toBe("interrupted");
    expect(((await client.threads.getState(thread.thread_id)).values as { count: number }).count).toBe(2);
  });
});

describe("a server restart in the middle of a thread", () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-serve-"));
  const file = path.join(directory, "state.db");
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  it("keeps the thread, its pending approval and its runs, and the thread continues", async () => {
    const before = await start(file);
    const thread = await before.client.threads.create({ metadata: { owner: "restart-test" } });
    await before.client.runs.wait(thread.thread_id, "gateway", { input: { request: { input: ticket, approval: "required" } } });
    await before.client.store.putItem(["notes"], "n1", { text: "kept" });
    await stop(before);

    const after = await start(file);
    try {
      const kept = await after.client.threads.get(thread.thread_id);
      expect(kept.status).toBe("interrupted");
      expect(kept.metadata).toMatchObject({ owner: "restart-test" });
      expect((await after.client.threads.search({ metadata: { owner: "restart-test" } })).map((item) => item.thread_id)).toEqual([thread.thread_id]);
      expect(await after.client.runs.list(thread.thread_id)).toHaveLength(1);
      expect((await after.client.store.getItem(["notes"], "n1"))?.value).toEqual({ text: "kept" });
      const done = (await after.client.runs.wait(thread.thread_id, "gateway", { command: { resume: { approved: true } } })) as GatewayValues;
      expect(done.status).toBe("succeeded");
      expect(done.output?.valid).toBe(true);
    } finally {
      await stop(after);
    }
  });
});

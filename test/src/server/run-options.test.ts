import { describe, expect, it } from "vitest";
import { MemorySaver } from "@langchain/langgraph-checkpoint";
import type { AssistantRecord } from "../../../src/server/assistant-table.ts";
import { runCreateSchema } from "../../../src/server/request-schemas.ts";
import { keepsCheckpointsInMemory, runInvocation, withLentCheckpointer, withRunDurability } from "../../../src/server/run-options.ts";
import type { RunRecord } from "../../../src/server/server-tables.ts";
import type { ServableGraph } from "../../../src/server/served-graph.ts";

const stamp = "2026-12-06T00:00:00.000Z";
const assistant: AssistantRecord = {
  assistant_id: "a1",
  graph_id: "gateway",
  config: { configurable: { tier: "saved", region: "eu", __pregel_resuming: true } },
  context: { locale: "pt", engine: "forged" },
  metadata: {},
  created_at: stamp,
  updated_at: stamp,
  version: 2,
  name: "mine",
  description: null,
};
const run: RunRecord = { run_id: "r1", thread_id: "t1", assistant_id: "a1", created_at: stamp, updated_at: stamp, status: "pending", metadata: {}, multitask_strategy: "reject", kwargs: {}, owner: "me", started_from: null };
const served = { graph: {} as ServableGraph, context: { engine: "the-engine" } };

describe("runInvocation", () => {
  it("puts the assistant's config and context under the run's, the server's context over both, and drops LangGraph's internal keys", () => {
    const body = runCreateSchema.parse({
      assistant_id: "a1",
      input: {},
      config: { configurable: { tier: "run", thread_id: "other", __pregel_checkpointer: "x" } },
      context: { engine: "also-forged" },
      metadata: { run_id: "forged", team: "a" },
    });
    const { graphOptions } = runInvocation(run, assistant, served, body, new AbortController().signal, false);
    expect(graphOptions.configurable).toEqual({ tier: "run", region: "eu", thread_id: "t1" });
    expect(graphOptions.context).toEqual({ locale: "pt", engine: "the-engine" });
    expect(graphOptions.metadata).toEqual({ team: "a", run_id: "r1", thread_id: "t1", graph_id: "gateway", assistant_id: "a1" });
  });
});

describe("withRunDurability", () => {
  const body = (extra: Record<string, unknown> = {}) => runCreateSchema.parse({ assistant_id: "gateway", input: {}, ...extra });

  it("saves only at exit for a run its caller waits for that asks for no durability", () => {
    expect(withRunDurability(body(), true).durability).toBe("exit");
    expect(withRunDurability(body({ stream_mode: ["values", "updates"] }), true).durability).toBe("exit");
  });

  it("leaves every other run as asked: background, cron, an explicit durability, checkpoints streamed", () => {
    expect(withRunDurability(body(), false).durability).toBeUndefined();
    expect(withRunDurability(body({ durability: "sync" }), true).durability).toBe("sync");
    expect(withRunDurability(body({ stream_mode: "checkpoints" }), true).durability).toBeUndefined();
    expect(withRunDurability(body({ stream_mode: ["values", "debug"] }), true).durability).toBeUndefined();
  });
});

describe("keepsCheckpointsInMemory", () => {
  const body = (extra: Record<string, unknown> = {}) => runCreateSchema.parse({ assistant_id: "gateway", input: {}, ...extra });

  it("keeps in memory the one checkpoint of a run its caller waits for that saves only at exit", () => {
    expect(keepsCheckpointsInMemory(withRunDurability(body(), true), true)).toBe(true);
    expect(keepsCheckpointsInMemory(body({ durability: "exit" }), true)).toBe(true);
  });

  it("writes to the database for every other run: background or cron, per-step durability, checkpoints streamed", () => {
    expect(keepsCheckpointsInMemory(body({ durability: "exit" }), false)).toBe(false);
    expect(keepsCheckpointsInMemory(body({ durability: "async" }), true)).toBe(false);
    expect(keepsCheckpointsInMemory(body({ durability: "exit", stream_mode: ["values", "checkpoints"] }), true)).toBe(false);
  });

  it("lends the checkpointer under LangGraph's key, which a caller's own configurable cannot carry", () => {
    const lent = new MemorySaver();
    expect(withLentCheckpointer({ thread_id: "t1" }, lent)).toEqual({ thread_id: "t1", __pregel_checkpointer: lent });
    expect(withLentCheckpointer({ thread_id: "t1" }, undefined)).toEqual({ thread_id: "t1" });
  });
});

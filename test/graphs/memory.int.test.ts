import { HumanMessage } from "@langchain/core/messages";
import { END, MessagesValue, START, StateGraph, StateSchema } from "@langchain/langgraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { openSqliteSaver, openSqliteStore } from "../../checkpoints/index.ts";
import { compileMemory, memoryStep } from "../../graphs/memory.ts";
import { defaultConfigInput } from "../../src/config/default-config.ts";
import { switchyardConfigSchema } from "../../src/config/schema.ts";
import { quietProfile, emulatorLauncher } from "../../src/emulators/index.ts";
import { memoryContext, memoryStateSchema } from "../../src/memory/index.ts";
import { startEngine, type StartedEngine } from "../../src/runtime/start-engine.ts";
import { syntheticHistory } from "../src/memory/history.ts";

const planted = {
  4: "I prefer invoices in EUR with the VAT shown per line.",
  30: "We decided to migrate the ledger to PostgreSQL 16.2 before the audit.",
  90: "Remind me to send the Q3 reconciliation report to Dana by Friday.",
};

describe("memory graph on the emulators", () => {
  let engine: StartedEngine;
  const saver = openSqliteSaver(":memory:");
  const store = openSqliteStore(":memory:");
  beforeAll(async () => {
    const config = switchyardConfigSchema.parse({ ...defaultConfigInput(), memory: { strategy: "window", summary: { model_group: "extract" } } });
    engine = await startEngine({ config, emulators: emulatorLauncher({ profile: quietProfile() }), seed: 1 });
  });
  afterAll(async () => engine.close());
  const graph = compileMemory({ checkpointer: saver, store });
  const run = (threadId: string, input: Parameters<typeof graph.invoke>[0]) => graph.invoke(input, { configurable: { thread_id: threadId }, context: { engine } });

  it("summarises a long thread through a routed emulator, keeps the planted facts, and shrinks the checkpoint", async () => {
    const history = syntheticHistory(40_000, { plant: planted });
    const state = await run("ada-1", { messages: history, memory: { user_id: "ada", strategy: "summary", budget_tokens: 6_000 } });
    const compaction = state.memory?.last_compaction;
    expect(compaction?.strategy).toBe("summary");
    expect(engine.config.deployments.map((deployment) => deployment.id)).toContain(compaction?.summariser?.split(",")[0]);
    expect(compaction?.compression_ratio).toBeGreaterThan(3);
    expect(compaction?.tokens_after).toBeLessThanOrEqual(6_000);
    const context = memoryContext(state.memory) ?? "";
    for (const fact of Object.values(planted)) expect(context).toContain(fact);
    const saved = await graph.getState({ configurable: { thread_id: "ada-1" } });
    expect(saved.values.messages.length).toBe(state.messages.length);
    expect(saved.values.messages.length).toBeLessThan(history.length / 5);
  });

  it("recalls a user's fact in a new thread, and not for another user", async () => {
    const question = () => new HumanMessage("Which currency should the invoices for the audit use?");
    const same = await run("ada-2", { messages: [question()], memory: { user_id: "ada" } });
    expect(same.memory?.recalled).toContain(planted[4]);
    expect(same.memory?.recall_latency_ms).toBeGreaterThanOrEqual(0);
    const other = await run("bob-1", { messages: [question()], memory: { user_id: "bob" } });
    expect(other.memory?.recalled ?? []).toEqual([]);
  });

  it("runs as a node of a host graph, whose history really shrinks", async () => {
    const Host = new StateSchema({
      messages: MessagesValue,
      memory: memoryStateSchema.optional(),
      request: z.object({ user_id: z.string().optional() }).optional(),
    });
    const host = new StateGraph(Host).addNode("memory_step", memoryStep).addEdge(START, "memory_step").addEdge("memory_step", END).compile({ checkpointer: openSqliteSaver(":memory:"), store });
    const history = syntheticHistory(30_000);
    const config = { configurable: { thread_id: "host-1" }, context: { engine } };
    const state = await host.invoke({ messages: history, request: { user_id: "ada" }, memory: { budget_tokens: 4_000 } }, config);
    expect(state.memory?.last_compaction?.strategy).toBe("window");
    expect(state.memory?.user_id).toBe("ada");
    expect(state.messages.length).toBeLessThan(history.length);
    expect(state.messages.at(-1)?.id).toBe(history.at(-1)?.id);
    expect((await host.getState(config)).values.messages.length).toBe(state.messages.length);
  });
});

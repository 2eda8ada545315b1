import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { END, START, StateGraph, StateSchema } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { openSqliteSaver } from "../../../checkpoints/index.ts";
import { CountedMessagesValue, countedMessagesValue, stampTokenCounts, TokenCounter, TOKEN_COUNTS_KEY } from "../../../src/memory/index.ts";
import { syntheticHistory } from "../memory/history.ts";

describe("token counts stamped where messages enter state", () => {
  it("survive a checkpoint round trip, so a new process's trim counts nothing", async () => {
    const State = new StateSchema({ messages: CountedMessagesValue });
    const graph = new StateGraph(State)
      .addNode("reply", (state: { messages: BaseMessage[] }) => ({ messages: [new AIMessage({ id: `a${state.messages.length}`, content: "Noted, the ledger runs on PostgreSQL 16." })] }))
      .addEdge(START, "reply")
      .addEdge("reply", END);
    const saver = openSqliteSaver(":memory:");
    const compiled = graph.compile({ checkpointer: saver });
    const config = { configurable: { thread_id: "t1" } };
    await compiled.invoke({ messages: syntheticHistory(5_000) }, config);
    await compiled.invoke({ messages: [new HumanMessage({ id: "late", content: "And the exports?" })] }, config);
    // Read back from SQLite: fresh objects, as in another process.
    const restored = (await compiled.getState(config)).values.messages as BaseMessage[];
    const counter = new TokenCounter("estimate");
    const total = counter.total(restored);
    expect(counter.statistics.misses).toBe(0);
    expect(counter.statistics.hits).toBe(restored.length);
    // The stamps are the counts a fresh count gives.
    for (const message of restored) delete (message.response_metadata as Record<string, unknown>)[TOKEN_COUNTS_KEY];
    const fresh = new TokenCounter("estimate");
    expect(fresh.total(restored)).toBe(total);
    expect(fresh.statistics.misses).toBe(restored.length);
  });

  it("are recounted when the content changed, and can include exact tokenizers", () => {
    const message = new HumanMessage({ id: "m", content: "We decided to ship on Friday." });
    stampTokenCounts([message], ["estimate", "o200k_base"]);
    const stamp = message.response_metadata[TOKEN_COUNTS_KEY] as Record<string, number>;
    expect(stamp.o200k_base).toBe(new TokenCounter("o200k_base").count(new HumanMessage("We decided to ship on Friday.")));
    message.content = "We decided to ship on Friday, after the audit of the ledger.";
    const counter = new TokenCounter("estimate");
    expect(counter.count(message)).toBeGreaterThan(stamp.estimate!);
    expect(counter.statistics.misses).toBe(1);
    expect(countedMessagesValue(["o200k_base"])).toBeDefined();
  });
});

import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { TokenCounter, tokenizerFor, TOKENS_PER_MESSAGE, REPLY_PRIMING_TOKENS } from "../../../src/memory/index.ts";
import { countTokens } from "../../../src/routing/index.ts";

describe("TokenCounter", () => {
  it("counts OpenAI models exactly with their encoding, others by estimate", () => {
    expect(tokenizerFor("openai", "gpt-4o-mini")).toBe("o200k_base");
    expect(tokenizerFor("openai", "gpt-4")).toBe("cl100k_base");
    expect(tokenizerFor("google-genai", "gemini-2.5-flash")).toBe("estimate");
    expect(tokenizerFor("ollama", "llama3.1")).toBe("estimate");
    const text = "We decided to ship version 2.4 of the billing API on Friday.";
    const counter = new TokenCounter("o200k_base");
    expect(counter.count(new HumanMessage(text))).toBe(countTokens(text, "gpt-4o") + TOKENS_PER_MESSAGE);
    expect(counter.total([])).toBe(REPLY_PRIMING_TOKENS);
  });

  it("counts each message once, and again when its content changes", () => {
    const counter = new TokenCounter("cl100k_base");
    const message = new HumanMessage({ id: "m1", content: "hello there" });
    const first = counter.count(message);
    counter.count(message);
    // A copy (as after a checkpoint round trip) hits the id + content-hash level.
    counter.count(new HumanMessage({ id: "m1", content: "hello there" }));
    expect(counter.statistics).toEqual({ hits: 2, misses: 1 });
    message.content = "hello there, and a much longer sentence follows now";
    expect(counter.count(message)).toBeGreaterThan(first);
    expect(counter.statistics.misses).toBe(2);
  });

  it("counts the tool calls an AI message carries", () => {
    const counter = new TokenCounter("o200k_base");
    const plain = counter.count(new AIMessage({ id: "a", content: "" }));
    const calling = counter.count(new AIMessage({ id: "b", content: "", tool_calls: [{ id: "c", name: "lookup_invoice", args: { invoice: 42 } }] }));
    expect(calling).toBeGreaterThan(plain + 5);
  });
});

import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { TokenCounter, tokenizerChoice, tokenizerFor, TOKENS_PER_MESSAGE, REPLY_PRIMING_TOKENS } from "../../../src/memory/index.ts";
import { countTokens } from "../../../src/routing/index.ts";

describe("TokenCounter", () => {
  it("counts OpenAI, Gemini and Llama 3 models exactly with their own tokenizers, others by estimate with a note", () => {
    expect(tokenizerFor("openai", "gpt-4o-mini")).toBe("o200k_base");
    expect(tokenizerFor("openai", "gpt-4")).toBe("cl100k_base");
    expect(tokenizerFor("google-genai", "gemini-2.5-flash")).toBe("gemini");
    expect(tokenizerFor("google-genai", "models/gemini-1.5-pro")).toBe("gemini");
    expect(tokenizerFor("ollama", "llama3.1")).toBe("llama3");
    expect(tokenizerFor("ollama", "llama3.2:3b")).toBe("llama3");
    expect(tokenizerFor("ollama", "meta-llama-3-8b-instruct")).toBe("llama3");
    expect(tokenizerFor("ollama", "llama2")).toBe("estimate");
    expect(tokenizerChoice("ollama", "mistral").note).toContain("estimated");
    expect(tokenizerChoice("ollama", "llama3.1").note).toBeUndefined();
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

import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { importanceOf, planPriority, priorityScore, TokenCounter, defaultPriorityWeights } from "../../../src/memory/index.ts";
import { syntheticHistory, toolPairsIntact } from "./history.ts";

describe("priority truncation", () => {
  const counter = new TokenCounter("estimate");

  it("scores decisions, preferences and numbers above small talk", () => {
    expect(importanceOf([new HumanMessage("We decided to use Postgres 16 for billing.")])).toBeGreaterThan(importanceOf([new HumanMessage("ok thanks")]));
    expect(importanceOf([new HumanMessage({ content: "ok", additional_kwargs: { memory_tags: ["decision"] } })])).toBeGreaterThan(1);
    const old = priorityScore({ importance: 3, age: 200, tokens: 100 }, defaultPriorityWeights);
    const recent = priorityScore({ importance: 3, age: 1, tokens: 100 }, defaultPriorityWeights);
    expect(recent).toBeGreaterThan(old);
  });

  it("fits a 200K-token history within 1% under budget, keeping important old messages", () => {
    const history = syntheticHistory(210_000, { plant: { 3: "We decided the invoice API must use idempotency keys." } });
    const budget = 60_000;
    const plan = planPriority(history, { budget, counter, weights: { recency_half_life: 5_000 } });
    expect(plan.tokensAfter).toBeLessThanOrEqual(budget);
    expect(plan.tokensAfter).toBeGreaterThanOrEqual(budget * 0.99);
    expect(plan.tokensAfter).toBe(counter.total(plan.kept));
    expect(toolPairsIntact(plan.kept)).toBe(true);
    expect(plan.kept.some((message) => message.id === "h3")).toBe(true);
    expect(plan.kept[0]?.id).toBe("system");
    expect(plan.kept.at(-1)?.id).toBe(history.at(-1)?.id);
  });

  it("weights are configurable: with recency alone it behaves like a window", () => {
    const history = syntheticHistory(20_000, { plant: { 3: "We decided the invoice API must use idempotency keys." } });
    const plan = planPriority(history, { budget: 5_000, counter, weights: { importance: 0, size: 0 } });
    expect(plan.kept.some((message) => message.id === "h3")).toBe(false);
  });
});

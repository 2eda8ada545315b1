import { HumanMessage, AIMessage, ToolMessage, SystemMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { planWindow, TokenCounter } from "../../../src/memory/index.ts";
import { syntheticHistory, toolPairsIntact } from "./history.ts";

describe("planWindow", () => {
  // The estimate counts fast; exact counting is token-accounting.test.ts's business.
  const counter = new TokenCounter("estimate");
  const history = syntheticHistory(210_000);

  it("trims a history over 200K tokens to within 1% under the budget, tool pairs intact", () => {
    expect(counter.total(history)).toBeGreaterThan(200_000);
    // Within 1% needs units smaller than 1% of the budget: the window stops at the first unit that does not fit.
    for (const budget of [50_000, 120_000, 190_000]) {
      const plan = planWindow(history, { budget, counter });
      expect(plan.trimmed).toBe(true);
      expect(plan.tokensAfter).toBe(counter.total(plan.kept));
      expect(plan.tokensAfter).toBeLessThanOrEqual(budget);
      expect(plan.tokensAfter).toBeGreaterThanOrEqual(budget * 0.99);
      expect(toolPairsIntact(plan.kept)).toBe(true);
      expect(plan.kept.length + plan.removed.length).toBe(history.length);
    }
  });

  it("keeps the system prompt and the newest messages, drops the oldest", () => {
    const plan = planWindow(history, { budget: 20_000, counter });
    expect(plan.kept[0]?.id).toBe("system");
    expect(plan.kept.at(-1)?.id).toBe(history.at(-1)?.id);
    const keptIndices = plan.kept.slice(1).map((message) => history.indexOf(message));
    expect(keptIndices).toEqual([...keptIndices].sort((left, right) => left - right));
    expect(plan.removed.some((message) => message.id === "h0")).toBe(true);
  });

  it("leaves a history that fits untouched", () => {
    const small = history.slice(0, 9);
    const plan = planWindow(small, { budget: 100_000, counter });
    expect(plan.trimmed).toBe(false);
    expect(plan.kept).toEqual(small);
  });

  it("keeps the last exchange even when it alone is over budget, and says so", () => {
    const messages = [
      new SystemMessage({ id: "s", content: "system" }),
      new HumanMessage({ id: "old", content: "an old question" }),
      new HumanMessage({ id: "last", content: "word ".repeat(500) }),
      new AIMessage({ id: "call", content: "", tool_calls: [{ id: "x", name: "search", args: {} }] }),
      new ToolMessage({ id: "result", tool_call_id: "x", content: "found" }),
    ];
    const plan = planWindow(messages, { budget: 100, counter });
    expect(plan.kept.map((message) => message.id)).toEqual(["s", "last", "call", "result"]);
    expect(plan.overBudget).toBe(true);
  });

  it("never separates a tool call from its result at the window's edge", () => {
    for (let budget = 300; budget < 3_000; budget += 37) {
      const plan = planWindow(history.slice(0, 60), { budget, counter });
      expect(toolPairsIntact(plan.kept)).toBe(true);
      expect(toolPairsIntact(plan.removed)).toBe(true);
    }
  });
});

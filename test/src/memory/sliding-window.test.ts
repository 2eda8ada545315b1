import { HumanMessage, AIMessage, ToolMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { groupUnits, pinnedUnits, planWindow, REPLY_PRIMING_TOKENS, TokenCounter } from "../../../src/memory/index.ts";
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

/** The window as first written: count every message, then walk back from the newest. The walk must decide the same. */
function countEverythingWindow(messages: readonly BaseMessage[], budget: number, counter: TokenCounter): string[] {
  const units = groupUnits(messages);
  const keep = pinnedUnits(units);
  let used = REPLY_PRIMING_TOKENS;
  for (const index of keep) used += units[index]!.messages.reduce((sum, message) => sum + counter.count(message), 0);
  for (let index = units.length - 1; index >= 0; index -= 1) {
    if (keep.has(index)) continue;
    const tokens = units[index]!.messages.reduce((sum, message) => sum + counter.count(message), 0);
    if (used + tokens > budget) break;
    used += tokens;
    keep.add(index);
  }
  return units.flatMap((unit, index) => (keep.has(index) ? unit.messages.map((message) => message.id ?? "") : []));
}

describe("planWindow counts only what its decision needs", () => {
  const history = syntheticHistory(210_000);

  it("counts the kept messages and the one at the edge, nothing older, and decides as counting everything would", () => {
    for (const budget of [5_000, 50_000, 120_000, 250_000]) {
      const counter = new TokenCounter("estimate");
      const plan = planWindow(history, { budget, counter });
      expect(plan.kept.map((message) => message.id)).toEqual(countEverythingWindow(history, budget, new TokenCounter("estimate")));
      // Every kept message, plus the unit that did not fit (one message, or a call with its result).
      expect(counter.statistics.misses - plan.kept.length).toBeLessThanOrEqual(plan.trimmed ? 2 : 0);
      expect(counter.statistics.misses).toBeLessThan(history.length * (plan.trimmed ? 0.7 : 1.01));
      // tokensBefore is still exact, counted when read.
      expect(plan.tokensBefore).toBe(new TokenCounter("estimate").total(history));
    }
  });

  const exchange = (id: string, question: string) => [new HumanMessage({ id: `${id}-q`, content: question }), new AIMessage({ id: `${id}-a`, content: "Noted." })];

  it("drops a huge message at the edge by its length bound, without counting it or anything older", () => {
    const counter = new TokenCounter("o200k_base");
    const pasted = "lorem ipsum dolor sit amet ".repeat(20_000);
    const messages = [new SystemMessage({ id: "s", content: "You are terse." }), ...exchange("old", "An old question."), ...exchange("paste", pasted), ...exchange("recent", "And now?"), ...exchange("last", "Thanks.")];
    // The pasted question alone is bounded at over 4,000 tokens (540,000 chars / 128), far more than a budget of 500 leaves.
    const plan = planWindow(messages, { budget: 500, counter });
    expect(plan.kept.map((message) => message.id)).toEqual(["s", "paste-a", "recent-q", "recent-a", "last-q", "last-a"]);
    expect(counter.statistics.misses).toBe(plan.kept.length);
    expect(plan.removed.map((message) => message.id)).toEqual(["old-q", "old-a", "paste-q"]);
  });

  it("counts exactly at the edge when the bound is loose: the message goes only if its real count does not fit", () => {
    // About 400 tokens of prose, whose length bound is only 2,000 / 128 = 16 tokens: the bound fits any budget here.
    const prose = "We moved the ledger to the new cluster on Friday night. ".repeat(36);
    const messages = [new SystemMessage({ id: "s", content: "You are terse." }), ...exchange("old", "Short."), ...exchange("edge", prose), ...exchange("last", "Thanks.")];
    const exact = new TokenCounter("o200k_base");
    const edgeTokens = exact.count(messages[3]!);
    const withoutEdge = exact.total(messages.filter((message) => !message.id?.startsWith("old") && message.id !== "edge-q"));
    expect(exact.atLeast(new HumanMessage(prose))).toBeLessThan(edgeTokens / 10);
    // One token short of the edge message: its bound fits, its count does not; the window stops there.
    const short = planWindow(messages, { budget: withoutEdge + edgeTokens - 1, counter: new TokenCounter("o200k_base") });
    expect(short.kept.map((message) => message.id)).toEqual(["s", "edge-a", "last-q", "last-a"]);
    expect(short.tokensAfter).toBe(withoutEdge);
    // Exactly enough: it stays, and the walk goes on to the older exchange.
    const enough = planWindow(messages, { budget: withoutEdge + edgeTokens, counter: new TokenCounter("o200k_base") });
    expect(enough.kept.map((message) => message.id)).toEqual(["s", "edge-q", "edge-a", "last-q", "last-a"]);
    expect(enough.tokensAfter).toBe(withoutEdge + edgeTokens);
  });
});

import { describe, expect, it } from "vitest";
import { compactHistory, memoryContext, memoryStateOf, TokenCounter, SUMMARISE_MARKER, type SummaryPrompt } from "../../../src/memory/index.ts";
import { extractiveSummary } from "../../../src/memory/extractive-summary.ts";
import { syntheticHistory, toolPairsIntact } from "./history.ts";

const facts = {
  5: "I prefer invoices in EUR with the VAT shown per line.",
  40: "We decided to migrate the ledger to PostgreSQL 16.2 before the audit.",
  300: "The export endpoint must answer within 250 ms at the 99th percentile.",
  600: "Remind me to send the Q3 reconciliation report to Dana by Friday.",
};
const planted = Object.values(facts);

describe("compactHistory", () => {
  const counter = new TokenCounter("estimate");
  const base = { counter, recentMessages: 10, detailedMessages: 30, now: () => 1_000 };

  it("folds a 200K-token history into summaries that keep every planted fact", async () => {
    const history = syntheticHistory(210_000, { plant: facts });
    const prompts: SummaryPrompt[] = [];
    const summarise = async (prompt: SummaryPrompt) => {
      prompts.push(prompt);
      return { text: extractiveSummary(prompt.user, prompt.level), by: "fake-deployment" };
    };
    const budget = 20_000;
    const result = await compactHistory(history, { ...base, strategy: "summary", budget, memory: memoryStateOf({}), summarise });
    expect(prompts.map((prompt) => prompt.level)).toEqual(["broad", "detailed"]);
    expect(prompts[0]?.system).toContain(SUMMARISE_MARKER);
    expect(prompts[0]?.system).toMatch(/decision.*preference.*specification.*pending action/s);
    const context = memoryContext(result.memory) ?? "";
    for (const fact of planted) expect(context).toContain(fact);
    expect(result.kept.length).toBeGreaterThanOrEqual(10);
    expect(result.kept[0]?.id).toBe("system");
    expect(toolPairsIntact(result.kept)).toBe(true);
    expect(result.memory.tokens).toBeLessThanOrEqual(budget);
    expect(result.compaction).toMatchObject({ strategy: "summary", summariser: "fake-deployment", summarised_messages: history.length - result.kept.length });
    expect(result.compaction?.compression_ratio).toBeGreaterThan(5);
    expect(counter.total(result.kept) + counter.text(context)).toBeLessThanOrEqual(budget);
  });

  it("ages the detailed summary into the broad one on the next compaction", async () => {
    const history = syntheticHistory(30_000, { plant: { 2: facts[5] } });
    const first = await compactHistory(history, { ...base, strategy: "summary", budget: 8_000, memory: memoryStateOf({}) });
    const more = [...first.kept, ...syntheticHistory(30_000).slice(1).map((message) => Object.assign(message, { id: `late-${message.id}` }))];
    const second = await compactHistory(more, { ...base, strategy: "summary", budget: 8_000, memory: first.memory });
    expect(second.memory.summary_broad).toContain(facts[5]);
    expect(second.memory.compactions).toBe(2);
  });

  it("falls back to the local extractive summary when the summariser fails", async () => {
    const history = syntheticHistory(30_000, { plant: { 2: facts[40] } });
    const result = await compactHistory(history, {
      ...base,
      strategy: "summary",
      budget: 8_000,
      memory: memoryStateOf({}),
      summarise: async () => {
        throw new Error("503");
      },
    });
    expect(result.compaction?.summariser).toBe("local");
    expect(memoryContext(result.memory)).toContain(facts[40]);
  });

  it("does nothing under budget or with strategy none", async () => {
    const history = syntheticHistory(30_000);
    for (const [strategy, budget] of [["window", 1_000_000], ["none", 100]] as const) {
      const result = await compactHistory(history, { ...base, strategy, budget, memory: memoryStateOf({}) });
      expect(result.removed).toEqual([]);
      expect(result.compaction).toBeUndefined();
    }
  });

  it("counts the memory context against the window's budget", async () => {
    const history = syntheticHistory(30_000);
    const memory = memoryStateOf({ summary_broad: "- (user) I prefer EUR. ".repeat(200) });
    const result = await compactHistory(history, { ...base, strategy: "window", budget: 10_000, memory });
    expect(counter.total(result.kept) + counter.text(memoryContext(result.memory) ?? "") + 4).toBeLessThanOrEqual(10_000);
    expect(result.memory.tokens).toBeLessThanOrEqual(10_000);
    expect(result.memory.tokens).toBeGreaterThanOrEqual(9_900);
  });

  it("records the exact size before a window trim, though the window itself counts only what it keeps", async () => {
    const history = syntheticHistory(30_000);
    const memory = memoryStateOf({ summary_detailed: "- (user) I prefer EUR." });
    const fresh = new TokenCounter("estimate");
    const result = await compactHistory(history, { ...base, counter: fresh, strategy: "window", budget: 10_000, memory });
    const reference = new TokenCounter("estimate");
    expect(result.compaction?.tokens_before).toBe(reference.total(history) + reference.text(memoryContext(memory) ?? "") + 4);
    expect(result.compaction?.removed_messages).toBe(history.length - result.kept.length);
  });
});

describe("compactHistory with a summary too large for the budget", () => {
  it("keeps the summaries within half the budget, newest lines first", async () => {
    const counter = new TokenCounter("estimate");
    const chatty = Object.fromEntries(Array.from({ length: 400 }, (_, turn) => [turn, `We decided item ${turn} must ship in version ${turn}.`]));
    const history = syntheticHistory(60_000, { plant: chatty });
    const result = await compactHistory(history, { counter, recentMessages: 10, detailedMessages: 30, now: () => 0, strategy: "summary", budget: 6_000, memory: memoryStateOf({}) });
    expect(counter.text(memoryContext(result.memory) ?? "")).toBeLessThanOrEqual(3_100);
    expect(result.memory.summary_broad).not.toContain("We decided item 1 must ship");
    expect(result.memory.summary_broad).toMatch(/We decided item \d+ must ship/);
    expect(result.kept.length).toBeGreaterThanOrEqual(10);
  });
});

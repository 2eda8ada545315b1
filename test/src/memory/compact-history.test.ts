import { AIMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
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
    // One request per compaction: the leaving messages, and the facts already kept, so none is repeated.
    expect(prompts.map((prompt) => prompt.level)).toEqual(["detailed"]);
    expect(prompts[0]?.system).toContain(SUMMARISE_MARKER);
    expect(prompts[0]?.system).toMatch(/names, numbers.*dates.*preferences, constraints, decisions.*pending actions/s);
    expect(prompts[0]?.system).toMatch(/replaces: <old value>/);
    expect(prompts[0]?.user).toMatch(/^Facts already kept:\n/);
    expect(prompts[0]?.user.split("Conversation:")[0]).toContain(`- ${facts[5]}`);
    const context = memoryContext(result.memory) ?? "";
    for (const fact of planted) expect(context).toContain(fact);
    expect(result.kept.length).toBeGreaterThanOrEqual(2);
    expect(result.kept[0]?.id).toBe("system");
    expect(toolPairsIntact(result.kept)).toBe(true);
    expect(result.memory.tokens).toBeLessThanOrEqual(budget);
    expect(result.compaction).toMatchObject({ strategy: "summary", summariser: "fake-deployment", summarised_messages: history.length - result.kept.length });
    expect(result.compaction?.compression_ratio).toBeGreaterThan(5);
    expect(counter.total(result.kept) + counter.text(context)).toBeLessThanOrEqual(budget);
  });

  it("keeps a ledger fact through later compactions, appending blocks so the earlier context stays a prefix", async () => {
    const chat = (from: number, count: number, plant: Record<number, string> = {}) =>
      Array.from({ length: count }, (_, offset) => {
        const turn = from + offset;
        const filler = "Could you explain again how the retry loop behaves when the upstream service is slow and the workers wait for it";
        return [new HumanMessage({ id: `h${turn}`, content: plant[turn] ?? `${filler}, thanks.` }), new AIMessage({ id: `a${turn}`, content: `${filler}: they back off and try again later, so nothing is lost.` })];
      }).flat();
    const history = [new SystemMessage({ id: "system", content: "You help the billing team." }), ...chat(0, 40, { 2: facts[5] })];
    const first = await compactHistory(history, { ...base, strategy: "summary", budget: 1_500, memory: memoryStateOf({}) });
    expect(first.memory.ledger.map((entry) => entry.text)).toEqual([facts[5]]);
    const second = await compactHistory([...first.kept, ...chat(40, 40, { 45: facts[40] })], { ...base, strategy: "summary", budget: 1_500, memory: first.memory });
    expect(second.memory.ledger.map((entry) => entry.text)).toEqual([facts[5], facts[40]]);
    expect(second.memory.ledger.map((entry) => entry.block)).toEqual([0, 1]);
    expect(memoryContext(second.memory)?.startsWith(memoryContext(first.memory) ?? "-")).toBe(true);
    expect(second.memory.compactions).toBe(2);
  });

  it("supersedes a corrected fact: the new value is in the ledger, the old one only in its history", async () => {
    const history = syntheticHistory(30_000, { plant: { 2: "Our contract renews on 14 March.", 40: "Actually, the renewal date is 2 October, not 14 March." } });
    const result = await compactHistory(history, { ...base, strategy: "summary", budget: 4_000, memory: memoryStateOf({}) });
    const context = memoryContext(result.memory) ?? "";
    expect(context).toContain("2 October");
    expect(context.split("\n").filter((line) => line.includes("14 March") && !line.includes("2 October"))).toEqual([]);
    expect(result.memory.ledger.find((entry) => entry.text.includes("2 October"))?.replaces).toEqual(["Our contract renews on 14 March."]);
  });

  it("folds on a correction's turn once the thread is half the budget: that request's prefix is lost anyway", async () => {
    const chat = (from: number, count: number) =>
      Array.from({ length: count }, (_, offset) => [new HumanMessage({ id: `h${from + offset}`, content: "Could you explain the retry loop again, slowly?" }), new AIMessage({ id: `a${from + offset}`, content: "It backs off and tries again later, so nothing is lost." })]).flat();
    const history = [new SystemMessage({ id: "system", content: "You help the billing team." }), new HumanMessage({ id: "fact", content: "The delivery window opens at 09:30." }), ...chat(0, 30)];
    const first = await compactHistory(history, { ...base, strategy: "summary", budget: 700, memory: memoryStateOf({}) });
    expect(first.memory.ledger.map((entry) => entry.text)).toEqual(["The delivery window opens at 09:30."]);
    const grown = [...first.kept, ...chat(30, 8), new HumanMessage({ id: "corrected", content: "Actually, the delivery window opens at 11:00." })];
    const before = counter.total(grown) + counter.text(memoryContext(first.memory) ?? "");
    expect(before).toBeLessThanOrEqual(700);
    expect(before).toBeGreaterThan(350);
    const second = await compactHistory(grown, { ...base, strategy: "summary", budget: 700, memory: first.memory });
    expect(second.memory.ledger.map((entry) => entry.text)).toEqual(["Actually, the delivery window opens at 11:00."]);
    // Under budget, yet folded.
    expect(second.compaction).toBeDefined();
    // Without a correction the same thread is left alone.
    const quiet = await compactHistory([...first.kept, ...chat(30, 9)], { ...base, strategy: "summary", budget: 700, memory: first.memory });
    expect(quiet.compaction).toBeUndefined();
  });

  it("folds a version-1 state's summaries into the ledger and a block", async () => {
    const memory = memoryStateOf({ summary_broad: `- (user) ${facts[5]}\n- (ai) We talked about exports.`, summary_detailed: "" });
    const result = await compactHistory(syntheticHistory(30_000), { ...base, strategy: "summary", budget: 8_000, memory });
    expect(result.memory.summary_broad).toBe("");
    expect(result.memory.ledger.map((entry) => entry.text)).toContain(facts[5]);
    expect(memoryContext(result.memory)).toContain("We talked about exports.");
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
  it("keeps the memory context within half the budget, the most salient statements first", async () => {
    const counter = new TokenCounter("estimate");
    const chatty = Object.fromEntries(Array.from({ length: 400 }, (_, turn) => [turn, `We decided item ${turn} must ship in version ${turn}.`]));
    const history = syntheticHistory(60_000, { plant: chatty });
    const result = await compactHistory(history, { counter, recentMessages: 10, detailedMessages: 30, now: () => 0, strategy: "summary", budget: 6_000, memory: memoryStateOf({}) });
    expect(counter.text(memoryContext(result.memory) ?? "")).toBeLessThanOrEqual(3_100);
    // The filler's sentences carry numbers too ("part 2 of turn 7"), but a decision outranks them all.
    const kept = result.memory.ledger.map((entry) => entry.text);
    expect(kept.length).toBeGreaterThan(20);
    expect(kept.every((text) => /We decided item \d+ must ship/.test(text))).toBe(true);
    expect(result.kept.length).toBeGreaterThanOrEqual(2);
  });
});

describe("compactHistory with a summariser model", () => {
  it("takes the model's Facts lines into the ledger, a (replaces: …) line as a correction, and its Summary lines as the block", async () => {
    const counter = new TokenCounter("estimate");
    const history = syntheticHistory(30_000, { plant: { 2: "We have 37 seats on the plan." } });
    const summarise = async () => ({
      text: "Facts:\n- The plan covers 52 seats (replaces: 37 seats)\n- Dana approves refunds above 300 euros\nSummary:\n- Discussed how the retry loop drains the queue.",
      by: "model-a",
    });
    const result = await compactHistory(history, { counter, recentMessages: 10, detailedMessages: 30, now: () => 0, strategy: "summary", budget: 8_000, memory: memoryStateOf({}), summarise });
    const ledger = result.memory.ledger.map((entry) => entry.text);
    expect(ledger).toContain("The plan covers 52 seats");
    expect(ledger).toContain("Dana approves refunds above 300 euros");
    expect(ledger).not.toContain("We have 37 seats on the plan.");
    expect(result.memory.summary_blocks.at(-1)).toContain("- Discussed how the retry loop drains the queue.");
    expect(result.compaction?.summariser).toBe("model-a");
  });
});

describe("compactHistory on a hostile caller's message", () => {
  // Every sentence kind the ledger joins or retires (a subjectless value, a retired one, a topic question, a cue,
  // a relative date, a value in words): a loop not bounded by the input's size shows here as seconds of CPU.
  const kinds = ["Leontyne.", "Casimir fell through.", "The line speed?", "Forget it.", "It's before 6 in the morning.", "eighteen months fell through.", "Make it the last weekend of March instead.", "Update from their side: 08:15.", "Our practice manager is Casimir."];
  it("compacts a message of 50,000 sentences in well under a second of CPU", async () => {
    const text = Array.from({ length: 50_000 }, (_, index) => kinds[index % kinds.length]!.replace("08:15", `08:${String(index % 60).padStart(2, "0")}`)).join(" ");
    const messages = [new SystemMessage({ id: "system", content: "You are a helpful assistant." }), new HumanMessage({ id: "h0", content: "Our practice manager is Casimir." }), new AIMessage({ id: "a0", content: "Noted." }), new HumanMessage({ id: "h1", content: text })];
    const counter = new TokenCounter("estimate");
    const started = process.cpuUsage();
    const result = await compactHistory(messages, { counter, recentMessages: 10, detailedMessages: 30, now: () => 1_000, strategy: "summary", budget: 4_000, memory: memoryStateOf({}) });
    const cpu = process.cpuUsage(started);
    // The newest message stays whatever its size (the last exchange is never cut); the memory context keeps its share.
    expect(result.kept.at(-1)?.id).toBe("h1");
    expect(result.memory.ledger.length).toBeGreaterThan(0);
    expect(memoryContext(result.memory)?.length ?? 0).toBeLessThan(4_000 * 4);
    expect((cpu.user + cpu.system) / 1_000).toBeLessThan(1_000);
  });
});

/**
 * Memory: trimming a 200K-token history (cold: nothing counted yet; incremental: one message appended to
 * a counted history), against @langchain/core's trimMessages with the same counter and no cache; and
 * recall over 10,000 stored facts in the SQLite store, against scanning them with search.
 */
import { AIMessage, HumanMessage, SystemMessage, ToolMessage, trimMessages, type BaseMessage } from "@langchain/core/messages";
import { openSqliteStore } from "../checkpoints/index.ts";
import { countText, extractFacts, factsNamespace, keywordsOf, planWindow, recallFacts, rememberFacts, TokenCounter } from "../src/memory/index.ts";
import { percentile } from "../src/telemetry/index.ts";
import type { BenchResult } from "./types.ts";

function history(targetTokens: number, salt: string): BaseMessage[] {
  const messages: BaseMessage[] = [new SystemMessage({ id: `${salt}-s`, content: "You are a careful assistant for the billing team." })];
  let tokens = 0;
  for (let turn = 0; tokens < targetTokens; turn += 1) {
    const text = `Turn ${turn} (${salt}): could you explain how the retry loop behaves when the upstream invoice service is slow, and what the workers do meanwhile? `.repeat(3);
    messages.push(new HumanMessage({ id: `${salt}-h${turn}`, content: text }));
    if (turn % 5 === 4) {
      messages.push(new AIMessage({ id: `${salt}-c${turn}`, content: "", tool_calls: [{ id: `${salt}-k${turn}`, name: "lookup", args: { turn } }] }));
      messages.push(new ToolMessage({ id: `${salt}-t${turn}`, tool_call_id: `${salt}-k${turn}`, content: `result ${turn}` }));
    }
    messages.push(new AIMessage({ id: `${salt}-a${turn}`, content: text }));
    tokens += countText(text, "estimate") * 2 + 10;
  }
  return messages;
}

function time(action: () => void): number {
  const started = performance.now();
  action();
  return performance.now() - started;
}

async function timeAsync(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

export async function run(): Promise<BenchResult> {
  const budget = 100_000;
  const cold: number[] = [];
  const baseline: number[] = [];
  const incremental: number[] = [];
  for (let round = 0; round < 7; round += 1) {
    const messages = history(200_000, `r${round}`);
    const counter = new TokenCounter("estimate");
    cold.push(time(() => planWindow(messages, { budget, counter })));
    for (let step = 0; step < 20; step += 1) {
      messages.push(new HumanMessage({ id: `r${round}-new${step}`, content: `One more question, number ${step}.` }));
      incremental.push(time(() => planWindow(messages, { budget, counter })));
    }
    const copy = history(200_000, `b${round}`);
    const started = performance.now();
    await trimMessages(copy, { maxTokens: budget, strategy: "last", includeSystem: true, startOn: "human", tokenCounter: (list) => list.reduce((sum, message) => sum + countText(String(message.content), "estimate") + 4, 3) });
    baseline.push(performance.now() - started);
  }
  const exact = history(200_000, "exact");
  const exactCold = time(() => planWindow(exact, { budget, counter: new TokenCounter("o200k_base") }));

  const store = openSqliteStore(":memory:");
  const topics = ["invoices", "ledger", "exports", "refunds", "audits", "payroll", "taxes", "reports", "alerts", "queues"];
  const facts = Array.from({ length: 10_000 }, (_, index) => new HumanMessage(`I prefer ${topics[index % 10]} for client ${index} to use format v${index % 97} and currency code C${index % 31}.`));
  for (let start = 0; start < facts.length; start += 500) await rememberFacts(store, "bench-user", extractFacts(facts.slice(start, start + 500)), { now: () => start });
  const queries = Array.from({ length: 100 }, (_, index) => `Which format should client ${index * 97} use for ${topics[index % 10]}?`);
  const recall: number[] = [];
  const scan: number[] = [];
  for (const query of queries) recall.push(await timeAsync(() => recallFacts(store, "bench-user", query, { limit: 8 })));
  for (const query of queries.slice(0, 10)) {
    scan.push(
      await timeAsync(async () => {
        const words = new Set(keywordsOf(query));
        const items = await store.search(factsNamespace("bench-user"), { limit: 10_000 });
        return items.map((item) => ({ item, score: ((item.value.keywords ?? []) as string[]).filter((word) => words.has(word)).length })).sort((left, right) => right.score - left.score).slice(0, 8);
      }),
    );
  }
  const hit = await recallFacts(store, "bench-user", queries[3]!, { limit: 1 });
  store.close();

  const median = (values: number[]) => percentile(values, 0.5);
  return {
    name: "memory",
    figures: [
      { metric: "trim 200K tokens, cold (estimate counted)", value: median(cold), unit: "ms", goal: 5, baseline: "trimMessages, uncached", ratio: median(cold) / median(baseline) },
      { metric: "trim 200K tokens, incremental (+1 message)", value: median(incremental), unit: "ms", goal: 1, baseline: "trimMessages, uncached", ratio: median(incremental) / median(baseline) },
      { metric: "trimMessages 200K tokens (baseline)", value: median(baseline), unit: "ms" },
      { metric: "trim 200K tokens, cold (o200k_base exact count)", value: exactCold, unit: "ms" },
      { metric: "recall p50, 10,000 facts (SQLite store)", value: median(recall), unit: "ms", goal: 10, baseline: "search + rank all", ratio: median(recall) / median(scan) },
      { metric: "recall p95, 10,000 facts (SQLite store)", value: percentile(recall, 0.95), unit: "ms", goal: 10 },
      { metric: "search + rank all 10,000 facts (baseline)", value: median(scan), unit: "ms" },
      { metric: "recall top hit is the asked client's fact", value: hit[0]?.text.includes(`client ${3 * 97} `) ? 1 : 0, unit: "bool" },
    ],
  };
}

import type { BaseMessage } from "@langchain/core/messages";
import type { MemoryStrategyName } from "../config/memory-config.ts";
import { extractiveSummary } from "./extractive-summary.ts";
import { memoryContext, type CompactionRecord, type MemoryState } from "./memory-state.ts";
import { planPriority, type PriorityWeights } from "./priority.ts";
import { planWindow } from "./sliding-window.ts";
import { planSummary, summaryPrompt, transcriptOf, type SummaryPrompt } from "./summary-plan.ts";
import type { TokenCounter } from "./token-accounting.ts";
import type { TrimPlan } from "./trim-plan.ts";

/** The newest lines of a summary that fit in `maxTokens`. */
function keepNewestLines(text: string, maxTokens: number, counter: TokenCounter): string {
  if (counter.text(text) <= maxTokens) return text;
  const lines = text.split("\n");
  const kept: string[] = [];
  let used = 0;
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const tokens = counter.text(lines[index]!) + 1;
    if (used + tokens > maxTokens) break;
    used += tokens;
    kept.unshift(lines[index]!);
  }
  return kept.join("\n");
}

/** Calls the summariser model; `by` names who answered (a deployment id). */
export type Summarise = (prompt: SummaryPrompt) => Promise<{ text: string; by: string }>;

export interface CompactOptions {
  strategy: MemoryStrategyName;
  /** Tokens the request may use: history plus memory context plus reply priming. */
  budget: number;
  counter: TokenCounter;
  memory: MemoryState;
  recentMessages: number;
  detailedMessages: number;
  weights?: Partial<PriorityWeights>;
  /** Absent, or failing, means the local extractive summary. */
  summarise?: Summarise;
  now: () => number;
}

/** The outcome: messages to remove from the thread, and the memory state to write. */
export interface CompactResult {
  removed: BaseMessage[];
  kept: BaseMessage[];
  memory: MemoryState;
  compaction?: CompactionRecord;
}

/**
 * One memory step: when history plus memory context is over budget, trims it by the thread's strategy.
 * The summary strategy first folds the older messages into the broad and detailed summaries, then trims
 * the rest by window if the recent messages alone still do not fit.
 */
export async function compactHistory(messages: readonly BaseMessage[], options: CompactOptions): Promise<CompactResult> {
  const { counter, strategy, budget, now } = options;
  const startedAt = now();
  const contextTokens = (memory: MemoryState) => {
    const text = memoryContext(memory);
    return text === undefined ? 0 : counter.text(text) + 4;
  };
  const contextBefore = contextTokens(options.memory);
  // The window counts only the messages it keeps (see planWindow); the other strategies need every count.
  const window = strategy === "window" ? planWindow(messages, { budget: Math.max(0, budget - contextBefore), counter }) : undefined;
  let before: number | undefined;
  const tokensBefore = () => (before ??= (window?.tokensBefore ?? counter.total(messages)) + contextBefore);
  const fits = window !== undefined ? !window.trimmed && !window.overBudget : tokensBefore() <= budget;
  const noChange = (memory: MemoryState): CompactResult => ({ removed: [], kept: [...messages], memory: { ...memory, tokens: tokensBefore(), budget } });
  if (strategy === "none" || fits) return noChange(options.memory);

  let memory = options.memory;
  let kept: readonly BaseMessage[] = messages;
  const removed: BaseMessage[] = [];
  let summaryFacts: Pick<CompactionRecord, "compression_ratio" | "summarised_messages" | "summariser"> = {};
  if (strategy === "summary") {
    const plan = planSummary(messages, { recentMessages: options.recentMessages, detailedMessages: options.detailedMessages });
    if (plan.broad.length + plan.detailed.length > 0) {
      const ask = async (prompt: SummaryPrompt) => {
        if (options.summarise !== undefined) {
          try {
            const answer = await options.summarise(prompt);
            if (answer.text.trim() !== "") return answer;
          } catch {
            // An unreachable summariser must not lose the history: the extractive summary stands in.
          }
        }
        return { text: extractiveSummary(prompt.user, prompt.level), by: "local" };
      };
      // The old detailed summary ages into the broad one; the messages leaving verbatim become the new detailed one.
      const previousBroad = [memory.summary_broad, memory.summary_detailed].filter((text) => text.trim() !== "").join("\n");
      const broad = plan.broad.length > 0 || memory.summary_detailed.trim() !== "" ? await ask(summaryPrompt("broad", transcriptOf(plan.broad), previousBroad)) : { text: memory.summary_broad, by: "" };
      const detailed = plan.detailed.length > 0 ? await ask(summaryPrompt("detailed", transcriptOf(plan.detailed))) : { text: "", by: "" };
      const summarised = [...plan.broad, ...plan.detailed];
      const sourceTokens = counter.total(summarised);
      const summaryTokens = Math.max(1, counter.text(broad.text) + counter.text(detailed.text));
      // Summaries may use at most half the budget, the oldest broad lines going first, so the recent messages stay verbatim.
      const detailedText = keepNewestLines(detailed.text, budget / 4, counter);
      const broadText = keepNewestLines(broad.text, budget / 2 - counter.text(detailedText), counter);
      memory = { ...memory, summary_broad: broadText, summary_detailed: detailedText };
      removed.push(...summarised);
      kept = plan.verbatim;
      summaryFacts = {
        compression_ratio: sourceTokens / summaryTokens,
        summarised_messages: summarised.length,
        summariser: [...new Set([broad.by, detailed.by].filter((by) => by !== ""))].join(",") || "local",
      };
    }
  }
  const messageBudget = Math.max(0, budget - contextTokens(memory));
  let trim: TrimPlan;
  if (strategy === "priority") trim = planPriority(kept, { budget: messageBudget, counter, ...(options.weights ? { weights: options.weights } : {}) });
  else trim = window ?? planWindow(kept, { budget: messageBudget, counter });
  removed.push(...trim.removed);
  const after = trim.tokensAfter + contextTokens(memory);
  const compaction: CompactionRecord = {
    strategy,
    at: startedAt,
    tokens_before: tokensBefore(),
    tokens_after: after,
    budget,
    removed_messages: removed.length,
    ...summaryFacts,
    duration_ms: Math.max(0, now() - startedAt),
  };
  return {
    removed,
    kept: trim.kept,
    memory: { ...memory, tokens: after, budget, compactions: memory.compactions + 1, last_compaction: compaction },
    compaction,
  };
}

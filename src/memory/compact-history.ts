import type { BaseMessage } from "@langchain/core/messages";
import type { MemoryStrategyName } from "../config/memory-config.ts";
import { applyNewestCorrections, foldIntoMemory, type Summarise } from "./fold-summary.ts";
import { memoryContext, type CompactionRecord, type MemoryState } from "../state/memory-state.ts";
import { planPriority, type PriorityWeights } from "./priority.ts";
import { planWindow } from "./sliding-window.ts";
import type { TokenCounter } from "./token-accounting.ts";
import type { TrimPlan } from "./trim-plan.ts";

export type { Summarise } from "./fold-summary.ts";

export interface CompactOptions {
  strategy: MemoryStrategyName;
  /** Tokens the request may use: history plus memory context plus reply priming. */
  budget: number;
  counter: TokenCounter;
  memory: MemoryState;
  recentMessages: number;
  /** Kept for config compatibility: the summary strategy now sizes its verbatim part by tokens (see RECENT_SHARE). */
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
 * The summary strategy first folds the older messages into the fact ledger and an appended summary block
 * (see foldIntoMemory), then trims the rest by window if the recent messages alone still do not fit.
 */
/** Share of the budget above which a correction's turn folds early (see compactHistory). */
const EARLY_FOLD_SHARE = 0.5;

export async function compactHistory(messages: readonly BaseMessage[], options: CompactOptions): Promise<CompactResult> {
  const { counter, strategy, budget, now } = options;
  const startedAt = now();
  const contextTokens = (memory: MemoryState) => {
    const text = memoryContext(memory);
    return text === undefined ? 0 : counter.text(text) + 4;
  };
  // A correction in the newest message supersedes its ledger line now, not when the message is compacted.
  const current = strategy === "summary" ? applyNewestCorrections(options.memory, messages) : options.memory;
  const contextBefore = contextTokens(current);
  // The window counts only the messages it keeps (see planWindow); the other strategies need every count.
  const window = strategy === "window" ? planWindow(messages, { budget: Math.max(0, budget - contextBefore), counter }) : undefined;
  let before: number | undefined;
  const tokensBefore = () => (before ??= (window?.tokensBefore ?? counter.total(messages)) + contextBefore);
  const fits = window !== undefined ? !window.trimmed && !window.overBudget : tokensBefore() <= budget;
  const noChange = (memory: MemoryState): CompactResult => ({ removed: [], kept: [...messages], memory: { ...memory, tokens: tokensBefore(), budget } });
  // A correction rewrote the context's middle, so this request's cached prefix is lost anyway: once the
  // thread is half the budget, fold now rather than lose the prefix again a few turns later.
  const earlyFold = strategy === "summary" && current !== options.memory && tokensBefore() > budget * EARLY_FOLD_SHARE;
  if (strategy === "none" || (fits && !earlyFold)) return noChange(current);

  let memory = current;
  let kept: readonly BaseMessage[] = messages;
  const removed: BaseMessage[] = [];
  let summaryFacts: Pick<CompactionRecord, "compression_ratio" | "summarised_messages" | "summariser"> = {};
  if (strategy === "summary") {
    const folded = await foldIntoMemory(messages, { budget, counter, memory, recentMessages: options.recentMessages, ...(options.summarise ? { summarise: options.summarise } : {}) });
    if (folded !== undefined) {
      memory = folded.memory;
      removed.push(...folded.summarised);
      kept = folded.verbatim;
      summaryFacts = { compression_ratio: folded.compressionRatio, summarised_messages: folded.summarised.length, summariser: folded.summariser };
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

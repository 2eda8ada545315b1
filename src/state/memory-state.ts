import { z } from "zod";
import { memoryStrategyNames } from "../config/memory-config.ts";
import { ledgerEntrySchema } from "./ledger-entry.ts";

/**
 * Version of the persisted memory state. 1: the two summary strings; 2: adds the fact ledger and the
 * append-only summary blocks. A state without a version is read as the current one (every field added
 * since has a default); a newer version is refused rather than half-read.
 */
export const MEMORY_STATE_VERSION = 2;

/** Blocks a state may hold; a compaction merges them long before (see foldIntoMemory). */
export const MAX_SUMMARY_BLOCKS = 10_000;

/** One compaction, as recorded in state: what it cost and what it saved. */
export const compactionRecordSchema = z.object({
  strategy: z.enum(memoryStrategyNames),
  at: z.number(),
  tokens_before: z.number().int().nonnegative(),
  tokens_after: z.number().int().nonnegative(),
  budget: z.number().int().nonnegative(),
  removed_messages: z.number().int().nonnegative(),
  /** Summary strategy: tokens of the messages summarised over tokens of the summaries written. */
  compression_ratio: z.number().optional(),
  summarised_messages: z.number().int().nonnegative().optional(),
  /** The deployment that wrote the summary, or `local` for the extractive fallback. */
  summariser: z.string().optional(),
  duration_ms: z.number().nonnegative(),
});
export type CompactionRecord = z.infer<typeof compactionRecordSchema>;

/**
 * The memory half of a thread's state (the `memory` key of the memory graph, and of the gateway's state).
 * Checkpointed, hence zod: rows read back from disk are a trust edge.
 */
export const memoryStateSchema = z.object({
  version: z.number().int().min(1).max(MEMORY_STATE_VERSION, { message: `memory.version is newer than this build reads (${MEMORY_STATE_VERSION}). Fix: upgrade switchyard, or start a new thread.` }).optional(),
  /** Whose cross-session facts are stored and recalled; no recall without it. */
  user_id: z.string().optional(),
  /** Per-thread overrides of the config. */
  strategy: z.enum(memoryStrategyNames).optional(),
  budget_tokens: z.number().int().positive().optional(),
  summary_broad: z.string().default(""),
  summary_detailed: z.string().default(""),
  /** Salient statements kept verbatim through every compaction; corrections supersede (version 2). */
  ledger: z.array(ledgerEntrySchema).default([]),
  /** One summary block per compaction, appended; merged only when they outgrow their share (version 2). */
  summary_blocks: z.array(z.string()).max(MAX_SUMMARY_BLOCKS, { message: `memory.summary_blocks has more than ${MAX_SUMMARY_BLOCKS} blocks. Fix: merge them (a compaction does), or start a new thread.` }).default([]),
  /** Facts recalled from earlier threads of this user for the current turn. */
  recalled: z.array(z.string()).default([]),
  /** Id of the last message whose facts were stored, so each message is read once. */
  remembered_through: z.string().optional(),
  /** Tokens of the history plus memory context after the last memory step, and the budget it was held to. */
  tokens: z.number().int().nonnegative().optional(),
  budget: z.number().int().nonnegative().optional(),
  compactions: z.number().int().nonnegative().default(0),
  last_compaction: compactionRecordSchema.optional(),
  recall_latency_ms: z.number().nonnegative().optional(),
});
export type MemoryState = z.output<typeof memoryStateSchema>;
export type MemoryStateInput = z.input<typeof memoryStateSchema>;

/** Memory states this process's parse returned: handed back as they are rather than parsed again. */
const parsedStates = new WeakSet<object>();

/**
 * A parsed memory state, defaults filled in (for a thread that has none yet). A value this function returned
 * before comes back as it is: the memory step passes one state through recall and compaction, which parsed it
 * again at each hand-over (five zod passes a request, each over the whole ledger and summary blocks, so
 * growing with the thread). Anything else (a checkpoint row, an update, a spread copy) is parsed.
 */
export function memoryStateOf(value: unknown): MemoryState {
  if (typeof value === "object" && value !== null && parsedStates.has(value)) return value as MemoryState;
  const parsed = memoryStateSchema.parse(value ?? {});
  parsedStates.add(parsed);
  return parsed;
}

/** The heading of the conversation memory: the ledger lines and summary blocks, oldest first. */
export const MEMORY_HEADING = "Memory of the earlier conversation, oldest first (where two lines disagree, the later one is current):";

/**
 * The system text a model call should carry for this memory: what was compacted away (the ledger and
 * summary blocks, block by block, so a compaction appends), and the facts recalled from earlier threads
 * last, since they change every turn. Undefined when there is nothing to say.
 */
export function memoryContext(memory: Pick<MemoryState, "summary_broad" | "summary_detailed" | "recalled"> & Partial<Pick<MemoryState, "ledger" | "summary_blocks">> | undefined): string | undefined {
  if (memory === undefined) return undefined;
  const parts: string[] = [];
  if (memory.summary_broad.trim() !== "") parts.push(`Summary of the earlier conversation:\n${memory.summary_broad}`);
  const ledger = memory.ledger ?? [];
  const blocks = memory.summary_blocks ?? [];
  // Grouped by block number, not looped up to the highest: a block number read from a checkpoint may be anything.
  const byBlock = new Map<number, string[]>();
  const linesOf = (block: number) => byBlock.get(block) ?? byBlock.set(block, []).get(block)!;
  for (const entry of ledger) linesOf(entry.block).push(`- ${entry.text}`);
  blocks.forEach((summary, block) => {
    if (summary.trim() !== "") linesOf(block).push(summary.trim());
  });
  const lines = [...byBlock.keys()].sort((left, right) => left - right).flatMap((block) => byBlock.get(block)!);
  if (lines.length > 0) parts.push(`${MEMORY_HEADING}\n${lines.join("\n")}`);
  if (memory.summary_detailed.trim() !== "") parts.push(`Summary of the recent conversation, in detail:\n${memory.summary_detailed}`);
  if (memory.recalled.length > 0) parts.push(`What this user told you in earlier conversations:\n${memory.recalled.map((fact) => `- ${fact}`).join("\n")}`);
  return parts.length === 0 ? undefined : parts.join("\n\n");
}

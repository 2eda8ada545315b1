import { z } from "zod";
import { memoryStrategyNames } from "../config/memory-config.ts";

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
  /** Whose cross-session facts are stored and recalled; no recall without it. */
  user_id: z.string().optional(),
  /** Per-thread overrides of the config. */
  strategy: z.enum(memoryStrategyNames).optional(),
  budget_tokens: z.number().int().positive().optional(),
  summary_broad: z.string().default(""),
  summary_detailed: z.string().default(""),
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

/** A parsed memory state, defaults filled in (for a thread that has none yet). */
export function memoryStateOf(value: unknown): MemoryState {
  return memoryStateSchema.parse(value ?? {});
}

/**
 * The system text a model call should carry for this memory: the summaries of what was compacted away
 * and the facts recalled from earlier threads. Undefined when there is nothing to say.
 */
export function memoryContext(memory: Pick<MemoryState, "summary_broad" | "summary_detailed" | "recalled"> | undefined): string | undefined {
  if (memory === undefined) return undefined;
  const parts: string[] = [];
  if (memory.summary_broad.trim() !== "") parts.push(`Summary of the earlier conversation:\n${memory.summary_broad}`);
  if (memory.summary_detailed.trim() !== "") parts.push(`Summary of the recent conversation, in detail:\n${memory.summary_detailed}`);
  if (memory.recalled.length > 0) parts.push(`What this user told you in earlier conversations:\n${memory.recalled.map((fact) => `- ${fact}`).join("\n")}`);
  return parts.length === 0 ? undefined : parts.join("\n\n");
}

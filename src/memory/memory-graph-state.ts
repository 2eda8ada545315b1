import { StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { CountedMessagesValue } from "../state/counted-messages.ts";
import { memoryStateSchema } from "../state/memory-state.ts";

/** Where the next call may go, so the budget fits its context window (see `memoryBudget`). */
export const memoryTargetSchema = z.object({
  deployment: z.string().optional(),
  model_group: z.string().optional(),
});

/**
 * The memory graph's state: the conversation (with RemoveMessage support, token counts stamped as messages
 * enter), the memory fields, and the target the budget is sized for. The gateway shares `messages` and `memory` with it.
 */
export const MemoryGraphState = new StateSchema({
  messages: CountedMessagesValue,
  memory: memoryStateSchema.optional(),
  memory_target: memoryTargetSchema.optional(),
});

export type MemoryGraphValue = typeof MemoryGraphState.State;
export type MemoryGraphUpdate = typeof MemoryGraphState.Update;

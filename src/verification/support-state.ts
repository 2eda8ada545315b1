import { MessagesValue, ReducedValue, StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { toolExecutionSchema, type ToolExecution } from "./support-tools.ts";

const toolCallSchema = z.object({ id: z.string(), name: z.string(), args: z.record(z.string(), z.unknown()) });
export type PendingToolCall = z.infer<typeof toolCallSchema>;

export const monitorStateSchema = z.object({
  values: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])),
  counts: z.record(z.string(), z.number()),
  last_action: z.string().optional(),
});

const blockedCallSchema = z.object({ id: z.string(), tool: z.string(), args: z.record(z.string(), z.unknown()), reasons: z.array(z.string()) });
export type BlockedCall = z.infer<typeof blockedCallSchema>;

const append = <T>(schema: z.ZodType<T>) =>
  new ReducedValue(z.array(schema).default(() => []), { inputSchema: z.array(schema), reducer: (current: T[], next: T[]) => [...current, ...next] });

/** The support agent's state: the conversation, the monitor's per-thread state, and what ran or was stopped. */
export const SupportAgentState = new StateSchema({
  messages: MessagesValue,
  monitor: monitorStateSchema.optional(),
  /** Calls the monitor let through, for the tools node. */
  pending: z.array(toolCallSchema).default(() => []),
  blocked: append(blockedCallSchema),
  executed: append<ToolExecution>(toolExecutionSchema),
  turns: z.number().int().default(0),
});

export type SupportAgentStateValue = typeof SupportAgentState.State;
export type SupportAgentStateUpdate = typeof SupportAgentState.Update;

import { MessagesValue, ReducedValue, StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { EnforcementFieldError } from "../errors.ts";
import { toolExecutionSchema, type ToolExecution } from "./support-tools.ts";

const toolCallSchema = z.object({
  /** The model's tool call id (ToolMessages answer it). */
  id: z.string(),
  /** The call's id in the ledger: the proposing message's id and the tool call id (unique per thread). */
  ledger_id: z.string(),
  name: z.string(),
  args: z.record(z.string(), z.unknown()),
});
export type PendingToolCall = z.infer<typeof toolCallSchema>;

const scalar = z.union([z.number(), z.boolean(), z.string()]);
export const monitorStateSchema = z.object({
  values: z.record(z.string(), scalar),
  counts: z.record(z.string(), z.number()),
  last_action: z.string().optional(),
  scoped: z.record(z.string(), z.number()).optional(),
  facts: z.record(z.string(), scalar).optional(),
});
type MonitorMirror = z.infer<typeof monitorStateSchema>;

const blockedCallSchema = z.object({ id: z.string(), tool: z.string(), args: z.record(z.string(), z.unknown()), reasons: z.array(z.string()) });
export type BlockedCall = z.infer<typeof blockedCallSchema>;

const counterexampleSchema = z.object({
  step: z.number(),
  action: z.string(),
  rule: z.string(),
  text: z.string(),
  reason: z.string(),
  symbols: z.record(z.string(), scalar),
  state: z.record(z.string(), scalar),
});
const proofSchema = z.object({ status: z.enum(["proved", "violated"]), key: z.string(), steps: z.array(z.object({ action: z.string(), args: z.record(z.string(), z.unknown()) })), counterexample: counterexampleSchema.optional() });
export type ProofRecord = z.infer<typeof proofSchema>;

const append = <T>(schema: z.ZodType<T>) =>
  new ReducedValue(z.array(schema).default(() => []), { inputSchema: z.array(schema), reducer: (current: T[], next: T[]) => [...current, ...next] });

/**
 * A read-only mirror of the ledger-derived monitor state, for display. Nothing decides from it; still, a write
 * (`updateState`, a forged `Command`) can never lower a count in it.
 */
const monitorMirror = new ReducedValue(monitorStateSchema.optional(), {
  inputSchema: monitorStateSchema,
  reducer: (current: MonitorMirror | undefined, next: MonitorMirror) => {
    const counts = { ...next.counts };
    for (const [action, count] of Object.entries(current?.counts ?? {})) counts[action] = Math.max(count, counts[action] ?? 0);
    if (next.scoped === undefined && current?.scoped === undefined) return { ...next, counts };
    const scoped = { ...next.scoped };
    for (const [key, count] of Object.entries(current?.scoped ?? {})) scoped[key] = Math.max(count, scoped[key] ?? 0);
    return { ...next, counts, scoped };
  },
});

/** The support agent's state: the conversation, a mirror of the ledger's view, the proof, and what ran or was stopped. */
export const SupportAgentState = new StateSchema({
  messages: MessagesValue,
  monitor: monitorMirror,
  /** The last plan proof: its steps and, on failure, the counterexample (also shown to the model). */
  proof: proofSchema.optional(),
  /** Steps of the proved plan, cleared by the monitor, for the executor (which checks them again against the ledger). */
  pending: z.array(toolCallSchema).default(() => []),
  blocked: append(blockedCallSchema),
  executed: append<ToolExecution>(toolExecutionSchema),
  turns: z.number().int().default(0),
  /**
   * Set by prove / check_tools after a person's decision: the node runs again as a new task, so each task
   * meets at most one `interrupt()` and a resume value can never be matched to the wrong question.
   */
  again: z.boolean().default(false),
});

/** Fields only enforcement writes: an input that carries one is refused with EnforcementFieldError. */
export const enforcementFields = ["monitor", "proof", "pending", "blocked", "executed", "turns", "counts", "approvals", "approved", "ledger", "facts", "plan", "again"] as const;

const refuse = (field: string) =>
  z
    .unknown()
    .optional()
    .transform((value) => {
      if (value !== undefined) throw new EnforcementFieldError(field, value);
      return undefined;
    });

/** What a caller may send: messages only. */
export const SupportAgentInput = new StateSchema({
  messages: MessagesValue,
  ...Object.fromEntries(enforcementFields.map((field) => [field, refuse(field)])),
});

export type SupportAgentStateValue = typeof SupportAgentState.State;
export type SupportAgentStateUpdate = typeof SupportAgentState.Update;

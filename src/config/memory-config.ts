import { z } from "zod";

/** How a thread's history is kept inside the model's context window; `none` leaves it alone. */
export const memoryStrategyNames = ["none", "window", "summary", "priority"] as const;
export type MemoryStrategyName = (typeof memoryStrategyNames)[number];

/** The `memory:` section of switchyard.yaml (see "Memory" in README.md). */
export const memoryConfigSchema = z.strictObject({
  strategy: z.enum(memoryStrategyNames).default("window"),
  /** Tokens a thread's history may use; default: the smallest context window of the request's group minus reserve_output_tokens. */
  budget_tokens: z.number().int().positive().optional(),
  /** Tokens kept free for the reply; default: the deployment's max_output_tokens. */
  reserve_output_tokens: z.number().int().nonnegative().optional(),
  summary: z
    .strictObject({
      /** The model group the summariser is routed in; the request's group when no group has this name. */
      model_group: z.string().default("summarise"),
      recent_messages: z.number().int().positive().default(10),
      detailed_messages: z.number().int().nonnegative().default(30),
    })
    .default({ model_group: "summarise", recent_messages: 10, detailed_messages: 30 }),
  priority: z
    .strictObject({
      importance: z.number().nonnegative().default(1),
      recency: z.number().nonnegative().default(1),
      size: z.number().nonnegative().default(0.5),
      recency_half_life: z.number().positive().default(40),
      size_scale_tokens: z.number().positive().default(400),
    })
    .default({ importance: 1, recency: 1, size: 0.5, recency_half_life: 40, size_scale_tokens: 400 }),
  recall: z
    .strictObject({
      enabled: z.boolean().default(true),
      max_facts: z.number().int().positive().default(8),
    })
    .default({ enabled: true, max_facts: 8 }),
});
export type MemoryConfig = z.output<typeof memoryConfigSchema>;

/** The section's value when switchyard.yaml has none. */
export const defaultMemoryConfig = (): MemoryConfig => memoryConfigSchema.parse({});

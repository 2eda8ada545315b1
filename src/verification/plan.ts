import { z } from "zod";

const argumentValue = z.union([z.number(), z.boolean(), z.string(), z.array(z.string())]);

/**
 * A proposed plan: tool actions in order, with concrete or symbolic (`"$amount"`) arguments, and
 * assumptions over the symbols (`"$amount <= 200"`). Plans may come from a model: parsed with zod.
 */
export const planSchema = z.strictObject({
  steps: z.array(z.strictObject({ action: z.string().min(1), args: z.record(z.string(), argumentValue).default({}) })),
  assume: z.array(z.string()).default([]),
});

export type Plan = z.output<typeof planSchema>;
export type PlanInput = z.input<typeof planSchema>;
export type PlanStep = Plan["steps"][number];

/** `"$amount"` names a symbol; anything else is a concrete value. */
export function symbolOf(value: unknown): string | undefined {
  return typeof value === "string" && /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(value) ? value.slice(1) : undefined;
}

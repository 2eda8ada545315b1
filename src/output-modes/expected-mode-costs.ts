import type { z } from "zod";
import { SwitchyardError } from "../errors.ts";
import { estimateModeCosts, type TokenPrice } from "./mode-cost.ts";
import { toJsonSchema } from "./normalize-schema.ts";
import type { OutputMode } from "./protocol.ts";
import type { OutputProvider } from "./schema-unsupported-error.ts";

/** Estimates per zod schema and deployment: counting tokens of a prompt is too slow for every request. */
const cache = new WeakMap<z.ZodType, Map<string, Partial<Record<OutputMode, number>>>>();

/**
 * What the policy compares per mode for one request: the cost model's expected cost in USD on a priced
 * deployment, expected tokens on a free one (a local model's cost is its time, which tokens track).
 *
 * @example
 * expectedModeCosts(ticketExtractionSchema, { id: "gpt", provider: "openai", price }) // { emit: 6.1e-5, compressed: 4.2e-5, ... }
 */
export function expectedModeCosts(schema: z.ZodType, deployment: { id: string; provider: OutputProvider; price: TokenPrice }): Partial<Record<OutputMode, number>> {
  let known = cache.get(schema);
  if (known === undefined) cache.set(schema, (known = new Map()));
  const cached = known.get(deployment.id);
  if (cached !== undefined) return cached;
  const free = deployment.price.input_per_1m + deployment.price.output_per_1m === 0;
  let estimates: ReturnType<typeof estimateModeCosts>;
  try {
    estimates = estimateModeCosts(toJsonSchema(schema), deployment.provider, deployment.price);
  } catch (error) {
    // No estimate (a schema with no JSON form is refused before routing anyway): the policy uses what it observed.
    if (error instanceof SwitchyardError) return {};
    throw error;
  }
  const costs = Object.fromEntries(Object.entries(estimates).map(([mode, estimate]) => [mode, free ? estimate.totalTokens : estimate.costUsd]));
  known.set(deployment.id, costs);
  return costs;
}

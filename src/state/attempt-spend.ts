import type { Attempt } from "./gateway-state.ts";

/** What one attempt cost the caller, its repair call (output_modes.repair_call) included. */
export function attemptSpend(attempt: Pick<Attempt, "input_tokens" | "output_tokens" | "cost_usd" | "latency_ms" | "repair">): { tokens: number; costUsd: number; latencyMs: number } {
  const repair = attempt.repair;
  return {
    tokens: attempt.input_tokens + attempt.output_tokens + (repair === undefined ? 0 : repair.input_tokens + repair.output_tokens),
    costUsd: attempt.cost_usd + (repair?.cost_usd ?? 0),
    latencyMs: attempt.latency_ms + (repair?.latency_ms ?? 0),
  };
}

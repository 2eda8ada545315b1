import type { ModelGroupConfig } from "../config/schema.ts";

/** Defaults of `strategy_options` in a model group. */
export const strategyDefaults = {
  latencyBuffer: 0.1,
  latencyTtlMs: 3_600_000,
  latencyAlpha: 0.3,
} as const;

/** The group's strategy options with defaults filled in. */
export function strategyOptions(group: ModelGroupConfig): { latencyBuffer: number; latencyTtlMs: number; latencyAlpha: number } {
  const options = group.strategy_options;
  return {
    latencyBuffer: options?.latency_buffer ?? strategyDefaults.latencyBuffer,
    latencyTtlMs: options?.latency_ttl_seconds === undefined ? strategyDefaults.latencyTtlMs : options.latency_ttl_seconds * 1_000,
    latencyAlpha: options?.latency_alpha ?? strategyDefaults.latencyAlpha,
  };
}

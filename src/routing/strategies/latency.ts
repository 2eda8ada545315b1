import { formatMs, freshLatency, type Strategy } from "./strategy.ts";

/**
 * Lowest moving-average latency, picked at random among all within `latencyBuffer` of the fastest so one
 * deployment does not take all the load (and then get slow). Deployments with no fresh sample count as
 * fastest: that is how a new or recovered deployment gets measured.
 */
export const latency: Strategy = (context) => {
  let fastest = Number.POSITIVE_INFINITY;
  let unknown = 0;
  for (let position = 0; position < context.count; position += 1) {
    const runtime = context.runtimes[context.eligible[position] as number];
    const value = runtime === undefined ? Number.NaN : freshLatency(runtime, context.now, context.latencyTtlMs);
    if (Number.isNaN(value)) unknown += 1;
    else if (value < fastest) fastest = value;
  }
  const limit = unknown > 0 ? Number.NaN : fastest * (1 + context.latencyBuffer);
  let chosen = context.eligible[0] as number;
  let seen = 0;
  for (let position = 0; position < context.count; position += 1) {
    const index = context.eligible[position] as number;
    const runtime = context.runtimes[index];
    const value = runtime === undefined ? Number.NaN : freshLatency(runtime, context.now, context.latencyTtlMs);
    const inBuffer = unknown > 0 ? Number.isNaN(value) : value <= limit;
    if (inBuffer) {
      seen += 1;
      if (context.random() * seen < 1) chosen = index;
    }
  }
  const id = context.deployments[chosen]?.id;
  if (unknown > 0) return { index: chosen, reason: `latency: ${id} has no fresh latency sample (exploring, ${unknown} unmeasured)` };
  const value = context.runtimes[chosen]?.latencyMs ?? Number.NaN;
  return {
    index: chosen,
    reason: `latency: ${id} at ${formatMs(value)}, random among ${seen} within ${Math.round(context.latencyBuffer * 100)}% of fastest ${formatMs(fastest)}`,
  };
};

import { formatMs, pickTied, tieBuffer, type Strategy } from "./strategy.ts";

let latencyScratch = new Float64Array(64);

/**
 * Lowest moving-average latency, picked at random among all within `latencyBuffer` of the fastest so one
 * deployment does not take all the load (and then get slow). Deployments with no fresh sample count as
 * fastest: that is how a new or recovered deployment gets measured.
 */
export const latency: Strategy = (context) => {
  const { eligible, count, now, latencyTtlMs } = context;
  const { latencyMs, latencyUpdatedAt } = context.table;
  if (latencyScratch.length < count) latencyScratch = new Float64Array(count * 2);
  // The second pass reads the latencies copied here rather than the runtime objects again.
  const latencies = latencyScratch;
  // A stale average (older than the ttl) counts as no sample, so it cannot keep a recovered deployment out.
  const staleBefore = now - latencyTtlMs;
  let fastest = Number.POSITIVE_INFINITY;
  let unknown = 0;
  for (let position = 0; position < count; position += 1) {
    const index = eligible[position] as number;
    const value = (latencyUpdatedAt[index] as number) < staleBefore ? Number.NaN : (latencyMs[index] as number);
    latencies[position] = value;
    if (Number.isNaN(value)) unknown += 1;
    else if (value < fastest) fastest = value;
  }
  const limit = fastest * (1 + context.latencyBuffer);
  const inBufferIndexes = tieBuffer(count);
  let seen = 0;
  for (let position = 0; position < count; position += 1) {
    const value = latencies[position] as number;
    const inBuffer = unknown > 0 ? Number.isNaN(value) : value <= limit;
    if (inBuffer) {
      inBufferIndexes[seen] = eligible[position] as number;
      seen += 1;
    }
  }
  // One draw among those in the buffer (the fastest is always in it, so seen >= 1).
  const chosen = seen === 0 ? (eligible[0] as number) : pickTied(inBufferIndexes, seen, context.random);
  const id = context.deployments[chosen]?.id;
  if (unknown > 0) return { index: chosen, reason: `latency: ${id} has no fresh latency sample (exploring, ${unknown} unmeasured)` };
  const value = latencyMs[chosen] as number;
  return {
    index: chosen,
    reason: `latency: ${id} at ${formatMs(value)}, random among ${seen} within ${Math.round(context.latencyBuffer * 100)}% of fastest ${formatMs(fastest)}`,
  };
};

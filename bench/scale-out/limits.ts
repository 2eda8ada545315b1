/**
 * A global rpm limit across 3 replicas: three RedisRoutingStateStores, each on a connection of its own (as three
 * `switchyard serve` processes), offered far more than the limit for five windows of a clock the bench moves,
 * with the replicas' clocks off by a few ms from each other. Reports the most admitted in any 60 s window
 * against N (the goal: within 1 %), and the cost of one acquire against the in-memory store in the same run.
 */
import { MemoryRoutingStateStore, RedisRoutingStateStore, type RoutingStateStore } from "../../src/routing/index.ts";
import { percentile } from "../../src/telemetry/percentile.ts";
import type { BenchFigure } from "../types.ts";

const rpm = 500;
const windows = 5;
const stepMs = 200;
const perReplicaPerStep = 4;
const skews = [0, 9, -13];

/** The most timestamps inside any window of `windowMs`. */
function mostInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((left, right) => left - right);
  let most = 0;
  let end = 0;
  for (let start = 0; start < sorted.length; start += 1) {
    while (end < sorted.length && (sorted[end] as number) < (sorted[start] as number) + windowMs) end += 1;
    most = Math.max(most, end - start);
  }
  return most;
}

async function offer(stores: RoutingStateStore[]): Promise<{ admitted: number[]; latencies: number[]; cpuMs: number; offered: number }> {
  let now = 10_000_000;
  const admitted: number[] = [];
  const latencies: number[] = [];
  let offered = 0;
  let lease = 0;
  const cpu = process.cpuUsage();
  for (let step = 0; step < (windows * 60_000) / stepMs; step += 1) {
    const attempts = stores.flatMap((store, replica) =>
      Array.from({ length: perReplicaPerStep }, async () => {
        const started = performance.now();
        lease += 1;
        const result = await store.acquire({ deploymentId: "shared", leaseId: `l${lease}`, tokens: 10, limits: { rpm }, now: now + (skews[replica] ?? 0), leaseTtlMs: 60_000 });
        latencies.push(performance.now() - started);
        if (result.ok) {
          admitted.push(now);
          await store.release(result.lease, 10, now);
        }
      }),
    );
    offered += attempts.length;
    await Promise.all(attempts);
    now += stepMs;
  }
  const used = process.cpuUsage(cpu);
  return { admitted, latencies, offered, cpuMs: (used.user + used.system) / 1_000 };
}

export async function measureLimits(redisUrl: string, prefix: string): Promise<BenchFigure[]> {
  const memory = new MemoryRoutingStateStore();
  const floor = await offer([memory, memory, memory]);
  const fleet = skews.map(() => new RedisRoutingStateStore({ redis: redisUrl, keyPrefix: `${prefix}:limits` }));
  try {
    const shared = await offer(fleet);
    const most = mostInWindow(shared.admitted, 60_000);
    const offeredRpm = (shared.offered / windows);
    return [
      { metric: `limits: offered per 60 s across 3 replicas (rpm ${rpm})`, value: offeredRpm, unit: "requests" },
      { metric: "limits: most admitted in any 60 s window / N", value: most / rpm, unit: "x", goal: 1.01 },
      { metric: `limits: admitted over ${windows} windows / ${windows}N`, value: shared.admitted.length / (windows * rpm), unit: "x", goal: 1.01 },
      { metric: "limits: acquire p50, Redis (3 connections)", value: percentile(shared.latencies, 0.5), unit: "ms", baseline: "memory store", ratio: percentile(shared.latencies, 0.5) / percentile(floor.latencies, 0.5) },
      { metric: "limits: acquire p99, Redis (3 connections)", value: percentile(shared.latencies, 0.99), unit: "ms" },
      { metric: "limits: CPU per acquire + release, Redis", value: shared.cpuMs / shared.offered, unit: "ms", baseline: "memory store", ratio: shared.cpuMs / shared.offered / (floor.cpuMs / floor.offered) },
    ];
  } finally {
    await fleet[0]!.clear();
    await Promise.all(fleet.map((store) => store.close()));
  }
}

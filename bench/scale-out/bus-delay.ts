/**
 * Cross-replica stream delay: events published on one RedisRunBus (its own connections, as replica A) and
 * read by followers on three other buses (B, C, D: own connections each), against the in-process bus in the
 * same run as the floor. One process holds every replica here, so publisher and followers share an event
 * loop and a clock; separate machines add their network's round trip.
 */
import { percentile } from "../../src/telemetry/percentile.ts";
import { InMemoryRunBus, RedisRunBus } from "../../src/server/bus/index.ts";
import type { RunBus } from "../../src/server/run-bus.ts";
import type { BenchFigure } from "../types.ts";

const events = Number(process.env.SWITCHYARD_BENCH_BUS_EVENTS ?? 2_000);
const cancels = 200;

interface DelayRun {
  delays: number[];
  cpuMsPerEvent: number;
}

/** Publishes `events` events, one per ~0.5 ms (a streaming run's token rate), and measures when each follower gets each. */
async function streamDelays(publisher: RunBus, followers: RunBus[], runId: string): Promise<DelayRun> {
  const delays: number[] = [];
  const cpu = process.cpuUsage();
  const following = followers.map(async (bus) => {
    for await (const { event } of bus.follow(runId)) delays.push(performance.now() - (event.data as { at: number }).at);
  });
  // Let each follower reach its blocking read first, as a client that is already connected would be.
  await new Promise((resolve) => setTimeout(resolve, 100));
  for (let index = 0; index < events; index += 1) {
    publisher.publish(runId, { event: "messages/partial", data: { at: performance.now(), index, text: "token ".repeat(8) } });
    if (index % 4 === 3) await new Promise((resolve) => setTimeout(resolve, 2));
  }
  publisher.finish(runId);
  await Promise.all(following);
  const used = process.cpuUsage(cpu);
  return { delays, cpuMsPerEvent: (used.user + used.system) / 1_000 / (events * followers.length) };
}

async function cancelDelays(replicas: RunBus[], ready: (bus: RunBus) => Promise<void>): Promise<number[]> {
  const delays: number[] = [];
  const sentAt = new Map<string, number>();
  const stops = replicas.slice(1).map((bus) => bus.onCancel((runId) => delays.push(performance.now() - (sentAt.get(runId) ?? Number.NaN))));
  await Promise.all(replicas.map(ready));
  for (let index = 0; index < cancels; index += 1) {
    const runId = `cancel-${index}`;
    sentAt.set(runId, performance.now());
    await replicas[0]!.signalCancel(runId, "interrupt");
  }
  const deadline = Date.now() + 5_000;
  while (delays.length < cancels * (replicas.length - 1) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  for (const stop of stops) stop();
  return delays;
}

export async function measureBus(redisUrl: string, prefix: string): Promise<BenchFigure[]> {
  const memory = new InMemoryRunBus();
  const floor = await streamDelays(memory, [memory, memory, memory], "floor");
  await memory.close();
  const replicas = Array.from({ length: 4 }, () => new RedisRunBus({ redis: redisUrl, keyPrefix: prefix, retentionMs: 60_000 }));
  try {
    const one = await streamDelays(replicas[0]!, [replicas[1]!], "one-follower");
    const three = await streamDelays(replicas[0]!, replicas.slice(1), "three-followers");
    const cancel = await cancelDelays(replicas, (bus) => (bus as RedisRunBus).whenSubscribed());
    const floorP99 = percentile(floor.delays, 0.99);
    return [
      { metric: "bus: A -> follower on B, delay p50", value: percentile(one.delays, 0.5), unit: "ms" },
      { metric: "bus: A -> follower on B, delay p99", value: percentile(one.delays, 0.99), unit: "ms", goal: 20, baseline: "in-process bus p99", ratio: percentile(one.delays, 0.99) / floorP99 },
      { metric: "bus: A -> followers on B, C, D, delay p50", value: percentile(three.delays, 0.5), unit: "ms" },
      { metric: "bus: A -> followers on B, C, D, delay p99", value: percentile(three.delays, 0.99), unit: "ms", goal: 20, baseline: "in-process bus p99", ratio: percentile(three.delays, 0.99) / floorP99 },
      { metric: "bus: in-process bus, 3 followers, delay p99 (floor)", value: floorP99, unit: "ms" },
      { metric: "bus: events received of sent (3 followers)", value: three.delays.length / (events * 3), unit: "fraction", goal: 1 },
      { metric: "bus: CPU per delivered event (Redis, 3 followers)", value: three.cpuMsPerEvent, unit: "ms", baseline: "in-process bus", ratio: three.cpuMsPerEvent / floor.cpuMsPerEvent },
      { metric: "bus: cancel A -> listeners on B, C, D, delay p50", value: percentile(cancel, 0.5), unit: "ms" },
      { metric: "bus: cancel A -> listeners on B, C, D, delay p99", value: percentile(cancel, 0.99), unit: "ms" },
      { metric: "bus: cancels heard of sent (3 replicas)", value: cancel.length / (cancels * 3), unit: "fraction", goal: 1 },
    ];
  } finally {
    await Promise.all(replicas.map((bus) => bus.close()));
  }
}

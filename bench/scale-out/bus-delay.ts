/**
 * Cross-replica stream delay: replica A (a worker thread: its own event loop and Redis connections) publishes
 * a run's events on a RedisRunBus; followers on replicas B, C and D (this thread, a bus and connections each)
 * read them. The in-process bus in the same run is the floor. Cancels go from A to listeners on B, C and D.
 * On separate machines the network's round trip adds to these.
 */
import { percentile } from "../../src/telemetry/percentile.ts";
import { InMemoryRunBus, RedisRunBus } from "../../src/server/bus/index.ts";
import type { RunBus } from "../../src/server/run-bus.ts";
import type { BenchFigure } from "../types.ts";
import { startRemotePublisher } from "./remote-publisher.ts";

const events = Number(process.env.SWITCHYARD_BENCH_BUS_EVENTS ?? 2_000);
const cancels = 200;
const epochNow = (): number => performance.timeOrigin + performance.now();

interface Delays {
  delays: number[];
  cpuMsPerEvent: number;
}

/** Follows `runId` on every follower while `publish` runs; the delay of each event at each follower. */
async function followDelays(followers: RunBus[], runId: string, publish: () => Promise<void>): Promise<Delays> {
  const delays: number[] = [];
  const cpu = process.cpuUsage();
  const following = followers.map(async (bus) => {
    for await (const { event } of bus.follow(runId)) delays.push(epochNow() - (event.data as { at: number }).at);
  });
  // Each follower reaches its blocking read first, as a client that is already connected would.
  await new Promise((resolve) => setTimeout(resolve, 100));
  await publish();
  await Promise.all(following);
  const used = process.cpuUsage(cpu);
  return { delays, cpuMsPerEvent: (used.user + used.system) / 1_000 / Math.max(1, delays.length) };
}

async function localPublish(bus: RunBus, runId: string): Promise<void> {
  for (let index = 0; index < events; index += 1) {
    bus.publish(runId, { event: "messages/partial", data: { at: epochNow(), index, text: "token ".repeat(8) } });
    if (index % 4 === 3) await new Promise((resolve) => setTimeout(resolve, 2));
  }
  bus.finish(runId);
}

export async function measureBus(redisUrl: string, prefix: string): Promise<BenchFigure[]> {
  const memory = new InMemoryRunBus();
  const floor = await followDelays([memory, memory, memory], "floor", () => localPublish(memory, "floor"));
  await memory.close();
  const followers = Array.from({ length: 3 }, () => new RedisRunBus({ redis: redisUrl, keyPrefix: prefix }));
  const publisher = await startRemotePublisher(redisUrl, prefix);
  try {
    const one = await followDelays(followers.slice(0, 1), "one-follower", () => publisher.stream("one-follower", events));
    const three = await followDelays(followers, "three-followers", () => publisher.stream("three-followers", events));
    const heard: Array<[string, number]> = [];
    const stops = followers.map((bus) => bus.onCancel((runId) => heard.push([runId, epochNow()])));
    await Promise.all(followers.map((bus) => bus.whenSubscribed()));
    await publisher.cancels("cancel-", cancels);
    const deadline = Date.now() + 5_000;
    while (heard.length < cancels * followers.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    for (const stop of stops) stop();
    const cancelDelays = heard.map(([runId, at]) => at - (publisher.sentAt.get(runId) ?? Number.NaN));
    const floorP99 = percentile(floor.delays, 0.99);
    const p = (samples: number[], fraction: number): number => percentile(samples, fraction);
    return [
      { metric: "bus: A (own thread) -> follower on B, delay p50", value: p(one.delays, 0.5), unit: "ms" },
      { metric: "bus: A (own thread) -> follower on B, delay p99", value: p(one.delays, 0.99), unit: "ms", goal: 20, baseline: "in-process bus p99", ratio: p(one.delays, 0.99) / floorP99 },
      { metric: "bus: A -> followers on B, C, D, delay p50", value: p(three.delays, 0.5), unit: "ms" },
      { metric: "bus: A -> followers on B, C, D, delay p99", value: p(three.delays, 0.99), unit: "ms", goal: 20, baseline: "in-process bus p99", ratio: p(three.delays, 0.99) / floorP99 },
      { metric: "bus: in-process bus, 3 followers, delay p99 (floor)", value: floorP99, unit: "ms" },
      { metric: "bus: events received of sent (B, C, D)", value: three.delays.length / (events * 3), unit: "fraction", goal: 1 },
      { metric: "bus: follower CPU per delivered event (Redis)", value: three.cpuMsPerEvent, unit: "ms", baseline: "in-process bus", ratio: three.cpuMsPerEvent / floor.cpuMsPerEvent },
      { metric: "bus: cancel A -> listeners on B, C, D, delay p50", value: p(cancelDelays, 0.5), unit: "ms" },
      { metric: "bus: cancel A -> listeners on B, C, D, delay p99", value: p(cancelDelays, 0.99), unit: "ms" },
      { metric: "bus: cancels heard of sent (B, C, D)", value: heard.length / (cancels * 3), unit: "fraction", goal: 1 },
    ];
  } finally {
    await publisher.close();
    await Promise.all(followers.map((bus) => bus.close()));
  }
}

import { expect, it } from "vitest";
import { SwitchyardError } from "../../../../src/errors.ts";
import type { BusEvent, CancelAction, RunBus } from "../../../../src/server/run-bus.ts";
import { pollUntil } from "../../../support/poll-until.ts";

/** What a bus implementation gives the shared cases: `count` replicas of one deployment (one process may hand the same bus back). */
export interface RunBusHarness {
  replicas(count: number): Promise<RunBus[]>;
  /** Resolves once a replica's `onCancel` subscription receives cancels. */
  subscribed?(bus: RunBus): Promise<void>;
}

let counter = 0;
const newRunId = (): string => `run-${process.pid}-${Date.now().toString(36)}-${(counter += 1)}`;

async function collect(source: AsyncIterable<BusEvent>): Promise<BusEvent[]> {
  const seen: BusEvent[] = [];
  for await (const entry of source) seen.push(entry);
  return seen;
}

/** Fails the test instead of hanging it when a follower never ends. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not end within ${ms} ms`)), ms))]);
}

/**
 * The contract every RunBus keeps (src/server/run-bus.ts), run against the in-memory and the Redis bus.
 * With Redis each replica has connections of its own, as separate server processes would.
 */
export function runBusCases(harness: RunBusHarness): void {
  it("keeps a run's events in order with increasing ids, and ends the follower at finish", async () => {
    const [publisher, reader] = await harness.replicas(2);
    const runId = newRunId();
    for (let index = 0; index < 200; index += 1) publisher!.publish(runId, { event: "values", data: { index } });
    publisher!.finish(runId);
    const seen = await within(collect(reader!.follow(runId)), 10_000, "follow");
    expect(seen.map((entry) => (entry.event.data as { index: number }).index)).toEqual(Array.from({ length: 200 }, (_, index) => index));
    expect(new Set(seen.map((entry) => entry.id)).size).toBe(200);
  });

  it("replays only what came after a Last-Event-ID", async () => {
    const [publisher, reader] = await harness.replicas(2);
    const runId = newRunId();
    for (let index = 0; index < 50; index += 1) publisher!.publish(runId, { event: "updates", data: { index } });
    publisher!.finish(runId);
    const all = await within(collect(reader!.follow(runId)), 10_000, "follow");
    const resumed = await within(collect(reader!.follow(runId, { after: all[19]!.id })), 10_000, "resumed follow");
    expect(resumed.map((entry) => entry.id)).toEqual(all.slice(20).map((entry) => entry.id));
    expect(await within(collect(reader!.follow(runId, { after: all[49]!.id })), 10_000, "follow after the last")).toEqual([]);
  });

  it("streams live events to a follower on another replica, then ends it at finish", async () => {
    const [publisher, reader] = await harness.replicas(2);
    const runId = newRunId();
    const following = collect(reader!.follow(runId));
    for (let index = 0; index < 20; index += 1) {
      publisher!.publish(runId, { event: "custom", data: index });
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    publisher!.finish(runId);
    const seen = await within(following, 10_000, "live follow");
    expect(seen.map((entry) => entry.event.data)).toEqual(Array.from({ length: 20 }, (_, index) => index));
  });

  it("gives a follower that connects after the run ended every event (the log is retained)", async () => {
    const [publisher, reader] = await harness.replicas(2);
    const runId = newRunId();
    publisher!.publish(runId, { event: "metadata", data: { run_id: runId } });
    publisher!.publish(runId, { event: "values", data: { done: true } });
    publisher!.finish(runId);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const seen = await within(collect(reader!.follow(runId)), 10_000, "late follow");
    expect(seen.map((entry) => entry.event)).toEqual([
      { event: "metadata", data: { run_id: runId } },
      { event: "values", data: { done: true } },
    ]);
  });

  it("ends a waiting follower when its signal aborts", async () => {
    const [reader] = await harness.replicas(1);
    const controller = new AbortController();
    const following = collect(reader!.follow(newRunId(), { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect(await within(following, 5_000, "aborted follow")).toEqual([]);
  });

  it("fans a cancel out to the listeners of 3 replicas, once each", async () => {
    const replicas = await harness.replicas(3);
    const heard: Array<[number, string, CancelAction]> = [];
    const stops = replicas.map((bus, index) => bus.onCancel((runId, action) => heard.push([index, runId, action])));
    await Promise.all(replicas.map((bus) => harness.subscribed?.(bus)));
    const runId = newRunId();
    await replicas[0]!.signalCancel(runId, "rollback");
    // In one process the three replicas may be one bus: then it hears the cancel once per listener, still 3.
    await pollUntil("3 cancels", () => (heard.length >= 3 ? true : undefined), 5_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard.map(([index]) => index).sort()).toEqual([0, 1, 2]);
    expect(heard.every(([, id, action]) => id === runId && action === "rollback")).toBe(true);
    for (const stop of stops) stop();
    await replicas[1]!.signalCancel(newRunId(), "interrupt");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard).toHaveLength(3);
  });

  it("carries a 2 MB event intact", async () => {
    const [publisher, reader] = await harness.replicas(2);
    const runId = newRunId();
    const big = { text: "x".repeat(2 * 1024 * 1024), nested: { list: Array.from({ length: 1_000 }, (_, index) => ({ index, unicode: "é✓🚀" })) } };
    publisher!.publish(runId, { event: "values", data: big });
    publisher!.finish(runId);
    const [entry] = await within(collect(reader!.follow(runId)), 10_000, "big follow");
    expect(entry?.event.data).toEqual(big);
  });

  it("keeps hostile run ids apart from each other and from other runs", async () => {
    const [publisher, reader] = await harness.replicas(2);
    const base = newRunId();
    const hostile = [`${base}:*`, `${base}}{x`, `${base}\u0000`, `../${base}`, `~${base}`, `${base} `, `${base}:events`];
    for (const [index, runId] of hostile.entries()) {
      publisher!.publish(runId, { event: "values", data: index });
      publisher!.finish(runId);
    }
    publisher!.publish(base, { event: "values", data: "plain" });
    publisher!.finish(base);
    for (const [index, runId] of hostile.entries()) {
      const seen = await within(collect(reader!.follow(runId)), 10_000, `follow ${JSON.stringify(runId)}`);
      expect(seen.map((entry) => entry.event.data)).toEqual([index]);
    }
    expect((await within(collect(reader!.follow(base)), 10_000, "follow base")).map((entry) => entry.event.data)).toEqual(["plain"]);
  });

  it("refuses a malformed Last-Event-ID or run id with an error naming the field and the fix", async () => {
    const [reader] = await harness.replicas(1);
    await expect(collect(reader!.follow(newRunId(), { after: "1; DROP" }))).rejects.toThrow(/after \(Last-Event-ID\).*Fix:/);
    await expect(collect(reader!.follow("x".repeat(10_000)))).rejects.toThrow(SwitchyardError);
    await expect(collect(reader!.follow(""))).rejects.toThrow(/runId must be a non-empty string/);
    // Publishing never throws into the run, whatever the id.
    expect(() => reader!.publish("", { event: "values", data: 1 })).not.toThrow();
    expect(() => reader!.finish("y".repeat(10_000))).not.toThrow();
  });
}

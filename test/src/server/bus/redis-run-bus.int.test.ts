import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { RedisRunBus } from "../../../../src/server/bus/index.ts";
import type { RunBus } from "../../../../src/server/run-bus.ts";
import { redisUrl, runScopedName, serviceAvailable } from "../../../support/services.ts";
import { runBusCases } from "./run-bus-cases.ts";

const available = await serviceAvailable("redis");

describe.skipIf(!available)("RedisRunBus on the machine's Redis", () => {
  const prefix = runScopedName("switchyard_test_bus");
  const open: RedisRunBus[] = [];
  const replica = (options: { retentionMs?: number; maxEvents?: number } = {}): RedisRunBus => {
    const bus = new RedisRunBus({ redis: redisUrl, keyPrefix: prefix, blockMs: 1_000, log: () => undefined, ...options });
    open.push(bus);
    return bus;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((bus) => bus.close()));
  });
  afterAll(async () => {
    const client = new Redis(redisUrl);
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
    await client.quit();
  });

  describe("shared cases", () => {
    runBusCases({
      replicas: async (count) => Array.from({ length: count }, () => replica()),
      subscribed: (bus: RunBus) => (bus as RedisRunBus).whenSubscribed(),
    });
  });

  it("keeps every key of a hostile run id under the deployment's prefix", async () => {
    const bus = replica();
    for (const runId of ["a:*", "}{", "x\r\nFLUSHALL", "../../etc", "~YQ", "a"]) {
      const key = bus.eventsKey(runId);
      expect(key.startsWith(`${prefix}:run:`)).toBe(true);
      expect(key.slice(`${prefix}:run:`.length, -":events".length)).toMatch(/^[A-Za-z0-9_.~-]+$/);
    }
    expect(bus.eventsKey("~YQ")).not.toBe(bus.eventsKey("a"));
  });

  it("sets a retention TTL on a finished run's log and trims it to maxEvents", async () => {
    const bus = replica({ retentionMs: 30_000, maxEvents: 100 });
    const runId = `ttl-${Date.now()}`;
    for (let index = 0; index < 1_000; index += 1) bus.publish(runId, { event: "values", data: index });
    bus.finish(runId);
    const client = new Redis(redisUrl);
    try {
      const key = bus.eventsKey(runId);
      // publish and finish are fire-and-forget; close() sends QUIT on the same connection, which Redis answers
      // only after every command queued before it, so once it resolves the PEXPIRE has landed (no polling).
      await bus.close();
      const ttl = await client.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(30_000);
      // MAXLEN ~ trims whole macro nodes: at least 100 kept, far fewer than 1,000.
      const length = await client.xlen(key);
      expect(length).toBeGreaterThanOrEqual(100);
      expect(length).toBeLessThan(1_000);
    } finally {
      await client.quit();
    }
  });

  it("ends a follower resuming from an id past the end once the run finishes", async () => {
    const bus = replica();
    const runId = `future-${Date.now()}`;
    bus.publish(runId, { event: "values", data: 1 });
    const following = (async () => {
      const seen: unknown[] = [];
      for await (const entry of bus.follow(runId, { after: "99999999999999-0" })) seen.push(entry);
      return seen;
    })();
    await new Promise((resolve) => setTimeout(resolve, 50));
    bus.finish(runId);
    // blockMs is 1,000 here: the follower notices within one quiet slice.
    expect(await Promise.race([following, new Promise((resolve) => setTimeout(() => resolve("hung"), 5_000))])).toEqual([]);
  });

  it("drops an event it cannot serialise with a log line, and goes on with the run's next events", async () => {
    const logs: string[] = [];
    const bus = new RedisRunBus({ redis: redisUrl, keyPrefix: prefix, blockMs: 1_000, log: (line) => logs.push(line) });
    open.push(bus);
    const runId = `circular-${Date.now()}`;
    const circular: Record<string, unknown> = { name: "loop" };
    circular.self = circular;
    expect(() => bus.publish(runId, { event: "values", data: circular })).not.toThrow();
    bus.publish(runId, { event: "values", data: "after" });
    bus.finish(runId);
    const seen: unknown[] = [];
    for await (const entry of bus.follow(runId)) seen.push(entry.event.data);
    expect(seen).toEqual(["after"]);
    expect(logs.some((line) => line.includes("event values dropped"))).toBe(true);
  });

  it("ignores a malformed cancel message on the channel", async () => {
    const bus = replica();
    const heard: string[] = [];
    bus.onCancel((runId) => heard.push(runId));
    await bus.whenSubscribed();
    const client = new Redis(redisUrl);
    try {
      await client.publish(`${prefix}:cancel`, "not json");
      await client.publish(`${prefix}:cancel`, JSON.stringify({ runId: "r", action: "explode" }));
      await bus.signalCancel("real", "interrupt");
      // Pub/sub keeps order on one channel: once "real" is heard, both malformed messages were handled before it.
      await vi.waitFor(() => expect(heard).toEqual(["real"]), { timeout: 10_000, interval: 10 });
    } finally {
      await client.quit();
    }
  });

  it("ends its followers when the bus closes", async () => {
    const bus = new RedisRunBus({ redis: redisUrl, keyPrefix: prefix, blockMs: 60_000, log: () => undefined });
    const following = (async () => {
      const seen: unknown[] = [];
      for await (const entry of bus.follow(`close-${Date.now()}`)) seen.push(entry);
      return seen;
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await bus.close();
    expect(await following).toEqual([]);
  });
});

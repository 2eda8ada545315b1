import { afterEach, describe, expect, it, vi } from "vitest";
import { InMemoryRunBus } from "../../../../src/server/bus/index.ts";
import { runBusCases } from "./run-bus-cases.ts";

describe("InMemoryRunBus", () => {
  const buses: InMemoryRunBus[] = [];
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
    vi.useRealTimers();
  });

  describe("shared cases", () => {
    runBusCases({
      replicas: async (count) => {
        const bus = new InMemoryRunBus({ log: () => undefined });
        buses.push(bus);
        return Array.from({ length: count }, () => bus);
      },
    });
  });

  it("drops a finished run's log after the retention time", async () => {
    vi.useFakeTimers();
    const bus = new InMemoryRunBus({ retentionMs: 1_000 });
    buses.push(bus);
    bus.publish("r", { event: "values", data: 1 });
    bus.finish("r");
    vi.advanceTimersByTime(999);
    const early: unknown[] = [];
    for await (const entry of bus.follow("r")) early.push(entry.event.data);
    expect(early).toEqual([1]);
    vi.advanceTimersByTime(1);
    const controller = new AbortController();
    const late = (async () => {
      const seen: unknown[] = [];
      for await (const entry of bus.follow("r", { signal: controller.signal })) seen.push(entry);
      return seen;
    })();
    controller.abort();
    expect(await late).toEqual([]);
  });

  it("holds nothing for followers of runs that never published, once they leave", async () => {
    const bus = new InMemoryRunBus();
    buses.push(bus);
    const controller = new AbortController();
    const followers = Array.from({ length: 50 }, async (_, index) => {
      for await (const entry of bus.follow(`no-such-run-${index}`, { signal: controller.signal })) expect(entry).toBeUndefined();
    });
    expect(bus.retainedRuns).toBe(50);
    controller.abort();
    await Promise.all(followers);
    expect(bus.retainedRuns).toBe(0);
  });

  it("keeps the newest maxEvents of a long run", async () => {
    const bus = new InMemoryRunBus({ maxEvents: 10 });
    buses.push(bus);
    for (let index = 0; index < 25; index += 1) bus.publish("long", { event: "values", data: index });
    bus.finish("long");
    const seen: unknown[] = [];
    for await (const entry of bus.follow("long")) seen.push(entry.event.data);
    expect(seen).toEqual(Array.from({ length: 10 }, (_, index) => index + 15));
  });
});

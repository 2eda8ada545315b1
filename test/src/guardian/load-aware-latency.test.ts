import { defaultGuardianConfig, type GuardianConfigInput } from "../../../src/config/guardian-config.ts";
import { Guardian, MemoryEventSink, type RecoveryTarget } from "../../../src/guardian/index.ts";

const quarantines: string[] = [];
const target: RecoveryTarget = {
  quarantine: (deployment) => void quarantines.push(deployment),
  blockMode: () => {},
  setExploration: () => {},
  setStrategy: () => {},
  groupsOf: () => ["extract"],
};

/**
 * 100 samples at `before` (latency, calls in flight), then 60 at `after`, one evaluation per sample on an
 * injected clock; returns the events.
 */
function scenario(before: [number, number], after: [number, number], overrides: GuardianConfigInput = {}) {
  quarantines.length = 0;
  let clock = 0;
  const events = new MemoryEventSink();
  const guardian = new Guardian({ config: defaultGuardianConfig({ warmup_samples: 20, ...overrides }), now: () => clock, target, events });
  const feed = ([latency, inFlight]: [number, number], count: number) => {
    for (let index = 0; index < count; index += 1) {
      guardian.observe({ deployment: "ollama", mode: "emit", outcome: "ok", latency_ms: latency * (0.9 + (index % 5) * 0.05), input_tokens: 200, output_tokens: 100, cost_usd: 0, in_flight: inFlight });
      clock += 500;
      guardian.evaluate();
    }
  };
  feed(before, 100);
  feed(after, 60);
  return events.events;
}

describe("load-aware latency detection", () => {
  it("does not blame a deployment whose latency rose only as much as the load moved onto it (issue #14: 318 -> 575 ms)", () => {
    // Two other backends failed: three times the calls in flight here, latency up 1.8x.
    const events = scenario([318, 2], [575, 6]);
    expect(events.filter((event) => event.category === "detection")).toEqual([]);
    expect(quarantines).toEqual([]);
  });

  it("still quarantines a deployment that slowed down at the same load", () => {
    const events = scenario([318, 2], [575, 2]);
    expect(events.map((event) => event.kind)).toContain("quarantine");
    expect(quarantines).toEqual(["ollama"]);
  });

  it("blames a slowdown beyond what the extra load explains, with the load in the evidence", () => {
    const events = scenario([318, 2], [1_400, 4]);
    const detection = events.find((event) => event.category === "detection");
    // Detected while the recent window still holds a few pre-shift samples: the load ratio is between 1 and 2.
    expect(detection?.evidence).toMatchObject({ baseline_in_flight: 2 });
    expect(Number(detection?.evidence.load_ratio)).toBeGreaterThan(1.2);
    expect(Number(detection?.evidence.load_ratio)).toBeLessThanOrEqual(2);
    expect(quarantines).toEqual(["ollama"]);
  });

  it("with load_aware off, the load shift alone fires (the old behaviour)", () => {
    scenario([318, 2], [575, 6], { latency: { load_aware: false } });
    expect(quarantines).toEqual(["ollama"]);
  });
});

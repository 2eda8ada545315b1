import { defaultGuardianConfig } from "../../../src/config/guardian-config.ts";
import { Guardian, MemoryEventSink, restoreGuardian, snapshotGuardian, type RecoveryTarget } from "../../../src/guardian/index.ts";
import type { ObservedAttempt } from "../../../src/guardian/guardian.ts";

const quarantines: string[] = [];
const target: RecoveryTarget = {
  quarantine: (deployment) => void quarantines.push(deployment),
  blockMode: () => {},
  setExploration: () => {},
  setStrategy: () => {},
  groupsOf: () => ["extract"],
};

/** A seeded draw in [0, 1): the same figures on every run. */
function draws(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 16_807) % 2_147_483_647) / 2_147_483_647;
}

/** A deployment whose latency is overhead + perToken x output tokens, with ±10 % noise. */
function answer(random: () => number, overheadMs: number, msPerToken: number, outputTokens: number): ObservedAttempt {
  return { deployment: "ollama", mode: "emit", outcome: "ok", latency_ms: (overheadMs + msPerToken * outputTokens) * (0.9 + 0.2 * random()), input_tokens: 300, output_tokens: outputTokens, cost_usd: 0, in_flight: 1 };
}

/** 600 ordinary answers (40–240 tokens, 150 ms + 2 ms/token), then 100 `after`; one evaluation per answer. */
function scenario(after: (random: () => number) => ObservedAttempt, guardian = new Guardian({ config: defaultGuardianConfig(), now: () => 0, target, events: new MemoryEventSink() })) {
  quarantines.length = 0;
  const random = draws(7);
  for (let index = 0; index < 600; index++) {
    guardian.observe(answer(random, 150, 2, 40 + Math.floor(random() * 200)));
    guardian.evaluate();
  }
  const events = [];
  for (let index = 0; index < 100; index++) {
    guardian.observe(after(random));
    events.push(...guardian.evaluate());
  }
  return { guardian, kinds: events.map((event) => event.kind) };
}

describe("what callers shape is not blamed on the deployment", () => {
  it("answers five times longer at the same speed: no latency finding, no quarantine (raw p95 rose ~5x)", () => {
    const { kinds } = scenario((random) => answer(random, 150, 2, Math.floor((40 + random() * 200) * 5)));
    expect(kinds).not.toContain("latency");
    expect(quarantines).toEqual([]);
  });

  it("still quarantines a deployment that got slower per token, overhead, or both while answers also got longer", () => {
    for (const slower of [
      (random: () => number) => answer(random, 150, 4, 40 + Math.floor(random() * 200)),
      (random: () => number) => answer(random, 600, 2, 40 + Math.floor(random() * 200)),
      (random: () => number) => answer(random, 150, 3, Math.floor((40 + random() * 200) * 3)),
    ]) {
      const { kinds } = scenario(slower);
      expect(kinds).toContain("quarantine");
      expect(quarantines).toEqual(["ollama"]);
    }
  });

  it("requests the provider refused as the caller's fault (context window, bad request, content policy) count as no error", () => {
    for (const errorClass of ["context_window", "bad_request", "content_policy"] as const) {
      const { kinds } = scenario(() => ({ deployment: "ollama", mode: "emit", outcome: "transport_error", error_class: errorClass, latency_ms: 20, input_tokens: 0, output_tokens: 0, cost_usd: 0 }));
      expect(kinds).toEqual([]);
      expect(quarantines).toEqual([]);
    }
    // A deployment's own failures still do.
    const { kinds } = scenario((random) => (random() < 0.5 ? { deployment: "ollama", mode: "emit", outcome: "transport_error", error_class: "server_error", latency_ms: 20, input_tokens: 0, output_tokens: 0, cost_usd: 0 } : answer(random, 150, 2, 100)));
    expect(kinds).toContain("quarantine");
  });

  it("keeps the answers' lengths across a snapshot (JSON turns an unknown length into null and back)", () => {
    const { guardian } = scenario((random) => answer(random, 150, 2, 100));
    const stored: unknown = JSON.parse(JSON.stringify(snapshotGuardian(guardian)));
    const restored = new Guardian({ config: defaultGuardianConfig(), now: () => 0, target, events: new MemoryEventSink() });
    restoreGuardian(restored, stored);
    const key = [...restored.keys.values()][0];
    expect(key?.baseline.output.count).toBe(key?.baseline.latency.count);
    // A snapshot from before the output window existed loads with an empty one.
    const old = JSON.parse(JSON.stringify(snapshotGuardian(guardian))) as { keys: Array<{ recent: Record<string, unknown>; baseline: Record<string, unknown> }> };
    for (const row of old.keys) {
      delete row.recent["output"];
      delete row.baseline["output"];
    }
    const fromOld = new Guardian({ config: defaultGuardianConfig(), now: () => 0, target, events: new MemoryEventSink() });
    restoreGuardian(fromOld, old);
    expect([...fromOld.keys.values()][0]?.baseline.output.count).toBe(0);
  });
});

import { defaultGuardianConfig, type GuardianConfigInput } from "../../../src/config/guardian-config.ts";
import { Guardian, MemoryEventSink, restoreGuardian, snapshotGuardian, type Observation, type RecoveryTarget } from "../../../src/guardian/index.ts";
import { seededRandom } from "../../../src/workload/seeded-random.ts";

function recordingTarget() {
  const calls: string[] = [];
  const target: RecoveryTarget = {
    quarantine: (deployment, until) => void calls.push(`quarantine ${deployment} until ${until}`),
    blockMode: (deployment, mode, blocked) => void calls.push(`${blocked ? "block" : "unblock"} ${deployment}/${mode}`),
    setExploration: (deployment, fraction) => void calls.push(`explore ${deployment} ${fraction ?? "default"}`),
    setStrategy: (group, strategy) => void calls.push(`strategy ${group} ${strategy ?? "default"}`),
    groupsOf: () => ["extract"],
  };
  return { calls, target };
}

function setup(overrides: GuardianConfigInput = {}) {
  let clock = 1_000_000;
  const events = new MemoryEventSink();
  const { calls, target } = recordingTarget();
  const config = defaultGuardianConfig({ warmup_samples: 20, ...overrides });
  const guardian = new Guardian({ config, now: () => clock, target, events });
  const random = seededRandom(11);
  /** A sample with lognormal-ish latency noise around `latency`, correct with probability `correctRate`. */
  const sample = (deployment: string, mode: string, latency: number, correctRate = 0.97, errorRate = 0.01, cost = 0.0002): Observation => {
    if (random.next() < errorRate) return { deployment, mode, failed: true, latencyMs: 0, tokens: 0, costUsd: 0 };
    const noisy = latency * Math.exp((random.next() - 0.5) * 0.4);
    const correct = random.next() < correctRate;
    return { deployment, mode, failed: false, latencyMs: noisy, valid: correct || random.next() < 0.5, correct, tokens: 300, costUsd: cost * (0.9 + random.next() * 0.2) };
  };
  /** One request: observe, advance a second, evaluate; returns the events. */
  const step = (observation: Observation) => {
    guardian.observeSample(observation);
    clock += 1000;
    return guardian.evaluate();
  };
  return { guardian, events, calls, step, sample, advance: (ms: number) => (clock += ms), now: () => clock };
}

describe("Guardian", () => {
  it("takes no action under plain noise, however long it runs", () => {
    const { step, sample, events, calls } = setup();
    for (let index = 0; index < 3000; index += 1) step(sample(index % 2 === 0 ? "a" : "b", "emit", 40));
    expect(events.events.map((event) => `${event.kind} ${event.reason}`)).toEqual([]);
    expect(calls).toEqual([]);
  });

  it("judges nothing before the warm-up, even a terrible start", () => {
    const { step, sample, events } = setup();
    for (let index = 0; index < 45; index += 1) step(sample("a", "emit", index < 30 ? 40 : 400));
    expect(events.events).toEqual([]);
  });

  it("quarantines a deployment whose latency triples within a bounded number of requests, with the figures", () => {
    const { step, sample, calls } = setup();
    for (let index = 0; index < 100; index += 1) step(sample("a", "emit", 40));
    let detectedAfter = -1;
    for (let index = 0; index < 60 && detectedAfter < 0; index += 1) {
      const events = step(sample("a", "emit", 120));
      if (events.some((event) => event.kind === "quarantine")) detectedAfter = index + 1;
    }
    expect(detectedAfter).toBeGreaterThan(0);
    // The median must move too: half the window plus the hysteresis evaluations.
    expect(detectedAfter).toBeLessThanOrEqual(40 / 2 + 3 + 1);
    expect(calls[0]).toMatch(/^quarantine a until \d+$/);
  });

  it("logs detection and action with evidence, then restores once the backend heals", () => {
    const { step, sample, events, calls, advance } = setup({ recovery: { quarantine_seconds: 30 } });
    for (let index = 0; index < 100; index += 1) step(sample("a", "emit", 40));
    for (let index = 0; index < 30; index += 1) step(sample("a", "emit", 120));
    const detection = events.events.find((event) => event.category === "detection");
    expect(detection).toMatchObject({ kind: "latency", subject: "a/emit" });
    expect(detection?.evidence.p95_ms).toBeGreaterThan(1.2 * Number(detection?.evidence.baseline_p95_ms));
    expect(events.events.find((event) => event.kind === "quarantine")?.reason).toMatch(/latency p95 .* vs baseline/);
    advance(30_000);
    for (let index = 0; index < 60; index += 1) step(sample("a", "emit", 40));
    const kinds = events.events.map((event) => `${event.category}:${event.kind}`);
    expect(kinds).toEqual(["detection:latency", "recovery:quarantine", "recovery:probation", "restore:quarantine"]);
    expect(calls).toHaveLength(1);
  });

  it("quarantines again for twice as long when the backend is still slow on probation", () => {
    const { step, sample, events, advance, now } = setup({ recovery: { quarantine_seconds: 30 } });
    for (let index = 0; index < 100; index += 1) step(sample("a", "emit", 40));
    for (let index = 0; index < 30; index += 1) step(sample("a", "emit", 120));
    const first = events.events.find((event) => event.kind === "quarantine")!;
    advance(30_000);
    for (let index = 0; index < 40; index += 1) step(sample("a", "emit", 120));
    const quarantines = events.events.filter((event) => event.kind === "quarantine");
    expect(quarantines).toHaveLength(2);
    expect(Number(quarantines[1]!.evidence.until) - quarantines[1]!.at).toBe(2 * (Number(first.evidence.until) - first.at));
    expect(now()).toBeGreaterThan(first.at);
  });

  it("switches the output mode when a mode's correct rate collapses, raises exploration, and restores", () => {
    const { step, sample, events, calls, advance } = setup({ recovery: { mode_block_seconds: 60 } });
    for (let index = 0; index < 200; index += 1) step(sample("a", "compressed", 40, 0.98));
    for (let index = 0; index < 30; index += 1) step(sample("a", "compressed", 40, 0.3));
    expect(calls.slice(0, 2)).toEqual(["block a/compressed", "explore a 0.3"]);
    expect(events.events.find((event) => event.category === "detection")).toMatchObject({ kind: "correctness", subject: "a/compressed" });
    advance(60_000);
    step(sample("a", "emit", 40));
    expect(calls).toContain("unblock a/compressed");
    for (let index = 0; index < 60; index += 1) step(sample("a", "compressed", 40, 0.99));
    expect(events.events.at(-1)).toMatchObject({ category: "restore", kind: "block_mode", subject: "a/compressed" });
    expect(calls.at(-1)).toBe("explore a default");
  });

  it("blocks a mode that collapsed even when the traffic left it after a handful of invalid answers", () => {
    const { step, sample, events, calls } = setup({ trigger_after: 3 });
    for (let index = 0; index < 200; index += 1) step(sample("a", "compressed", 40, 0.99, 0));
    // The policy moves the traffic to emit after seven invalid answers: the 100-answer rate window barely moved.
    for (let index = 0; index < 7; index += 1) step({ ...sample("a", "compressed", 40, 0.99, 0), valid: false, correct: false });
    for (let index = 0; index < 50; index += 1) step(sample("a", "emit", 40, 0.99, 0));
    expect(calls.slice(0, 2)).toEqual(["block a/compressed", "explore a 0.3"]);
    expect(events.events.find((event) => event.category === "detection")).toMatchObject({ kind: "correctness", subject: "a/compressed", evidence: { measure: "invalid_run", run: 4 } });
  });

  it("probes a mode while its lifted block is on probation, and stops at restore", () => {
    const { step, sample, guardian, advance } = setup({ recovery: { mode_block_seconds: 60 } });
    const probes: string[] = [];
    const probing = new Guardian({ config: guardian.config, now: () => advance(0), target: { ...recordingTarget().target, probeMode: (deployment, mode, share) => void probes.push(`${deployment}/${mode} ${share ?? "off"}`) } });
    const both = (observation: Observation) => {
      probing.observeSample(observation);
      probing.evaluate();
      return step(observation);
    };
    for (let index = 0; index < 200; index += 1) both(sample("a", "compressed", 40, 0.99, 0));
    for (let index = 0; index < 10; index += 1) both({ ...sample("a", "compressed", 40, 0.99, 0), valid: false, correct: false });
    expect(probes).toEqual(["a/compressed off"]);
    advance(60_000);
    both(sample("a", "emit", 40, 0.99, 0));
    expect(probes.at(-1)).toBe("a/compressed 0.3");
    for (let index = 0; index < 60; index += 1) both(sample("a", "compressed", 40, 0.99, 0));
    expect(probes.at(-1)).toBe("a/compressed off");
  });

  it("restores a mode blocked young: the answers before the run join its baseline, so probation can judge", () => {
    const { step, sample, events, advance } = setup({ warmup_samples: 15, rate_window_size: 30, correctness: { min_samples: 15 }, recovery: { mode_block_seconds: 60 } });
    for (let index = 0; index < 35; index += 1) step(sample("a", "compressed", 40, 1, 0));
    for (let index = 0; index < 4; index += 1) step({ ...sample("a", "compressed", 40, 1, 0), valid: false, correct: false });
    expect(events.events.find((event) => event.category === "detection")).toMatchObject({ evidence: { measure: "invalid_run" } });
    advance(60_000);
    for (let index = 0; index < 40; index += 1) step(sample("a", "compressed", 40, 1, 0));
    expect(events.events.at(-1)).toMatchObject({ category: "restore", kind: "block_mode", subject: "a/compressed" });
  });

  it("quarantines on an error-rate spike and switches the group strategy on cost drift", () => {
    const errors = setup();
    for (let index = 0; index < 100; index += 1) errors.step(errors.sample("a", "emit", 40, 0.97, 0.01));
    for (let index = 0; index < 30; index += 1) errors.step(errors.sample("a", "emit", 40, 0.97, 0.5));
    expect(errors.events.events.find((event) => event.category === "detection")?.kind).toBe("errors");
    expect(errors.calls[0]).toMatch(/^quarantine a/);

    const cost = setup({ recovery: { cost_switch_seconds: 100 } });
    for (let index = 0; index < 100; index += 1) cost.step(cost.sample("a", "emit", 40, 0.97, 0, 0.0002));
    for (let index = 0; index < 30; index += 1) cost.step(cost.sample("a", "emit", 40, 0.97, 0, 0.0004));
    expect(cost.calls[0]).toBe("strategy extract cost");
    const switched = cost.events.events.find((event) => event.kind === "switch_strategy")!;
    expect(switched.evidence.baseline_mean).toBeGreaterThan(0);
    cost.advance(100_000);
    cost.step(cost.sample("a", "emit", 40, 0.97, 0, 0.0002));
    expect(cost.calls).toContain("strategy extract default");
  });

  it("does not let the degraded samples into the baseline", () => {
    const { guardian, step, sample } = setup();
    for (let index = 0; index < 100; index += 1) step(sample("a", "emit", 40));
    const before = guardian.summary()[0]!.baseline_p95_ms!;
    for (let index = 0; index < 80; index += 1) step(sample("a", "emit", 120));
    expect(guardian.summary()[0]!.baseline_p95_ms).toBeLessThan(before * 1.05);
  });

  it("survives a snapshot round trip and refuses a malformed one", () => {
    const { guardian, step, sample } = setup();
    for (let index = 0; index < 100; index += 1) step(sample("a", "emit", 40));
    for (let index = 0; index < 30; index += 1) step(sample("a", "emit", 120));
    const copy = new Guardian({ config: guardian.config, now: () => 0 });
    restoreGuardian(copy, JSON.parse(JSON.stringify(snapshotGuardian(guardian))));
    expect(copy.summary()).toEqual(guardian.summary());
    expect([...copy.incidents.keys()]).toEqual(["latency:a"]);
    expect(() => restoreGuardian(copy, { version: 2, keys: [], incidents: [] })).toThrow(/not version-1 state.*--reset/);
  });
});

describe("Guardian after a restart", () => {
  it("puts an incident still in force back on the target, and leaves an expired one to be lifted", () => {
    const { guardian, step, sample, now } = setup({ recovery: { mode_block_seconds: 600, exploration_boost: 0.3 } });
    for (let index = 0; index < 200; index += 1) step(sample("a", "compressed", 40, 0.98));
    for (let index = 0; index < 30; index += 1) step(sample("a", "compressed", 40, 0.3));
    expect([...guardian.incidents.values()].map((incident) => incident.action)).toEqual(["block_mode"]);
    const snapshot = JSON.parse(JSON.stringify(snapshotGuardian(guardian))) as unknown;

    // A new process: the policy's block died with the old one; the snapshot brings the incident back.
    const events = new MemoryEventSink();
    const { calls, target } = recordingTarget();
    const restarted = new Guardian({ config: guardian.config, now, target, events });
    restoreGuardian(restarted, snapshot);
    restarted.reinstate();
    expect(calls).toEqual(["explore a 0.3", "block a/compressed"]);
    expect(events.events).toMatchObject([{ category: "recovery", kind: "reinstate", subject: "a/compressed", evidence: { action: "block_mode" } }]);

    // Restarted after the hold ran out: nothing is blocked again, and the next evaluation lifts it.
    const { calls: lateCalls, target: lateTarget } = recordingTarget();
    const late = new Guardian({ config: guardian.config, now: () => now() + 700_000, target: lateTarget });
    restoreGuardian(late, snapshot);
    expect(late.reinstate()).toEqual([]);
    late.evaluate();
    expect(lateCalls).toEqual(["explore a 0.3", "unblock a/compressed"]);
  });

  it("reinstates a quarantine with its remaining hold and a strategy switch on every group", () => {
    const latency = setup({ recovery: { quarantine_seconds: 300 } });
    for (let index = 0; index < 100; index += 1) latency.step(latency.sample("a", "emit", 40));
    for (let index = 0; index < 40; index += 1) latency.step(latency.sample("a", "emit", 150));
    const until = [...latency.guardian.incidents.values()][0]!.until;
    const { calls, target } = recordingTarget();
    const restarted = new Guardian({ config: latency.guardian.config, now: latency.now, target });
    restoreGuardian(restarted, JSON.parse(JSON.stringify(snapshotGuardian(latency.guardian))));
    restarted.reinstate();
    expect(calls).toEqual([`quarantine a until ${until}`]);
  });
});

import { describe, expect, it } from "vitest";
import { AdaptivePolicy } from "../../../src/output-modes/adaptive-policy.ts";
import { Reprobes } from "../../../src/output-modes/policy-reprobe.ts";
import type { OutputMode } from "../../../src/output-modes/protocol.ts";
import { seededRandom } from "../../../src/workload/seeded-random.ts";

const all = () => true;

describe("a mode written off for visible faults is re-probed after a bounded, doubling wait", () => {
  it("is due after the interval of the deployment's choices, then waits twice as long, up to the cap", () => {
    const reprobes = new Reprobes({ interval: 10, maxInterval: 30 });
    reprobes.asked("d", "reconstruct", 5, false);
    expect(reprobes.due("d", ["reconstruct"], 14, all)).toBeUndefined();
    expect(reprobes.due("d", ["reconstruct"], 15, all)).toBe("reconstruct");
    reprobes.asked("d", "reconstruct", 15, true);
    expect(reprobes.due("d", ["reconstruct"], 34, all)).toBeUndefined();
    expect(reprobes.due("d", ["reconstruct"], 35, all)).toBe("reconstruct");
    reprobes.asked("d", "reconstruct", 35, true);
    reprobes.asked("d", "reconstruct", 65, true);
    // Capped at 30, not 80.
    expect(reprobes.due("d", ["reconstruct"], 95, all)).toBe("reconstruct");
  });

  it("resets the wait when the mode is chosen for another reason, skips modes not written off, and is off at interval 0", () => {
    const reprobes = new Reprobes({ interval: 10, maxInterval: 80 });
    reprobes.asked("d", "emit", 0, true);
    reprobes.asked("d", "emit", 20, false);
    expect(reprobes.due("d", ["emit"], 30, all)).toBe("emit");
    expect(reprobes.due("d", ["emit", "compressed"], 30, (mode) => mode === "compressed")).toBe("compressed");
    expect(reprobes.due("d", ["emit"], 30, () => false)).toBeUndefined();
    expect(new Reprobes({ interval: 0, maxInterval: 80 }).due("d", ["emit"], 1000, all)).toBeUndefined();
  });

  it("in the policy: a mode left after early invalid answers is asked again and its repaired validity is learned", () => {
    // Reconstruct had 6 invalid answers of 10 (a fault since repaired); emit, the default, serves. Thompson draws
    // from a posterior that low seldom pick it, so without re-probes its repair stays unseen.
    const run = (interval: number) => {
      const policy = new AdaptivePolicy({ providerOf: () => "openai", epsilon: 0, reprobe: { interval } });
      for (const valid of [true, false, true, false, false, true, false, true, false, false]) policy.record({ deployment: "gpt", mode: "reconstruct", valid, latencyMs: 75, tokens: 300, costUsd: 0.00008 });
      const random = seededRandom(11).next;
      const asked: OutputMode[] = [];
      for (let index = 0; index < 200; index += 1) {
        const { mode, reason } = policy.choose({ deployment: "gpt", modes: ["emit", "reconstruct"], weights: { correctness: 1, latency: 0, cost: 0 }, random });
        if (reason.startsWith("reprobe")) asked.push(mode);
        policy.record({ deployment: "gpt", mode, valid: true, latencyMs: 75, tokens: 300, costUsd: 0.00008 });
      }
      return { asked, reconstruct: policy.statisticsOf("gpt", "reconstruct")?.count ?? 0 };
    };
    const on = run(30);
    const off = run(0);
    expect(on.asked.length).toBeGreaterThanOrEqual(1);
    expect(on.asked.every((mode) => mode === "reconstruct")).toBe(true);
    expect(off.asked).toEqual([]);
    expect(on.reconstruct).toBeGreaterThan(off.reconstruct);
  });
});

describe("a settled mode whose verdicts turn wrong is re-examined", () => {
  it("with widenOnSuspect, explores more while the served mode is suspect (its hold is dropped too: policy-incumbent.ts)", () => {
    const explorations = (wrong: boolean) => {
      const policy = new AdaptivePolicy({ providerOf: () => "openai", reprobe: { interval: 0 }, widenOnSuspect: true });
      for (let index = 0; index < 60; index += 1) {
        for (const mode of ["emit", "reconstruct"] as const) policy.record({ deployment: "gpt", mode, valid: true, latencyMs: 75, tokens: 300, costUsd: 0.00008 });
        policy.recordEvidence({ deployment: "gpt", mode: "emit", score: 1, weight: 1, source: "feedback" });
      }
      if (wrong) policy.recordEvidence({ deployment: "gpt", mode: "emit", score: 0, weight: 1, source: "feedback" });
      expect(policy.suspect("gpt", "emit")).toBe(wrong);
      const random = seededRandom(5).next;
      let explored = 0;
      for (let index = 0; index < 100; index += 1) if (policy.choose({ deployment: "gpt", modes: ["emit", "reconstruct"], weights: { correctness: 1, latency: 0, cost: 0 }, random }).explored) explored += 1;
      return explored;
    };
    expect(explorations(true)).toBeGreaterThan(explorations(false));
  });
});

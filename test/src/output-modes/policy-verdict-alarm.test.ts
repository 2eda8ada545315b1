import { describe, expect, it } from "vitest";
import { AdaptivePolicy } from "../../../src/output-modes/adaptive-policy.ts";
import { VerdictAlarms, verdictKind } from "../../../src/output-modes/policy-verdict-alarm.ts";
import { ShadowAgreement, type ShadowTarget } from "../../../src/output-modes/shadow-agreement.ts";
import { seededRandom } from "../../../src/workload/seeded-random.ts";

const weights = { correctness: 1, latency: 0, cost: 0 };

/** Verdicts until the first alarm on a mode wrong at `rate` (the policy believed `settled`); Infinity if none in `limit`. */
function verdictsToAlarm(rate: number, settled: number, seed: number, limit = 400): number {
  const alarms = new VerdictAlarms();
  const random = seededRandom(seed);
  for (let index = 1; index <= limit; index += 1) {
    const wrong = random.chance(rate);
    if (alarms.observe("m", { kind: wrong ? "wrong" : "right", weight: 1, score: wrong ? 0 : 1 }, settled) !== undefined) return index;
  }
  return Infinity;
}

describe("verdict alarm (silent drift)", () => {
  it("one wrong verdict makes a mode suspect; right verdicts clear it; blame on a suspect mode raises the alarm, returning the run", () => {
    const alarms = new VerdictAlarms();
    const right = { kind: "right", weight: 1, score: 1 } as const;
    const wrong = { kind: "wrong", weight: 0.5, score: 0 } as const;
    expect(alarms.suspect("m")).toBe(false);
    expect(alarms.observe("m", wrong, 0.03)).toBeUndefined();
    expect(alarms.suspect("m")).toBe(true);
    for (let index = 0; index < 20; index += 1) alarms.observe("m", right, 0.03);
    expect(alarms.suspect("m")).toBe(false);
    alarms.observe("m", wrong, 0.03);
    alarms.observe("m", right, 0.03);
    expect(alarms.observe("m", wrong, 0.03)).toBeUndefined();
    // The verdicts since the sum left 0: what the policy keeps while it forgets the older ones.
    expect(alarms.observe("m", wrong, 0.03)).toEqual({ recentWeight: 2.5, recentScore: 1 });
    expect(alarms.suspect("m")).toBe(false);
  });

  it("a disputed verdict (an unsettled disagreement) never raises the alarm by itself", () => {
    const alarms = new VerdictAlarms();
    for (let index = 0; index < 10; index += 1) expect(alarms.observe("m", { kind: "disputed", weight: 0.5, score: 0.4 }, 0.03)).toBeUndefined();
    expect(alarms.suspect("m")).toBe(true);
    expect(verdictKind(0.4, "shadow")).toBe("disputed");
    expect(verdictKind(0, "shadow")).toBe("wrong");
    expect(verdictKind(0.4, "feedback")).toBe("wrong");
  });

  it("finds a 3 % -> 12 % wrong drift within ~40 verdicts on most seeds, and rarely fires on a steady 3 %", () => {
    const seeds = Array.from({ length: 40 }, (_, index) => index + 1);
    const drifted = seeds.map((seed) => verdictsToAlarm(0.12, 0.03, seed)).sort((left, right) => left - right);
    const steady = seeds.map((seed) => verdictsToAlarm(0.03, 0.03, seed, 100));
    expect(drifted[Math.floor(seeds.length / 2)]).toBeLessThanOrEqual(40);
    // A false alarm costs a few requests on the second-best mode: tolerated on about one run in eight.
    expect(steady.filter((count) => count <= 100).length).toBeLessThanOrEqual(seeds.length / 4);
  });

  it("the policy leaves a served mode that arbitration keeps blaming, and shadows it at the suspect rate first", () => {
    const policy = new AdaptivePolicy({ maxExplorationFraction: 0 });
    for (let index = 0; index < 60; index += 1) {
      for (const mode of ["emit", "reconstruct"] as const) policy.record({ deployment: "gpt", mode, valid: true, latencyMs: 100, tokens: 100, costUsd: 0 });
      policy.recordEvidence({ deployment: "gpt", mode: "emit", score: 1, weight: 0.5, source: "shadow" });
      if (index % 2 === 0) policy.recordEvidence({ deployment: "gpt", mode: "reconstruct", score: index % 20 === 0 ? 0 : 1, weight: 0.5, source: "shadow" });
    }
    const choose = () => policy.choose({ deployment: "gpt", modes: ["emit", "reconstruct"], weights, random: () => 0.5 }).mode;
    expect(choose()).toBe("emit");
    const targets: ShadowTarget[] = [{ deployment: "gpt", mode: "emit" }, { deployment: "gpt", mode: "reconstruct" }];
    const shadow = new ShadowAgreement<string>({ config: { rate: 0.05, maxRate: 0.05, maxConcurrent: 2, weight: 0.5 }, policy, random: () => 0, candidates: async () => targets, generateId: () => "id" });
    expect(shadow.rateFor({ deployment: "gpt", mode: "emit" })).toBe(0.05);
    policy.recordEvidence({ deployment: "gpt", mode: "emit", score: 0, weight: 0.5, source: "shadow" });
    expect(policy.suspect("gpt", "emit")).toBe(true);
    // A max_rate the operator set is their spend ceiling: a suspect mode is shadowed up to it, never past it.
    expect(shadow.rateFor({ deployment: "gpt", mode: "emit" })).toBe(0.05);
    const raised = new ShadowAgreement<string>({ config: { rate: 0.05, maxRate: 0.3, maxConcurrent: 2, weight: 0.5 }, policy, random: () => 0, candidates: async () => targets, generateId: () => "id" });
    expect(raised.rateFor({ deployment: "gpt", mode: "emit" })).toBe(0.3);
    // Left out, the policy's own ceilings apply: 0.5 while suspect.
    const unset = new ShadowAgreement<string>({ config: { rate: 0.05, maxConcurrent: 2, weight: 0.5 }, policy, random: () => 0, candidates: async () => targets, generateId: () => "id" });
    expect(unset.rateFor({ deployment: "gpt", mode: "emit" })).toBe(0.5);
    const evidenceBefore = policy.statisticsOf("gpt", "emit")?.evidence ?? 0;
    let blames = 1;
    while ((policy.statisticsOf("gpt", "emit")?.alarms ?? 0) === 0 && blames < 6) {
      policy.recordEvidence({ deployment: "gpt", mode: "emit", score: 0, weight: 0.5, source: "shadow" });
      blames += 1;
    }
    // Three or four blames close together, against 30 agreements before: the old agreement is mostly forgotten.
    expect(blames).toBeLessThanOrEqual(4);
    expect(policy.statisticsOf("gpt", "emit")?.evidence ?? 0).toBeLessThan(evidenceBefore / 2);
    expect(policy.trustGivenValid("gpt", "emit")).toBeLessThan(policy.trustGivenValid("gpt", "reconstruct"));
    expect(choose()).toBe("reconstruct");
  });
});

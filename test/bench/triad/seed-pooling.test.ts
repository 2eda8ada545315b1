import { describe, expect, it } from "vitest";
import { poolSeeds } from "../../../bench/triad/seed-pooling.ts";
import type { TriadStudyResult } from "../../../bench/triad/triad-study.ts";
import type { PolicyTrace } from "../../../bench/triad/triad-policies.ts";

/** One seed's study on one backend from per-request outcomes (1 = correct) of each policy. */
function study(outcomes: Record<string, number[]>, firstModes: Record<string, string> = {}): TriadStudyResult {
  const traces: PolicyTrace[] = Object.entries(outcomes).flatMap(([policy, list]) =>
    list.map((correct, index) => ({ policy, backend: "gpt", index, firstMode: (firstModes[policy] ?? policy.replace("fixed ", "")) as PolicyTrace["firstMode"], attempts: 1, explored: false, correct: correct === 1 })),
  );
  const policies = Object.entries(outcomes).map(([policy, list]) => {
    const rate = list.reduce((sum, value) => sum + value, 0) / list.length;
    return { cell: policy, policy, backend: "gpt", requests: list.length, validRate: 1, correctRate: rate, p50Ms: 0, p95Ms: 0, tokensPerRequest: 0, costPerRequestUsd: 0 };
  });
  const fixed = policies.filter((cell) => cell.policy.startsWith("fixed ")).sort((left, right) => right.correctRate - left.correctRate)[0];
  const adaptive = policies.find((cell) => cell.policy === "adaptive");
  return {
    cells: [],
    policies,
    goals: [{ backend: "gpt", adaptiveValid: 1, adaptiveCorrect: adaptive?.correctRate ?? 0, bestFixed: fixed?.policy ?? "none", bestFixedCorrect: fixed?.correctRate ?? 0, gap: (fixed?.correctRate ?? 0) - (adaptive?.correctRate ?? 0) }],
    adaptiveChoices: {},
    signals: [],
    drift: [],
    traces,
  };
}

describe("pooling the triad study over seeds", () => {
  it("picks the best fixed mode on the pooled rates, not per seed, and gives each seed's gap against it", () => {
    // Seed 1 flatters compressed, seed 2 emit; pooled, emit is best (7/8 against 6/8).
    const first = study({ "fixed emit": [1, 1, 1, 0], "fixed compressed": [1, 1, 1, 1], adaptive: [1, 1, 1, 0] }, { adaptive: "emit" });
    const second = study({ "fixed emit": [1, 1, 1, 1], "fixed compressed": [0, 1, 0, 1], adaptive: [1, 1, 1, 1] }, { adaptive: "emit" });
    const [goal] = poolSeeds([first, second]);
    expect(goal?.bestFixed).toBe("fixed emit");
    expect(goal?.gap).toBeCloseTo(0);
    expect(goal?.perSeedGap).toEqual([0, 0]);
    // Against each seed's own best, seed 1 would have shown a gap of 25 points.
    expect(goal?.perSeedGapOwnBest[0]).toBeCloseTo(0.25);
    expect(goal?.pairedAgreement).toBe(1);
  });

  it("reports the paired standard error of the per-request differences, and a same-draws check", () => {
    const run = study({ "fixed emit": [1, 1, 1, 1, 1, 1, 1, 1], adaptive: [1, 0, 1, 1, 1, 1, 0, 1] }, { adaptive: "emit" });
    const [goal] = poolSeeds([run]);
    expect(goal?.gap).toBeCloseTo(0.25);
    // Differences 0,1,0,0,0,0,1,0: sd sqrt(0.2143), s.e. sd / sqrt(8).
    expect(goal?.pairedStandardError).toBeCloseTo(Math.sqrt(0.25 * 0.75 * (8 / 7)) / Math.sqrt(8));
    // Two of the adaptive run's emit answers differ from the fixed emit run's on the same request.
    expect(goal?.pairedAgreement).toBeCloseTo(6 / 8);
  });

  it("gives the gap over the second half of each seed's requests: a policy that learned shows it there", () => {
    // The adaptive run misses 3 of its first 4 requests and none after: whole-run gap 37.5 points, second half 0.
    const run = study({ "fixed emit": [1, 1, 1, 1, 1, 1, 1, 1], adaptive: [0, 0, 1, 0, 1, 1, 1, 1] }, { adaptive: "emit" });
    const [goal] = poolSeeds([run]);
    expect(goal?.gap).toBeCloseTo(0.375);
    expect(goal?.lateGap).toBe(0);
    expect(goal?.lateStandardError).toBe(0);
  });
});

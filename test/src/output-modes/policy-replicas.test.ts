import { describe, expect, it } from "vitest";
import { emptyStatistics, LATENCY_WINDOW } from "../../../src/output-modes/mode-statistics.ts";
import { addStatistics, assertReplicaId, parseContribution, PolicyContributionError } from "../../../src/output-modes/policy-replicas.ts";

const bounds = { calls: 200, verdicts: 1333 };

function row(weight: number, latency: number, windowLength: number) {
  return { ...emptyStatistics("gpt", "emit"), count: Math.ceil(weight), weight, valid: weight, latencyEwma: latency, latencyWindow: Array.from({ length: windowLength }, () => latency) };
}

describe("merging one replica's statistics into another's", () => {
  it("adds counts and sums, blends averages by weight and shares the latency window by weight", () => {
    const into = row(30, 100, LATENCY_WINDOW);
    addStatistics(into, row(10, 500, LATENCY_WINDOW));
    expect(into).toMatchObject({ count: 40, weight: 40, valid: 40, latencyEwma: 200 });
    expect(into.latencyWindow.filter((latency) => latency === 500)).toHaveLength(Math.round(LATENCY_WINDOW / 4));
    expect(into.latencyWindow).toHaveLength(LATENCY_WINDOW);
  });

  it("takes the peer's averages as they are when this replica has none", () => {
    const into = emptyStatistics("gpt", "emit");
    addStatistics(into, row(5, 250, 5));
    expect(into).toMatchObject({ count: 5, latencyEwma: 250, latencyWindow: [250, 250, 250, 250, 250] });
  });
});

describe("reading a stored contribution", () => {
  it("refuses replica ids a store key should not carry", () => {
    for (const id of ["", "-lead", "a/b", "a b", "é", "x".repeat(129)]) expect(() => assertReplicaId(id)).toThrow(PolicyContributionError);
    expect(assertReplicaId("pod-7.eu:2")).toBe("pod-7.eu:2");
  });

  it("accepts a well-formed contribution and refuses figures no policy can produce", () => {
    const state = (statistics: unknown[]) => ({ version: 1, replica: "pod-a", savedAt: 5, state: { version: 2, statistics, steps: [], decisions: [] } });
    expect(parseContribution("pod-a", state([row(20, 100, 3)]), bounds).state.statistics).toHaveLength(1);
    expect(() => parseContribution("pod-a", state([{ ...row(20, 100, 3), evidence: 2, evidenceScore: 3 }]), bounds)).toThrow(/evidenceScore 3 over its evidence 2/);
    expect(() => parseContribution("pod-a", state([{ ...row(20, 100, 3), weight: 21 }]), bounds)).toThrow(/weight 21 over its call count 20/);
    expect(() => parseContribution("pod-a", state([{ ...row(20, 100, 3), deployment: "d".repeat(300) }]), bounds)).toThrow(/deployment id of 300 characters/);
  });
});

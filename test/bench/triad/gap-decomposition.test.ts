import { describe, expect, it } from "vitest";
import { decomposeGap } from "../../../bench/triad/gap-decomposition.ts";
import type { PolicyTrace } from "../../../bench/triad/triad-policies.ts";

const trace = (policy: string, index: number, mode: PolicyTrace["firstMode"], correct: boolean, explored = false): PolicyTrace => ({ policy, backend: "gpt", index, firstMode: mode, attempts: 1, explored, correct });

describe("where the adaptive policy's gap comes from", () => {
  it("charges each request's paired difference to exploration, settling on another mode, or the residual; the parts sum to the gap", () => {
    // Best fixed (emit) is right on all 8 requests. The adaptive run: 2 explorations (1 wrong), 4 on compressed
    // without exploring (2 wrong, all in the first half), 2 on emit (right).
    const traces = [
      ...Array.from({ length: 8 }, (_, index) => trace("fixed emit", index, "emit", true)),
      trace("adaptive", 0, "compressed", false),
      trace("adaptive", 1, "compressed", false),
      trace("adaptive", 2, "compressed", true),
      trace("adaptive", 3, "reconstruct", false, true),
      trace("adaptive", 4, "compressed", true),
      trace("adaptive", 5, "reconstruct", true, true),
      trace("adaptive", 6, "emit", true),
      trace("adaptive", 7, "emit", true),
    ];
    const parts = decomposeGap([traces], "gpt", "fixed emit");
    expect(parts.exploration).toBeCloseTo(1 / 8);
    expect(parts.convergence).toBeCloseTo(2 / 8);
    expect(parts.residual).toBeCloseTo(0);
    expect(parts.exploration + parts.convergence + parts.residual).toBeCloseTo(3 / 8);
    expect(parts.explorationShare).toBeCloseTo(2 / 8);
    expect(parts.otherModeShare).toBeCloseTo(4 / 8);
    // Second half (indices 4-7): one request on compressed without exploring.
    expect(parts.otherModeShareLate).toBeCloseTo(1 / 4);
  });

  it("pools seeds: each seed pairs with its own fixed run", () => {
    const seed = (fixedRight: boolean) => [trace("fixed emit", 0, "emit", fixedRight), trace("adaptive", 0, "emit", true)];
    const parts = decomposeGap([seed(true), seed(false)], "gpt", "fixed emit");
    // Seed 1: 0 difference; seed 2: the adaptive run was right where fixed emit was wrong (-1).
    expect(parts.residual).toBeCloseTo(-0.5);
  });
});

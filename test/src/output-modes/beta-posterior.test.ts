import { describe, expect, it } from "vitest";
import { betaBelief, betaMean, betaVariance, productBelief, sampleBeta } from "../../../src/output-modes/beta-posterior.ts";
import { seededRandom } from "../../../src/workload/seeded-random.ts";

describe("Beta beliefs for the policy's correctness estimate", () => {
  it("adds successes and failures to the prior's pseudo-counts", () => {
    const belief = betaBelief(0.9, 4, 18, 20);
    expect(belief.alpha).toBeCloseTo(3.6 + 18);
    expect(belief.beta).toBeCloseTo(0.4 + 2);
    expect(betaMean(belief)).toBeCloseTo(21.6 / 24);
  });

  it("narrows as evidence accumulates: the same rate on 10 and on 100 verdicts", () => {
    expect(betaVariance(betaBelief(0.95, 3, 95, 100))).toBeLessThan(betaVariance(betaBelief(0.95, 3, 9.5, 10)) / 5);
  });

  it("gives the product of two rates its mean and spread (the spread matches a Monte Carlo estimate)", () => {
    const validity = betaBelief(0.9, 4, 40, 42);
    const right = betaBelief(0.95, 3, 8, 10);
    const exact = productBelief([validity, right]);
    const random = seededRandom(3);
    const draws = Array.from({ length: 20_000 }, () => sampleBeta(validity, random.next) * sampleBeta(right, random.next));
    const mean = draws.reduce((sum, draw) => sum + draw, 0) / draws.length;
    const sd = Math.sqrt(draws.reduce((sum, draw) => sum + (draw - mean) ** 2, 0) / draws.length);
    expect(mean).toBeCloseTo(exact.mean, 2);
    expect(sd).toBeCloseTo(exact.sd, 2);
  });

  it("draws repeat from a seeded source and stay in [0, 1], also for a prior with a shape below 1", () => {
    const skewed = betaBelief(0.95, 3, 0, 0);
    const first = Array.from({ length: 50 }, ((random) => () => sampleBeta(skewed, random.next))(seededRandom(9)));
    const second = Array.from({ length: 50 }, ((random) => () => sampleBeta(skewed, random.next))(seededRandom(9)));
    expect(first).toEqual(second);
    for (const draw of first) expect(draw >= 0 && draw <= 1).toBe(true);
  });
});

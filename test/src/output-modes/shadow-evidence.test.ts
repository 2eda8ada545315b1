import { describe, expect, it } from "vitest";
import { arbiterScore, arbitratedScores, chanceToBeat, decisionUncertainty, normalCdf, pickArbiter, pickChallenger, pickShadowPartner, shadowRate, shadowScores } from "../../../src/output-modes/shadow-evidence.ts";

describe("shadow evidence: who a shadow asks and what a comparison says", () => {
  it("agreement says both answers were right", () => {
    expect(shadowScores({ served: 0.6, partner: 0.7, equal: true })).toEqual({ served: 1, partner: 1 });
  });

  it("a disagreement blames the less trusted side more (Bayes on the trust in each)", () => {
    const scores = shadowScores({ served: 0.97, partner: 0.8, equal: false });
    // P(served right | disagree) = 0.97 * 0.2 / (1 - 0.776)
    expect(scores.served).toBeCloseTo((0.97 * 0.2) / (1 - 0.97 * 0.8));
    expect(scores.partner).toBeCloseTo((0.8 * 0.03) / (1 - 0.97 * 0.8));
    expect(scores.served).toBeGreaterThan(scores.partner);
    const flipped = shadowScores({ served: 0.8, partner: 0.97, equal: false });
    expect(flipped.served).toBeCloseTo(scores.partner);
  });

  it("the challenger is the served deployment's other mode most likely to beat it by more than the tolerance", () => {
    const beliefs: Record<string, { mean: number; sd: number }> = {
      "gemini/compressed": { mean: 0.92, sd: 0.02 },
      "gemini/emit": { mean: 0.9, sd: 0.03 },
      "gemini/reconstruct": { mean: 0.9, sd: 0.1 },
      "gpt/emit": { mean: 0.99, sd: 0.2 },
    };
    const candidates = Object.keys(beliefs).map((name) => ({ deployment: name.split("/")[0] ?? "", mode: (name.split("/")[1] ?? "emit") as "emit" | "compressed" | "reconstruct" }));
    const belief = (target: { deployment: string; mode: string }) => beliefs[`${target.deployment}/${target.mode}`] ?? { mean: 0, sd: 0 };
    // reconstruct's wide posterior gives it a real chance to be 2 points better; emit's narrow one hardly any;
    // gpt's mode settles nothing about gemini's decision.
    expect(chanceToBeat(belief({ deployment: "gemini", mode: "compressed" }), belief({ deployment: "gemini", mode: "reconstruct" }))).toBeGreaterThan(0.1);
    expect(pickChallenger({ deployment: "gemini", mode: "compressed" }, candidates, belief)).toEqual({ deployment: "gemini", mode: "reconstruct" });
    expect(pickChallenger({ deployment: "gpt", mode: "emit" }, candidates, belief)).toBeUndefined();
  });

  it("asks the candidate whose correctness the policy is least sure of, never the served one", () => {
    const spread: Record<string, number> = { "gpt/emit": 0.01, "gpt/compressed": 0.12, "gemini/emit": 0.05, "gemini/reconstruct": 0.3 };
    const candidates = Object.keys(spread).map((name) => {
      const [deployment = "", mode = "emit"] = name.split("/");
      return { deployment, mode: mode as "emit" | "compressed" | "reconstruct" };
    });
    const belief = (target: { deployment: string; mode: string }) => ({ mean: 0.9, sd: spread[`${target.deployment}/${target.mode}`] ?? 0 });
    expect(pickShadowPartner({ deployment: "gemini", mode: "emit" }, candidates, belief, () => 0.5)).toEqual({ deployment: "gemini", mode: "reconstruct" });
    expect(pickShadowPartner({ deployment: "gemini", mode: "reconstruct" }, candidates, belief, () => 0.5)).toEqual({ deployment: "gpt", mode: "compressed" });
    expect(pickShadowPartner({ deployment: "gpt", mode: "emit" }, [{ deployment: "gpt", mode: "emit" }], belief, () => 0.5)).toBeUndefined();
  });

  it("asks the mode whose verdicts could overturn its deployment's decision, not a wide one known to be worse", () => {
    // gemini/emit is the widest posterior but far below gemini's incumbent (compressed): no verdict makes it
    // the best. gemini/reconstruct is narrower, yet could well beat compressed by 2 points.
    const beliefs: Record<string, { mean: number; sd: number }> = {
      "gpt/emit": { mean: 0.97, sd: 0.01 },
      "gpt/compressed": { mean: 0.96, sd: 0.03 },
      "gemini/compressed": { mean: 0.95, sd: 0.015 },
      "gemini/emit": { mean: 0.6, sd: 0.15 },
      "gemini/reconstruct": { mean: 0.93, sd: 0.06 },
    };
    const candidates = Object.keys(beliefs).map((name) => ({ deployment: name.split("/")[0] ?? "", mode: (name.split("/")[1] ?? "emit") as "emit" | "compressed" | "reconstruct" }));
    const belief = (target: { deployment: string; mode: string }) => beliefs[`${target.deployment}/${target.mode}`] ?? { mean: 0, sd: 0 };
    expect(pickShadowPartner({ deployment: "gpt", mode: "emit" }, candidates, belief, () => 0.5)).toEqual({ deployment: "gemini", mode: "reconstruct" });
    // A deployment with one mode left has no decision a verdict could change.
    expect(pickShadowPartner({ deployment: "gpt", mode: "emit" }, [{ deployment: "gpt", mode: "emit" }, { deployment: "gemini", mode: "emit" }, { deployment: "gpt", mode: "compressed" }], belief, () => 0.5)).toEqual({ deployment: "gpt", mode: "compressed" });
  });

  it("a third answer settles a disagreement only when it agrees with exactly one side", () => {
    expect(arbitratedScores({ servedMatches: true, partnerMatches: false })).toEqual({ served: 1, partner: 0 });
    expect(arbitratedScores({ servedMatches: false, partnerMatches: true })).toEqual({ served: 0, partner: 1 });
    expect(arbitratedScores({ servedMatches: false, partnerMatches: false })).toBeUndefined();
  });

  it("the arbiter is the most trusted candidate that is neither side of the disagreement", () => {
    const trust: Record<string, number> = { "gpt/emit": 0.99, "gpt/compressed": 0.9, "gemini/emit": 0.97, "gemini/reconstruct": 0.8 };
    const candidates = Object.keys(trust).map((name) => {
      const [deployment = "", mode = "emit"] = name.split("/");
      return { deployment, mode: mode as "emit" | "compressed" | "reconstruct" };
    });
    const of = (target: { deployment: string; mode: string }) => trust[`${target.deployment}/${target.mode}`] ?? 0;
    expect(pickArbiter([{ deployment: "gpt", mode: "emit" }, { deployment: "gpt", mode: "compressed" }], candidates, of)).toEqual({ deployment: "gemini", mode: "emit" });
    expect(pickArbiter([{ deployment: "gemini", mode: "emit" }, { deployment: "gemini", mode: "reconstruct" }], candidates, of)).toEqual({ deployment: "gpt", mode: "emit" });
    expect(pickArbiter(candidates, candidates, of)).toBeUndefined();
  });

  it("the decision's uncertainty is high while another mode could beat the served one, low once all are known worse", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 3);
    expect(normalCdf(-1.96)).toBeCloseTo(0.025, 3);
    // Nothing known about emit: it could well be better.
    expect(decisionUncertainty({ mean: 0.9, sd: 0.03 }, [{ mean: 0.92, sd: 0.08 }])).toBeCloseTo(1, 6);
    // Emit known 10 points worse, tightly: settled.
    expect(decisionUncertainty({ mean: 0.97, sd: 0.01 }, [{ mean: 0.87, sd: 0.02 }])).toBeLessThan(0.01);
    // The most doubtful alternative decides; none at all: nothing to decide.
    const mixed = decisionUncertainty({ mean: 0.95, sd: 0.02 }, [{ mean: 0.8, sd: 0.01 }, { mean: 0.95, sd: 0.05 }]);
    expect(mixed).toBeGreaterThan(0.5);
    expect(decisionUncertainty({ mean: 0.9, sd: 0.1 }, [])).toBe(0);
    // An alternative better by less than the tolerance does not count as a reason to look.
    expect(decisionUncertainty({ mean: 0.95, sd: 0 }, [{ mean: 0.96, sd: 0 }])).toBe(0);
  });

  it("the shadow rate runs from the configured rate (settled) to the ceiling (undecided)", () => {
    expect(shadowRate({ rate: 0.05, maxRate: 0.2 }, 0)).toBeCloseTo(0.05);
    expect(shadowRate({ rate: 0.05, maxRate: 0.2 }, 1)).toBeCloseTo(0.2);
    expect(shadowRate({ rate: 0.05, maxRate: 0.2 }, 0.5)).toBeCloseTo(0.125);
    // A ceiling below the rate never lowers it.
    expect(shadowRate({ rate: 0.1, maxRate: 0.05 }, 1)).toBeCloseTo(0.1);
  });

  it("an arbiter is scored either way: right when it settles, most likely wrong when it agrees with neither side", () => {
    expect(arbiterScore({ settled: true, arbiter: 0.5, served: 0.9, partner: 0.9 })).toBe(1);
    // P(both sides wrong | they disagree) = 0.01 / 0.19; the arbiter is right only in that case.
    const both = 0.01 / 0.19;
    expect(arbiterScore({ settled: false, arbiter: 0.9, served: 0.9, partner: 0.9 })).toBeCloseTo((0.9 * both) / (0.9 * both + 0.1));
    expect(arbiterScore({ settled: false, arbiter: 0.9, served: 0.99, partner: 0.99 })).toBeLessThan(0.1);
  });
});

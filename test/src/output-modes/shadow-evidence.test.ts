import { describe, expect, it } from "vitest";
import { arbitratedScores, pickArbiter, pickShadowPartner, shadowScores } from "../../../src/output-modes/shadow-evidence.ts";

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
});

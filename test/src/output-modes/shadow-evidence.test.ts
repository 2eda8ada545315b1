import { describe, expect, it } from "vitest";
import { pickShadowPartner, shadowScores } from "../../../src/output-modes/shadow-evidence.ts";

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
});

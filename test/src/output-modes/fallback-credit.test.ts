import { describe, expect, it } from "vitest";
import { AdaptivePolicy } from "../../../src/output-modes/adaptive-policy.ts";
import { creditFallback, fallbackRate } from "../../../src/output-modes/fallback-credit.ts";

describe("crediting an invalid answer with the gateway's retry", () => {
  it("adds the best other mode's own rate for the invalid share, keeps the mode's own spread, and credits nothing with no other mode", () => {
    const parts = new Map([
      ["emit", { validity: 0.9, correct: { mean: 0.88, sd: 0.05 } }],
      ["compressed", { validity: 1, correct: { mean: 0.93, sd: 0.04 } }],
    ] as const);
    const credited = creditFallback(parts);
    expect(credited.get("emit")?.mean).toBeCloseTo(0.88 + 0.1 * 0.93, 12);
    expect(credited.get("emit")?.sd).toBe(0.05);
    expect(credited.get("compressed")?.mean).toBeCloseTo(0.93, 12);
    expect(creditFallback(parts, 0.5).get("emit")?.mean).toBeCloseTo(0.88 + 0.05 * 0.93, 12);
    expect(fallbackRate(new Map([["emit", { validity: 0.5, correct: { mean: 0.5, sd: 0.1 } }]]), "emit")).toBe(0);
  });

  it("prefers a mode whose answers are sometimes invalid but right to one always valid and often wrong, unless the caller cannot retry", () => {
    const policy = new AdaptivePolicy({ epsilon: 0, maxExplorationFraction: 0, fallbackCredit: 1 });
    for (let index = 0; index < 60; index += 1) {
      // Reconstruct: 15 % invalid (retried by the gateway), its valid answers right. Compressed: always valid, 8 % wrong.
      const valid = index % 20 >= 3;
      policy.record({ deployment: "d", mode: "reconstruct", valid, latencyMs: 100, tokens: 100, costUsd: 0.0001 });
      if (valid) policy.recordEvidence({ deployment: "d", mode: "reconstruct", score: 1, weight: 1, source: "feedback" });
      policy.record({ deployment: "d", mode: "compressed", valid: true, latencyMs: 100, tokens: 100, costUsd: 0.0001 });
      policy.recordEvidence({ deployment: "d", mode: "compressed", score: index % 25 < 2 ? 0 : 1, weight: 1, source: "feedback" });
    }
    const weights = { correctness: 1, latency: 0, cost: 0 };
    expect(policy.choose({ deployment: "d", modes: ["compressed", "reconstruct"], weights, random: () => 0.5 }).mode).toBe("reconstruct");
    expect(policy.choose({ deployment: "d", modes: ["compressed", "reconstruct"], weights, random: () => 0.5, canRetry: false }).mode).toBe("compressed");
    expect(new AdaptivePolicy({ epsilon: 0, maxExplorationFraction: 0, fallbackCredit: 0 }).choose({ deployment: "d", modes: ["compressed", "reconstruct"], weights, random: () => 0.5 }).mode).toBe("compressed");
  });

  it("charges the retry's latency: at equal correctness the mode that is never retried is the faster choice", () => {
    const policy = new AdaptivePolicy({ epsilon: 0, maxExplorationFraction: 0, fallbackCredit: 1 });
    for (let index = 0; index < 80; index += 1) {
      policy.record({ deployment: "d", mode: "emit", valid: index % 2 === 0, latencyMs: 100, tokens: 100, costUsd: 0.0001 });
      policy.record({ deployment: "d", mode: "compressed", valid: true, latencyMs: 120, tokens: 100, costUsd: 0.0001 });
    }
    const choice = policy.choose({ deployment: "d", modes: ["emit", "compressed"], weights: { correctness: 0.2, latency: 1, cost: 0 }, random: () => 0.5 });
    expect(choice.mode).toBe("compressed");
    expect(policy.choose({ deployment: "d", modes: ["emit", "compressed"], weights: { correctness: 0.2, latency: 1, cost: 0 }, random: () => 0.5, canRetry: false }).mode).toBe("emit");
  });
});

import { describe, expect, it } from "vitest";
import { AdaptivePolicy } from "../../../src/output-modes/adaptive-policy.ts";
import { holdsIncumbent } from "../../../src/output-modes/policy-incumbent.ts";

const options = { hold: 0.9, tolerance: 0.02 };
// Held-out set 11, OpenAI at request 25: emit (the default) had one invalid answer in four, compressed 16 valid.
const noisy = { incumbent: { mean: 0.814, sd: 0.138 }, best: { mean: 0.952, sd: 0.064 }, verdicts: 1.4, wrongWeight: 0, suspect: false };

describe("the default keeps serving until evidence, not noise, says otherwise", () => {
  it("holds a default with right verdicts only against a rival ahead by mean whose edge is unresolved", () => {
    expect(holdsIncumbent(noisy, options)).toBe(true);
  });

  it("lets go on a wrong verdict, a suspicion, a settled gap, no verdicts at all, or hold 0", () => {
    expect(holdsIncumbent({ ...noisy, wrongWeight: 0.5 }, options)).toBe(false);
    expect(holdsIncumbent({ ...noisy, suspect: true }, options)).toBe(false);
    // A visibly broken default: its validity settles the gap within a few answers.
    expect(holdsIncumbent({ ...noisy, incumbent: { mean: 0.66, sd: 0.1 }, best: { mean: 0.95, sd: 0.04 } }, options)).toBe(false);
    expect(holdsIncumbent({ ...noisy, verdicts: 0 }, options)).toBe(false);
    expect(holdsIncumbent(noisy, { ...options, hold: 0 })).toBe(false);
  });

  it("in the policy: an early invalid answer of the default does not hand a cheaper, unproven mode the deployment", () => {
    const weights = { correctness: 1, latency: 0.3, cost: 0.3 };
    const run = (incumbentHold: number) => {
      const policy = new AdaptivePolicy({ providerOf: () => "openai", maxExplorationFraction: 0, epsilon: 0, incumbentHold });
      for (const valid of [false, true, true, true]) policy.record({ deployment: "gpt", mode: "emit", valid, latencyMs: 75, tokens: 300, costUsd: 0.00008 });
      for (let index = 0; index < 16; index += 1) policy.record({ deployment: "gpt", mode: "compressed", valid: true, latencyMs: 60, tokens: 200, costUsd: 0.00006 });
      policy.recordEvidence({ deployment: "gpt", mode: "emit", score: 1, weight: 1, source: "feedback" });
      for (let index = 0; index < 3; index += 1) policy.recordEvidence({ deployment: "gpt", mode: "compressed", score: 1, weight: 1, source: "feedback" });
      return { policy, mode: policy.choose({ deployment: "gpt", modes: ["emit", "compressed"], weights, random: () => 0.5 }).mode };
    };
    const held = run(0.9);
    expect(held.policy.estimatedCorrectness("gpt", "compressed")).toBeGreaterThan(held.policy.estimatedCorrectness("gpt", "emit"));
    expect(held.mode).toBe("emit");
    // Off, the highest mean serves at once (the behaviour before).
    expect(run(0).mode).toBe("compressed");
  });

  it("in the policy: a wrong verdict on the default releases it to the mode ahead by mean", () => {
    const { policy, choose } = heldDefault();
    expect(choose()).toBe("emit");
    policy.recordEvidence({ deployment: "gpt", mode: "emit", score: 0, weight: 1, source: "feedback" });
    expect(choose()).toBe("reconstruct");
  });

  it("in the policy: a shadow comparison the arbiter resolves against the default releases it like a wrong verdict", () => {
    const { policy, choose } = heldDefault();
    expect(choose()).toBe("emit");
    // shadow-agreement.ts records an arbitrated loss as score 0 at the shadow weight (0.5): wrong weight 0.5 > 0.1.
    policy.recordEvidence({ deployment: "gpt", mode: "emit", score: 0, weight: 0.5, source: "shadow" });
    expect(choose()).toBe("reconstruct");
  });
});

/** The default (emit) held against reconstruct, ahead by mean on six right verdicts to emit's one. */
function heldDefault() {
    const policy = new AdaptivePolicy({ providerOf: () => "openai", maxExplorationFraction: 0, epsilon: 0 });
    for (let index = 0; index < 20; index += 1) {
      policy.record({ deployment: "gpt", mode: "emit", valid: true, latencyMs: 75, tokens: 300, costUsd: 0.00008 });
      policy.record({ deployment: "gpt", mode: "reconstruct", valid: true, latencyMs: 75, tokens: 300, costUsd: 0.00008 });
    }
    for (let index = 0; index < 6; index += 1) policy.recordEvidence({ deployment: "gpt", mode: "reconstruct", score: 1, weight: 1, source: "feedback" });
    policy.recordEvidence({ deployment: "gpt", mode: "emit", score: 1, weight: 1, source: "feedback" });
    const weights = { correctness: 1, latency: 0, cost: 0 };
    const choose = () => policy.choose({ deployment: "gpt", modes: ["emit", "reconstruct"], weights, random: () => 0.5 }).mode;
  return { policy, choose };
}

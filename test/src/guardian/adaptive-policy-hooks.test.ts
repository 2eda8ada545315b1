import { AdaptivePolicy } from "../../../src/output-modes/adaptive-policy.ts";
import { seededRandom } from "../../../src/workload/seeded-random.ts";

const weights = { correctness: 1, latency: 0.3, cost: 0.3 };
const modes = ["emit", "compressed", "reconstruct"] as const;

describe("AdaptivePolicy guardian hooks", () => {
  it("falls back to the offered modes when every one is blocked", () => {
    const policy = new AdaptivePolicy({ providerOf: () => "openai" });
    for (const mode of modes) policy.blockMode("gpt", mode, true);
    expect(policy.blockedModes("gpt")).toEqual([...modes]);
    expect(policy.choose({ deployment: "gpt", modes, weights, random: () => 0.99 }).mode).toBe("emit");
  });

  it("explores more of a deployment while its exploration is raised, and as configured after", () => {
    const share = (policy: AdaptivePolicy, deployment: string) => {
      const random = seededRandom(3);
      for (let index = 0; index < 400; index += 1) {
        const { mode } = policy.choose({ deployment, modes, weights, random: () => random.next() });
        policy.record({ deployment, mode, valid: true, latencyMs: 40, tokens: 200, costUsd: 0.0001 });
      }
      return policy.explorationFraction(deployment);
    };
    const policy = new AdaptivePolicy({ providerOf: () => "openai", maxExplorationFraction: 0.05 });
    policy.setExploration("boosted", 0.3);
    expect(share(policy, "boosted")).toBeGreaterThan(0.1);
    expect(share(policy, "plain")).toBeLessThanOrEqual(0.05);
    policy.setExploration("boosted", undefined);
    expect(policy.choose({ deployment: "boosted", modes, weights, random: () => 0.99 }).reason).not.toMatch(/blocked/);
  });
});

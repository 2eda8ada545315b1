import { describe, expect, it } from "vitest";
import { SwitchyardError } from "../../../src/errors.ts";
import { AdaptivePolicy, type TriadWeights } from "../../../src/output-modes/adaptive-policy.ts";
import type { OutputMode } from "../../../src/output-modes/protocol.ts";
import type { OutputProvider } from "../../../src/output-modes/schema-unsupported-error.ts";
import { seededRandom, type SeededRandom } from "../../../src/workload/seeded-random.ts";

interface Behaviour {
  correct: number;
  latencyMs: number;
  tokens: number;
  costUsd: number;
}
type Environment = Record<string, { provider: OutputProvider; modes: Record<OutputMode, Behaviour> }>;

/** Each deployment's best mode differs from its provider's default, so priors alone would be wrong. */
const environment: Environment = {
  gpt: {
    provider: "openai",
    modes: {
      emit: { correct: 0.95, latencyMs: 900, tokens: 220, costUsd: 0.0022 },
      compressed: { correct: 0.93, latencyMs: 450, tokens: 100, costUsd: 0.001 },
      reconstruct: { correct: 0.8, latencyMs: 600, tokens: 140, costUsd: 0.0014 },
    },
  },
  gemini: {
    provider: "google-genai",
    modes: {
      emit: { correct: 0.96, latencyMs: 700, tokens: 200, costUsd: 0.0008 },
      compressed: { correct: 0.7, latencyMs: 500, tokens: 90, costUsd: 0.0004 },
      reconstruct: { correct: 0.78, latencyMs: 600, tokens: 130, costUsd: 0.0005 },
    },
  },
  llama: {
    provider: "ollama",
    modes: {
      emit: { correct: 0.6, latencyMs: 2500, tokens: 260, costUsd: 0 },
      compressed: { correct: 0.94, latencyMs: 1500, tokens: 110, costUsd: 0 },
      reconstruct: { correct: 0.76, latencyMs: 1900, tokens: 170, costUsd: 0 },
    },
  },
};
const modes: OutputMode[] = ["emit", "compressed", "reconstruct"];

function simulate(policy: AdaptivePolicy, random: SeededRandom, deployment: string, weights: TriadWeights, rounds: number): OutputMode[] {
  const chosen: OutputMode[] = [];
  const target = environment[deployment];
  if (target === undefined) throw new Error(deployment);
  for (let round = 0; round < rounds; round += 1) {
    // This loop does not retry an invalid answer in another mode, as the gateway does: say so to the policy.
    const { mode } = policy.choose({ deployment, modes, weights, random: random.next, canRetry: false });
    const behaviour = target.modes[mode];
    const correct = random.chance(behaviour.correct);
    const valid = correct || random.chance(0.5);
    policy.record({ deployment, mode, valid, latencyMs: behaviour.latencyMs * (0.8 + 0.4 * random.next()), tokens: behaviour.tokens, costUsd: behaviour.costUsd });
    // A verdict on every valid answer (the user's feedback): the strongest signal the policy can get.
    if (valid) policy.recordEvidence({ deployment, mode, score: correct ? 1 : 0, weight: 1, source: "feedback" });
    chosen.push(mode);
  }
  return chosen;
}

const providerOf = (deployment: string) => environment[deployment]?.provider;
const share = (chosen: OutputMode[], mode: OutputMode) => chosen.filter((entry) => entry === mode).length / chosen.length;

describe("AdaptivePolicy", () => {
  it("starts from the provider's default mode", () => {
    const policy = new AdaptivePolicy({ providerOf });
    const weights = { correctness: 1, latency: 0, cost: 0 };
    expect(policy.choose({ deployment: "gpt", modes, weights, random: () => 0.5 }).mode).toBe("emit");
    expect(policy.choose({ deployment: "gemini", modes, weights, random: () => 0.5 })).toMatchObject({ mode: "compressed", reason: expect.stringMatching(/^prior/) });
    expect(policy.choose({ deployment: "llama", modes, weights, random: () => 0.5 }).mode).toBe("reconstruct");
  });

  it.each([
    ["gemini", { correctness: 1, latency: 0, cost: 0 }, "emit"],
    ["llama", { correctness: 1, latency: 0, cost: 0 }, "compressed"],
    ["gpt", { correctness: 0.3, latency: 0.5, cost: 0.2 }, "compressed"],
  ] as const)("converges on %s with weights %j to %s, exploring within its cap", (deployment, weights, best) => {
    const policy = new AdaptivePolicy({ providerOf, maxExplorationFraction: 0.1 });
    const chosen = simulate(policy, seededRandom(42), deployment, weights, 600);
    expect(share(chosen.slice(-150), best)).toBeGreaterThanOrEqual(0.85);
    expect(policy.explorationFraction(deployment)).toBeLessThanOrEqual(0.1);
    expect(policy.explorationFraction(deployment)).toBeGreaterThan(0);
  });

  it("puts correctness first when it outweighs latency and cost together: a cheaper, less correct mode does not win", () => {
    const policy = new AdaptivePolicy({ epsilon: 0, maxExplorationFraction: 0 });
    for (let index = 0; index < 40; index += 1) {
      policy.record({ deployment: "d", mode: "emit", valid: true, latencyMs: 900, tokens: 400, costUsd: 0.004 });
      policy.recordEvidence({ deployment: "d", mode: "emit", score: 1, weight: 1, source: "feedback" });
      policy.record({ deployment: "d", mode: "compressed", valid: true, latencyMs: 300, tokens: 100, costUsd: 0.001 });
      policy.recordEvidence({ deployment: "d", mode: "compressed", score: index % 20 !== 0 ? 1 : 0, weight: 1, source: "feedback" });
    }
    const choose = (weights: TriadWeights) => policy.choose({ deployment: "d", modes: ["emit", "compressed"], weights, random: () => 0.5 }).mode;
    expect(choose({ correctness: 1, latency: 0.3, cost: 0.3 })).toBe("emit");
    expect(choose({ correctness: 0.3, latency: 0.5, cost: 0.5 })).toBe("compressed");
  });

  it("keeps exploration bounded even with an aggressive bonus", () => {
    const policy = new AdaptivePolicy({ providerOf, explorationScale: 5, epsilon: 0.5, maxExplorationFraction: 0.05 });
    simulate(policy, seededRandom(7), "gemini", { correctness: 1, latency: 0, cost: 0 }, 400);
    expect(policy.explorationFraction("gemini")).toBeLessThanOrEqual(0.05);
  });

  it("repeats exactly under the same seed", () => {
    const run = () => simulate(new AdaptivePolicy({ providerOf }), seededRandom(3), "llama", { correctness: 1, latency: 0.2, cost: 0.1 }, 200);
    expect(run()).toEqual(run());
  });

  it("keeps statistics: counts, valid rate, latency EWMA and p95", () => {
    const policy = new AdaptivePolicy({ alpha: 0.5, discount: 1 });
    policy.record({ deployment: "d", mode: "emit", valid: true, latencyMs: 100, tokens: 10, costUsd: 0.01 });
    policy.record({ deployment: "d", mode: "emit", valid: false, latencyMs: 300, tokens: 30, costUsd: 0.03 });
    expect(policy.statisticsOf("d", "emit")).toMatchObject({ count: 2, weight: 2, valid: 1, latencyEwma: 200, tokensEwma: 20 });
    expect(policy.statisticsOf("d", "compressed")).toBeUndefined();
  });

  it("round-trips through toJSON/fromJSON and keeps deciding the same way", () => {
    const policy = new AdaptivePolicy({ providerOf });
    simulate(policy, seededRandom(11), "gemini", { correctness: 1, latency: 0, cost: 0 }, 150);
    const stored: unknown = JSON.parse(JSON.stringify(policy));
    const restored = AdaptivePolicy.fromJSON(stored, { providerOf });
    const weights = { correctness: 1, latency: 0, cost: 0 };
    expect(restored.choose({ deployment: "gemini", modes, weights, random: () => 0.99 })).toEqual(policy.choose({ deployment: "gemini", modes, weights, random: () => 0.99 }));
    expect(restored.toJSON()).toEqual(policy.toJSON());
  });

  it("refuses malformed and future stored state", () => {
    const refuse = (data: unknown) => {
      try {
        AdaptivePolicy.fromJSON(data);
      } catch (error) {
        return error instanceof SwitchyardError ? error.code : "other";
      }
      return "accepted";
    };
    expect(refuse({ version: 2, statistics: [], decisions: [] })).toBe("output_mode_state_invalid");
    expect(refuse({ version: 1, statistics: [{ deployment: "d", mode: "telepathy" }], decisions: [] })).toBe("output_mode_state_invalid");
    expect(refuse("garbage")).toBe("output_mode_state_invalid");
    expect(refuse({ version: 1, statistics: [], decisions: [] })).toBe("accepted");
  });

  it("trades the most correct mode in for a cheaper one only once verdicts make the cheaper one's lower bound clear the tolerance", () => {
    const weights = { correctness: 1, latency: 0.3, cost: 0.3 };
    const trained = (compressedVerdicts: number[]) => {
      const policy = new AdaptivePolicy({ providerOf: () => "openai", maxExplorationFraction: 0 });
      for (let index = 0; index < 60; index += 1) {
        policy.record({ deployment: "gpt", mode: "emit", valid: true, latencyMs: 900, tokens: 220, costUsd: 0.002 });
        policy.record({ deployment: "gpt", mode: "compressed", valid: true, latencyMs: 400, tokens: 100, costUsd: 0.001 });
      }
      for (let index = 0; index < 15; index += 1) policy.recordEvidence({ deployment: "gpt", mode: "emit", score: 1, weight: 1, source: "feedback" });
      for (const score of compressedVerdicts) policy.recordEvidence({ deployment: "gpt", mode: "compressed", score, weight: 1, source: "feedback" });
      return { policy, mode: policy.choose({ deployment: "gpt", modes: ["emit", "compressed"], weights, random: () => 0.5 }).mode };
    };
    // Valid every time, but not one verdict: its correctness is unknown, so being cheaper does not make it win.
    expect(trained([]).mode).toBe("emit");
    // About 84 % right: clearly less correct than emit.
    expect(trained(Array.from({ length: 25 }, (_, index) => (index % 6 === 0 ? 0 : 1))).mode).toBe("emit");
    // Right on every verdict, and enough of them for a narrow posterior: now the cheaper mode serves.
    const confident = trained(Array.from({ length: 120 }, () => 1));
    expect(confident.policy.belief("gpt", "compressed").sd).toBeLessThan(0.03);
    expect(confident.mode).toBe("compressed");
  });

  it("explores by Thompson sampling: a mode whose posterior is wide is tried, within the exploration cap", () => {
    const policy = new AdaptivePolicy({ providerOf: () => "openai", epsilon: 0 });
    const random = seededRandom(21);
    const weights = { correctness: 1, latency: 0, cost: 0 };
    const counts: Record<OutputMode, number> = { emit: 0, compressed: 0, reconstruct: 0 };
    for (let index = 0; index < 400; index += 1) {
      const { mode } = policy.choose({ deployment: "gpt", modes: ["emit", "compressed", "reconstruct"], weights, random: random.next });
      counts[mode] += 1;
      policy.record({ deployment: "gpt", mode, valid: mode !== "reconstruct" || random.chance(0.6), latencyMs: 100, tokens: 100, costUsd: 0.001 });
    }
    expect(counts.compressed + counts.reconstruct).toBeGreaterThan(5);
    expect(policy.explorationFraction("gpt")).toBeLessThanOrEqual(0.1);
    // Reconstruct answers invalid 40 % of the time: its posterior falls away and it is tried least.
    expect(counts.reconstruct).toBeLessThan(counts.compressed + counts.emit);
  });
});


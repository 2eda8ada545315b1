import { describe, expect, it } from "vitest";
import { OUTPUT_MODES, type OutputMode } from "../../../src/output-modes/protocol.ts";
import type { OutputProvider } from "../../../src/output-modes/schema-unsupported-error.ts";
import { seededRandom } from "../../../src/workload/seeded-random.ts";
import { fixedCorrect, randomDeployment, simulate } from "./policy-simulation.ts";

const providers: OutputProvider[] = ["openai", "google-genai", "ollama"];
const rate = (trace: ReadonlyArray<{ correct: boolean }>) => trace.filter((item) => item.correct).length / Math.max(1, trace.length);

describe("the adaptive policy on randomized profiles it was not tuned on (production signals only)", () => {
  it("stays close to the best fixed mode on average, with 15 % delayed feedback and 5 % shadow agreement", () => {
    const random = seededRandom(2026);
    const gaps: number[] = [];
    for (let profile = 0; profile < 40; profile += 1) {
      const environment = randomDeployment(random);
      const best = Math.max(...OUTPUT_MODES.map((mode) => fixedCorrect(environment, mode)));
      const { trace } = simulate(environment, { provider: providers[profile % 3]!, requests: 600, feedbackRate: 0.15, feedbackDelay: 20, shadowRate: 0.05, seed: profile });
      gaps.push(best - rate(trace));
    }
    const mean = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length;
    console.log(`randomized profiles: mean gap ${(mean * 100).toFixed(2)} points, worst ${(Math.max(...gaps) * 100).toFixed(2)}`);
    expect(mean).toBeLessThanOrEqual(0.02);
  });
});

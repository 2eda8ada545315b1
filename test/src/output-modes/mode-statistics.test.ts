import { describe, expect, it } from "vitest";
import { AdaptivePolicy } from "../../../src/output-modes/adaptive-policy.ts";
import { DEFAULT_PAGE_HINKLEY } from "../../../src/output-modes/change-detector.ts";
import { discountTo, emptyStatistics, recordEvidence, recordOutcome, type DiscountConfig } from "../../../src/output-modes/mode-statistics.ts";
import { OUTPUT_MODES } from "../../../src/output-modes/protocol.ts";
import { seededRandom } from "../../../src/workload/seeded-random.ts";
import { fixedCorrect, randomDeployment, simulate, type SimulatedDeployment } from "./policy-simulation.ts";

const deploymentClock: DiscountConfig = { discount: 0.995, evidenceDiscount: 0.997, keepOnAlarm: 0.1, detector: DEFAULT_PAGE_HINKLEY };
const modeClock: DiscountConfig = { ...deploymentClock, idleDiscount: 0.9995 };
const call = (valid: boolean) => ({ deployment: "d", mode: "emit" as const, valid, latencyMs: 50, tokens: 100, costUsd: 0.0001 });

/** 50 calls in the mode, each with a right verdict, then `idle` calls on the deployment that went to other modes. */
function rival(config: DiscountConfig, idle: number) {
  const statistics = emptyStatistics("d", "emit");
  for (let step = 1; step <= 50; step += 1) {
    discountTo(statistics, step, config);
    recordOutcome(statistics, call(true), 0.2, config);
    recordEvidence(statistics, { deployment: "d", mode: "emit", score: 1, weight: 1, source: "feedback" }, config);
  }
  discountTo(statistics, 50 + idle, config);
  return statistics;
}

describe("the mode clock: a seldom-asked mode keeps what its own calls showed", () => {
  it("ages a mode by its own calls and only by the idle factor while other modes serve", () => {
    const kept = rival(modeClock, 400);
    // Call k (of 50) has since aged by 50 - k calls in the mode and 450 - k calls on the deployment.
    const aged = (own: number) => Array.from({ length: 50 }, (_, index) => own ** (49 - index) * 0.9995 ** (449 - index)).reduce((sum, part) => sum + part, 0);
    expect(kept.weight).toBeCloseTo(aged(0.995), 6);
    expect(kept.evidence).toBeCloseTo(aged(0.997), 6);
    // The deployment's clock, as before: the same 50 verdicts are mostly gone after 400 calls elsewhere.
    const lost = rival(deploymentClock, 400);
    expect(lost.evidence).toBeLessThan(0.4 * kept.evidence);
    expect(lost.weight).toBeLessThan(0.2 * kept.weight);
  });

  it("still forgets a mode nothing asks for long: its posterior widens again so exploration returns", () => {
    expect(rival(modeClock, 4000).evidence).toBeLessThan(0.2 * rival(modeClock, 0).evidence);
  });

  it("in the policy: a rival's verdicts outlast the served mode's calls, so its belief stays narrow", () => {
    const beliefAfter = (idleDiscount: number | undefined) => {
      const policy = new AdaptivePolicy({ providerOf: () => "google-genai", ...(idleDiscount === undefined ? {} : { idleDiscount }) });
      for (let index = 0; index < 40; index += 1) {
        policy.record({ ...call(true), mode: "emit" });
        policy.recordEvidence({ deployment: "d", mode: "emit", score: 1, weight: 1, source: "feedback" });
      }
      for (let index = 0; index < 400; index += 1) policy.record({ ...call(true), mode: "compressed" });
      return policy.belief("d", "emit");
    };
    expect(beliefAfter(0.9995).sd).toBeLessThan(0.7 * beliefAfter(undefined).sd);
  });

  it("keeps drift detection: a served mode whose validity drops is left within 50 requests on most seeds", () => {
    const good = { valid: 0.99, correctGivenValid: 0.97, latencyMs: 60, costUsd: 0.0002 };
    const before: SimulatedDeployment = { emit: good, compressed: { ...good, correctGivenValid: 0.93, latencyMs: 80 }, reconstruct: { ...good, valid: 0.9, correctGivenValid: 0.93, latencyMs: 90 } };
    const after: SimulatedDeployment = { ...before, emit: { ...good, valid: 0.7, correctGivenValid: 0.9 } };
    let settled = 0;
    let left = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const { trace } = simulate(before, { provider: "openai", requests: 600, feedbackRate: 0.15, feedbackDelay: 20, shadowRate: 0.05, seed, drift: { at: 300, to: after }, policy: { idleDiscount: 0.9995 } });
      if (trace.slice(250, 300).filter((item) => item.mode === "emit").length < 20) continue;
      settled += 1;
      const leaveAt = Array.from({ length: 300 - 20 }, (_, offset) => 300 + offset).find((start) => trace.slice(start, start + 20).filter((item) => item.mode === "emit").length < 10);
      if (leaveAt !== undefined && leaveAt - 300 <= 50) left += 1;
    }
    expect(settled).toBeGreaterThanOrEqual(3);
    expect(left).toBe(settled);
  });

  it("on 40 random deployments, settles nearer the best mode: the second half's first choices lose fewer points", () => {
    const providers = ["openai", "google-genai", "ollama"] as const;
    // Per deployment: expected correct rate of the best fixed mode minus that of the modes the policy asked first over requests 300-599.
    const settleGaps = (idleDiscount: number | undefined) =>
      Array.from({ length: 40 }, (_, index) => {
        const deployment = randomDeployment(seededRandom(9001 + index));
        const best = Math.max(...OUTPUT_MODES.map((mode) => fixedCorrect(deployment, mode)));
        const { trace } = simulate(deployment, { provider: providers[(index + 1) % 3] ?? "openai", requests: 600, feedbackRate: 0.15, feedbackDelay: 20, shadowRate: 0.05, seed: index + 1, ...(idleDiscount === undefined ? {} : { policy: { idleDiscount } }) });
        const late = trace.slice(300);
        return best - late.reduce((sum, item) => sum + fixedCorrect(deployment, item.mode), 0) / late.length;
      });
    const mean = (values: number[]) => (100 * values.reduce((sum, value) => sum + value, 0)) / values.length;
    const deploymentClockGap = mean(settleGaps(undefined));
    const modeClockGap = mean(settleGaps(0.9995));
    console.log(`settle gap over requests 300-599, mean of 40 random deployments, points: deployment clock ${deploymentClockGap.toFixed(2)}, mode clock ${modeClockGap.toFixed(2)}`);
    expect(modeClockGap).toBeLessThan(deploymentClockGap - 0.3);
  });

  it("costs some speed on a silent drift of the served mode (12 % wrong), yet still leaves it within 50 requests on most seeds", () => {
    const good = { valid: 0.99, correctGivenValid: 0.97, latencyMs: 60, costUsd: 0.0002 };
    const before: SimulatedDeployment = { emit: good, compressed: { ...good, correctGivenValid: 0.93, latencyMs: 80 }, reconstruct: { ...good, valid: 0.9, correctGivenValid: 0.93, latencyMs: 90 } };
    const after: SimulatedDeployment = { ...before, emit: { ...good, correctGivenValid: 0.85 } };
    const toLeave = (trace: ReadonlyArray<{ mode: string }>) => {
      for (let start = 300; start + 20 <= trace.length; start += 1) if (trace.slice(start, start + 20).filter((item) => item.mode === "emit").length < 10) return start - 300;
      return trace.length - 300;
    };
    const leftWithin50 = (idleDiscount: number | undefined) =>
      Array.from({ length: 24 }, (_, index) => toLeave(simulate(before, { provider: "openai", requests: 500, feedbackRate: 0.15, feedbackDelay: 20, shadowRate: 0.05, seed: index + 1, drift: { at: 300, to: after }, arbitrate: true, ...(idleDiscount === undefined ? {} : { policy: { idleDiscount } }) }).trace)).filter((count) => count <= 50).length;
    const modeClock = leftWithin50(0.9995);
    console.log(`12 % silent drift, seeds (of 24) left within 50 requests: deployment clock ${leftWithin50(undefined)}, mode clock ${modeClock}`);
    expect(modeClock).toBeGreaterThanOrEqual(12);
  });
});

import { describe, expect, it } from "vitest";
import { AdaptivePolicy } from "../../../src/output-modes/adaptive-policy.ts";
import { DEFAULT_PAGE_HINKLEY, emptyDetector, observeDrop } from "../../../src/output-modes/change-detector.ts";

/** A settled shadow verdict on gpt's emit, at the shadow's evidence weight. */
function verdict(policy: AdaptivePolicy, score: number, settled: boolean): void {
  policy.recordEvidence({ deployment: "gpt", mode: "emit", score, weight: 0.5, source: "shadow", settled });
}

describe("observeDrop", () => {
  it("counts a weighted observation as that share of one", () => {
    const whole = emptyDetector();
    const halves = emptyDetector();
    for (let index = 0; index < 10; index += 1) observeDrop(whole, 1);
    for (let index = 0; index < 20; index += 1) observeDrop(halves, 1, DEFAULT_PAGE_HINKLEY, 0.5);
    observeDrop(whole, 0);
    observeDrop(halves, 0, DEFAULT_PAGE_HINKLEY, 0.5);
    observeDrop(halves, 0, DEFAULT_PAGE_HINKLEY, 0.5);
    expect(halves.n).toBeCloseTo(whole.n + 0, 9);
    expect(halves.mean).toBeCloseTo(whole.mean, 2);
  });

  it("ignores an observation of no weight", () => {
    const state = emptyDetector();
    expect(observeDrop(state, 0, DEFAULT_PAGE_HINKLEY, 0)).toBe(false);
    expect(state).toEqual(emptyDetector());
  });
});

describe("settled shadow verdicts feed the change detector", () => {
  it("trips on a stream of settled verdicts against one mode", () => {
    const policy = new AdaptivePolicy();
    for (let index = 0; index < 20; index += 1) verdict(policy, 1, true);
    let firstAlarm: number | undefined;
    for (let index = 0; index < 40 && firstAlarm === undefined; index += 1) {
      verdict(policy, 0, true);
      if ((policy.statisticsOf("gpt", "emit")?.alarms ?? 0) > 0) firstAlarm = index + 1;
    }
    expect(firstAlarm).toBeDefined();
    // At weight 0.5 a settled verdict counts half a user's: about twice as many are needed as feedback needs.
    expect(firstAlarm).toBeLessThanOrEqual(15);
  });

  it("does not trip on agreements", () => {
    const policy = new AdaptivePolicy();
    for (let index = 0; index < 300; index += 1) verdict(policy, 1, true);
    expect(policy.statisticsOf("gpt", "emit")?.alarms).toBe(0);
  });

  it("does not trip on unsettled blame (the pair's Bayes split)", () => {
    const policy = new AdaptivePolicy();
    for (let index = 0; index < 20; index += 1) verdict(policy, 1, true);
    for (let index = 0; index < 40; index += 1) verdict(policy, 0, false);
    expect(policy.statisticsOf("gpt", "emit")?.alarms).toBe(0);
  });
});

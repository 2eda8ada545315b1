import { describe, expect, it } from "vitest";
import { bernoulliDivergence, detectionBound } from "../../../bench/triad/detection-bound.ts";
import { driftFigures } from "../../../bench/triad/triad-drift.ts";
import type { PolicyTrace } from "../../../bench/triad/triad-policies.ts";

describe("detectionBound", () => {
  it("is zero information, and no finite bound, when nothing observable changes", () => {
    const bound = detectionBound({ visible: 0.02, silent: 0.01 }, { visible: 0.02, silent: 0.01 }, { revealRate: 0.2, goal: 50 });
    expect(bound.informationPerRequest).toBeCloseTo(0, 12);
    expect(bound.requestsAtFalseAlarmEvery).toBe(Number.POSITIVE_INFINITY);
  });

  it("needs more requests for a silent drift than for the same drop seen as invalid answers", () => {
    const silent = detectionBound({ visible: 0.01, silent: 0.01 }, { visible: 0.01, silent: 0.07 }, { revealRate: 0.2, goal: 50 });
    const visible = detectionBound({ visible: 0.01, silent: 0.01 }, { visible: 0.07, silent: 0.01 }, { revealRate: 0.2, goal: 50 });
    expect(silent.requestsAtFalseAlarmEvery).toBeGreaterThan(3 * visible.requestsAtFalseAlarmEvery);
    // ln(1000) / I, and exp(goal * I) for the spacing at which the goal becomes possible.
    expect(visible.requestsAtFalseAlarmEvery).toBeCloseTo(Math.log(1000) / visible.informationPerRequest, 9);
    expect(Math.log(visible.falseAlarmEveryForGoal)).toBeCloseTo(50 * visible.informationPerRequest, 9);
  });

  it("reads a collapse as leavable within a handful of requests", () => {
    expect(detectionBound({ visible: 0.01, silent: 0 }, { visible: 0.6, silent: 0 }, { revealRate: 0.2, goal: 50 }).requestsAtFalseAlarmEvery).toBeLessThan(10);
  });

  it("treats a rate never seen as rare, not impossible", () => {
    expect(Number.isFinite(bernoulliDivergence(0.05, 0))).toBe(true);
  });
});

describe("driftFigures with evidence rates", () => {
  it("attaches the bound from the degraded mode's fixed runs", () => {
    const traces: PolicyTrace[] = [];
    for (let index = 0; index < 200; index += 1) {
      const base = { backend: "gemini", index, attempts: 1, explored: false };
      const broken = index >= 100 && index % 10 === 0;
      traces.push({ ...base, policy: "fixed emit", firstMode: "emit", correct: !broken, firstValid: !broken });
      traces.push({ ...base, policy: "fixed reconstruct", firstMode: "reconstruct", correct: true, firstValid: true });
      traces.push({ ...base, policy: "adaptive", firstMode: "emit", correct: !broken, firstValid: !broken });
    }
    const [figure] = driftFigures(traces, 100, { feedbackRate: 0.15, shadowRate: 0.05 });
    expect(figure?.bound?.visibleInformation).toBeCloseTo(bernoulliDivergence(0.1, 0), 9);
    expect(figure?.bound?.requestsAtFalseAlarmEvery).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from "vitest";
import { driftFigures } from "../../../bench/triad/triad-drift.ts";
import type { PolicyTrace } from "../../../bench/triad/triad-policies.ts";

/** 100 requests on one backend; emit degrades at request 50; the adaptive policy's first modes come from `adaptiveMode`. */
function traces(adaptiveMode: (index: number) => "emit" | "compressed"): PolicyTrace[] {
  const all: PolicyTrace[] = [];
  for (let index = 0; index < 100; index += 1) {
    const base = { backend: "openai", index, attempts: 1, explored: false };
    all.push({ ...base, policy: "fixed emit", firstMode: "emit", correct: index < 50 });
    all.push({ ...base, policy: "fixed compressed", firstMode: "compressed", correct: true });
    all.push({ ...base, policy: "adaptive", firstMode: adaptiveMode(index), correct: true });
  }
  return all;
}

describe("driftFigures", () => {
  it("counts the requests until a policy that had settled on the degraded mode leaves it", () => {
    const [figure] = driftFigures(traces((index) => (index < 60 ? "emit" : "compressed")), 50);
    expect(figure).toMatchObject({ degradedMode: "emit", adaptiveShareBefore: 1, tested: true, left: true, requestsToLeave: 1 });
  });

  it("marks a drift of a mode the policy hardly used as not testing leaving it", () => {
    const [figure] = driftFigures(traces((index) => (index % 10 === 0 ? "emit" : "compressed")), 50);
    expect(figure?.requestsToLeave).toBe(0);
    expect(figure?.tested).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { PolicyOverrides } from "../../../src/output-modes/policy-overrides.ts";

describe("the guardian's overrides of the policy", () => {
  it("blocks and unblocks modes per deployment", () => {
    const overrides = new PolicyOverrides();
    overrides.blockMode("gemini", "emit", true);
    overrides.blockMode("gemini", "compressed", true);
    overrides.blockMode("gemini", "emit", false);
    expect(overrides.blockedModes("gemini")).toEqual(["compressed"]);
    expect(overrides.blockedModes("openai")).toEqual([]);
  });

  it("clamps probe shares and exploration to 0..1 and clears them with undefined", () => {
    const overrides = new PolicyOverrides();
    overrides.probeMode("gemini", "emit", 1.5);
    overrides.setExploration("gemini", -0.2);
    expect(overrides.probe("gemini")).toEqual({ mode: "emit", share: 1 });
    expect(overrides.explorationOf("gemini")).toBe(0);
    overrides.probeMode("gemini", "emit", undefined);
    overrides.setExploration("gemini", undefined);
    expect(overrides.probe("gemini")).toBeUndefined();
    expect(overrides.explorationOf("gemini")).toBeUndefined();
  });
});

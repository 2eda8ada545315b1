import { describe, expect, it } from "vitest";
import { compilePolicyPattern, policyPatternProblem } from "../../../src/verification/policy-pattern.ts";

describe("compilePolicyPattern", () => {
  it("matches case-insensitively, anywhere unless anchored, with Unicode classes", () => {
    expect(compilePolicyPattern("^ord-[0-9]{4}$").test("ORD-1234")).toBe(true);
    expect(compilePolicyPattern("^ord-[0-9]{4}$").test("see ORD-1234")).toBe(false);
    expect(compilePolicyPattern("@example\\.com$").test("Ada@Example.COM")).toBe(true);
    expect(compilePolicyPattern("^\\p{L}+$").test("Zoë")).toBe(true);
  });

  it("keeps its source for error messages and audit", () => {
    expect(compilePolicyPattern("refund").source).toBe("refund");
  });
});

describe("policyPatternProblem", () => {
  it("names what the linear-time engine cannot run", () => {
    expect(policyPatternProblem("(a)\\1")).toMatch(/linear-time engine/);
    expect(policyPatternProblem("[a-z]+@[a-z]+\\.com")).toBeUndefined();
  });
});

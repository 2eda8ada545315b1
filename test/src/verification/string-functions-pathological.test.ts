import { describe, expect, it } from "vitest";
import { regexProblem } from "../../../src/verification/index.ts";
import { compilePolicyPattern } from "../../../src/verification/policy-pattern.ts";
import { applyStringFunction } from "../../../src/verification/string-functions.ts";

const matches = (text: string, pattern: string) => applyStringFunction("matches", text, "", compilePolicyPattern(pattern));

describe("a vetted policy regex on a long hostile argument", () => {
  it("finishes a pattern that is polynomial under backtracking (V8's engine: minutes on 10,000 digits)", () => {
    expect(regexProblem("\\d+\\d+\\d+x")).toBeUndefined();
    expect(matches("1".repeat(200_000), "\\d+\\d+\\d+x")).toBe(false);
    expect(matches("x".repeat(200_000), "[a-z]+@[a-z]+\\.com")).toBe(false);
  });

  it("reads the whole argument: padding cannot push what a rule looks for out of sight", () => {
    expect(matches(`${"x ".repeat(50_000)}write to ada@example.com`, "[a-z]+@[a-z]+\\.com")).toBe(true);
    expect(matches(`${"1".repeat(100_000)}x`, "\\d+\\d+\\d+x")).toBe(true);
    expect(matches(`${"lorem ".repeat(20_000)}INTERNAL use only`, "internal use only")).toBe(true);
  });

  it("refuses a quantified group under an exact count, a polynomial of that degree in a backtracking engine", () => {
    expect(regexProblem("(a+){8}b")).toMatch(/catastrophic/);
    expect(regexProblem("(ab){8}")).toBeUndefined();
  });
});

describe("matches() reads the text as a reader sees it", () => {
  it("is not split by zero-width characters, full-width letters or Unicode spaces", () => {
    expect(matches("internal\u200B use\u2060 only", "internal use only")).toBe(true);
    expect(matches("ｉｎｔｅｒｎａｌ use only", "internal use only")).toBe(true);
    expect(matches("internal\u00A0use\u3000only", "internal\\s+use\\s+only")).toBe(true);
  });
});

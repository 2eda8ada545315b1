import { describe, expect, it } from "vitest";
import { regexProblem } from "../../../src/verification/index.ts";
import { regexInputLimitFor } from "../../../src/verification/safe-regex.ts";
import { applyStringFunction } from "../../../src/verification/string-functions.ts";

const matches = (text: string, pattern: string) => applyStringFunction("matches", text, "", new RegExp(pattern, "iu"));

describe("a vetted policy regex on a long hostile argument", () => {
  it("runs a polynomial pattern on a prefix short enough to finish (the whole 10,000 digits took minutes)", () => {
    expect(regexProblem("\\d+\\d+\\d+x")).toBeUndefined();
    expect(matches("1".repeat(10_000), "\\d+\\d+\\d+x")).toBe(false);
    expect(matches(`${"1".repeat(20)}x${"1".repeat(10_000)}`, "\\d+\\d+\\d+x")).toBe(true);
    expect(matches("x".repeat(10_000), "[a-z]+@[a-z]+\\.com")).toBe(false);
    expect(matches(`write to ada@example.com ${"x".repeat(10_000)}`, "[a-z]+@[a-z]+\\.com")).toBe(true);
  });

  it("keeps the whole limit for a pattern without quantifiers or anchored with one", () => {
    expect(regexInputLimitFor("internal use only")).toBe(10_000);
    expect(regexInputLimitFor("^ord-[0-9]+$")).toBe(10_000);
    expect(matches(`${"x ".repeat(4_500)}internal use only`, "internal use only")).toBe(true);
  });

  it("refuses a quantified group under an exact count, a polynomial of that degree", () => {
    expect(regexProblem("(a+){8}b")).toMatch(/catastrophic/);
    expect(regexProblem("(ab){8}")).toBeUndefined();
  });
});

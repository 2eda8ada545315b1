import { describe, expect, it } from "vitest";
import { bpeCounter, LONGEST_TOKEN_BYTES, LONGEST_TOKEN_LETTER_RUN, tokensLowerBound } from "../../../src/tokens/index.ts";
import { workloadTasks } from "../../../src/workload/index.ts";

function fuzzTexts(count: number, seed: number): string[] {
  const alphabet = [..."abcXYZ 019\n\r\t.,'!?-_()[]{}éü日本ßΩ/\\\"٣", "😀", "\u0301", "'s", "'re", "don't", "  ", "\n\n", "\ud800", "x".repeat(50), "1".repeat(7), "a1b2"];
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(next() * 60) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(""));
}

describe("tokensLowerBound", () => {
  for (const name of ["o200k_base", "cl100k_base"] as const) {
    it(`never exceeds the exact ${name} count`, () => {
      const counter = bpeCounter(name);
      expect(counter.longestToken).toBeLessThanOrEqual(LONGEST_TOKEN_BYTES);
      expect(counter.longestLetterRun()).toBeLessThanOrEqual(LONGEST_TOKEN_LETTER_RUN);
      const texts = [...workloadTasks().map((task) => task.input), "x".repeat(5_000), "9".repeat(1_000), "ab'cd ef-gh 12x34", ...fuzzTexts(3_000, 5)];
      const over = texts.filter((text) => tokensLowerBound(text) > counter.count(text));
      expect(over).toEqual([]);
    });
  }

  it("is within 0.6 of the exact count on prose, where the plain length bound is 28 times under", () => {
    const prose = workloadTasks().map((task) => task.input).join("\n");
    const exact = bpeCounter("o200k_base").count(prose);
    expect(tokensLowerBound(prose) / exact).toBeGreaterThan(0.6);
    expect(Math.ceil(Buffer.byteLength(prose) / LONGEST_TOKEN_BYTES) / exact).toBeLessThan(0.1);
  });

  it("bounds one unbroken word by its letters", () => {
    expect(tokensLowerBound("x".repeat(4_100))).toBe(100);
  });
});

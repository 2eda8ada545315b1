import { describe, expect, it } from "vitest";
import { detectPii, normaliseForPii } from "../../../src/verification/index.ts";

// 200,000 characters: the quadratic reading took 21 s on 100,000 and would outlast the test timeout here.
const run = 200_000;

describe("a spoken address after a long run of spaces or line breaks", () => {
  it("is still read, and the run is left alone", () => {
    for (const blank of [" ", "\n", ", "]) {
      const text = `${blank.repeat(run / blank.length)}it's s for sugar, a, m, at outlook dot com`;
      expect(normaliseForPii(text).text.endsWith(`${blank.at(-1)}it's sam at outlook dot com`)).toBe(true);
      expect(detectPii(text).map((finding) => [finding.kind, finding.text])).toEqual([["email", "s for sugar, a, m, at outlook dot com"]]);
    }
  });

  it("finds nothing in the run alone", () => {
    expect(detectPii(" ".repeat(run - 1) + "a")).toEqual([]);
    expect(detectPii("\n".repeat(run))).toEqual([]);
  });
});

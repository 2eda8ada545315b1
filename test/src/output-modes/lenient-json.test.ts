import { describe, expect, it } from "vitest";
import { parseLenientJson } from "../../../src/output-modes/lenient-json.ts";

describe("parseLenientJson", () => {
  it.each([
    ['{"a": 1}', { a: 1 }, false],
    ["{a: 1, b: 'two',}", { a: 1, b: "two" }, true],
    ["// note\n{\"a\": /* inline */ 1}", { a: 1 }, true],
    ['{"a": [1, 2', { a: [1, 2] }, true],
    ['{"a": "cut', { a: "cut" }, true],
    ['{"a": 1, "b":', { a: 1 }, true],
    ['{"a": True, "b": None}', { a: true, b: null }, true],
    ["prefix [1, 2] suffix", [1, 2], true],
    ['{"a": 1] trailing', { a: 1 }, true],
    ['[1, }', [1], true],
  ])("%s", (text, value, repaired) => {
    expect(parseLenientJson(text)).toEqual({ value, repaired });
  });

  it("prefers the outer value over a strictly valid inner one", () => {
    expect(parseLenientJson('[["a", 1], ["b", 2]', "any")?.value).toEqual([["a", 1], ["b", 2]]);
  });

  it("returns undefined when there is no JSON", () => {
    expect(parseLenientJson("no json here")).toBeUndefined();
    expect(parseLenientJson("")).toBeUndefined();
  });
});

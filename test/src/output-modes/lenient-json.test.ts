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

  it("reads an answer nested 100,000 deep as cut off at 128 levels instead of overflowing the stack", () => {
    const result = parseLenientJson(`{"a": ${"[".repeat(100_000)}`);
    expect(result?.repaired).toBe(true);
    let depth = 0;
    for (let value = (result?.value as { a: unknown }).a; Array.isArray(value); value = value[0]) depth += 1;
    expect(depth).toBe(127);
  });
});

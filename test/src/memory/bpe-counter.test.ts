import { Tiktoken } from "js-tiktoken/lite";
import cl100k from "js-tiktoken/ranks/cl100k_base";
import o200k from "js-tiktoken/ranks/o200k_base";
import { describe, expect, it } from "vitest";
import { bpeCounter, tokensAtLeast } from "../../../src/memory/index.ts";
import { workloadTasks } from "../../../src/workload/index.ts";
import { syntheticHistory } from "./history.ts";

/** Seeded strings over an alphabet that exercises every branch of the split patterns and the byte-pair merge. */
function fuzzTexts(count: number, seed: number): string[] {
  const alphabet = [..."abcXYZ 019\n\r\t.,'!?-_()[]{}éü日本ßΩ/\\\"", "😀", "\u0301", "'s", "'re", "'LL", "  ", "\n\n", "<|endoftext|>", "\ud800"];
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(next() * 60) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(""));
}

const samples = [
  ...workloadTasks().map((task) => task.input),
  syntheticHistory(3_000).map((message) => JSON.stringify(message.content)).join("\n"),
  "héllo wörld, 日本語のテキスト 😀 and a lone surrogate \ud800 here",
  " ".repeat(700) + "a",
  "x".repeat(5_000),
  "12345678901234567890 3.14159 1,000,000",
  "I'm sure you're right, THEY'LL say we'd better not.",
  "function add(a: number, b: number): number {\n\treturn a + b;\n}\n",
];

describe("BpeCounter", () => {
  for (const [name, ranks] of [["o200k_base", o200k], ["cl100k_base", cl100k]] as const) {
    it(`counts exactly what js-tiktoken encodes with ${name}`, () => {
      const reference = new Tiktoken(ranks);
      const counter = bpeCounter(name);
      const texts = [...samples, ...fuzzTexts(2_000, name.length)];
      const differing = texts.filter((text) => counter.count(text) !== reference.encode(text, [], []).length);
      expect(differing).toEqual([]);
    });

    it(`never counts fewer tokens than its length bound with ${name}`, () => {
      const counter = bpeCounter(name);
      for (const text of [...samples, ...fuzzTexts(500, 3)]) expect(tokensAtLeast(text, name)).toBeLessThanOrEqual(counter.count(text));
    });
  }

  it("has no length bound for the estimate, whose whitespace counts nothing", () => {
    expect(tokensAtLeast("word ".repeat(100), "estimate")).toBe(0);
  });
});

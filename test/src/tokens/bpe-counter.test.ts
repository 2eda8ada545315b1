import { Tiktoken } from "js-tiktoken/lite";
import cl100k from "js-tiktoken/ranks/cl100k_base";
import o200k from "js-tiktoken/ranks/o200k_base";
import { describe, expect, it } from "vitest";
import { BpeCounter, bpeCounter } from "../../../src/tokens/index.ts";

/** Seeded strings over an alphabet that crosses window ends in every way the split pattern can: contractions, spaces, newlines, surrogates. */
function fuzzTexts(count: number, seed: number): string[] {
  const alphabet = [..."abcXYZ 019\n\r\t.,'!?-_()[]{}éü日本ßΩ/\\\"", "😀", "\u0301", "'s", "'re", "'LL", "  ", "\n\n", "\ud800", "xxxxxxxxxx", "          "];
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(next() * 80) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(""));
}

describe("BpeCounter bounded in time", () => {
  it("counts exactly across window ends: small windows give js-tiktoken's count whenever they say exact", () => {
    const reference = new Tiktoken(o200k);
    const counter = new BpeCounter(o200k, { exactPieceChars: 48, sampleChars: 8 });
    let exact = 0;
    const differing: string[] = [];
    for (const text of fuzzTexts(1_500, 11)) {
      const result = counter.countDetailed(text);
      if (!result.exact) continue;
      exact += 1;
      if (result.tokens !== reference.encode(text, [], []).length) differing.push(text);
    }
    expect(differing).toEqual([]);
    // Most texts are longer than one window, so this exercises the seams, not just single windows.
    expect(exact).toBeGreaterThan(1_000);
  });

  it("counts an 8 MB single word in linear work, as an estimate within the length bounds", () => {
    const counter = new BpeCounter(o200k);
    const work = (text: string) => {
      const before = counter.meter.steps;
      const result = counter.countDetailed(text);
      return { ...result, steps: counter.meter.steps - before };
    };
    const small = work("x".repeat(1 << 20));
    const large = work("x".repeat(8 << 20));
    expect(large.exact).toBe(false);
    expect(large.tokens).toBeGreaterThanOrEqual((8 << 20) / counter.longestToken);
    expect(large.tokens).toBeLessThanOrEqual(8 << 20);
    // js-tiktoken's merge rescans every pair per merge: ~n²/2 = 3.5e13 steps here. Ours stays under one step per byte.
    expect(large.steps).toBeLessThan(8 << 20);
    expect(large.steps).toBeLessThan(small.steps * 8);
  });

  it("keeps the work of one call under its merge budget plus one step per piece", () => {
    const counter = new BpeCounter(cl100k, { mergeBudget: 10_000 });
    const text = Array.from({ length: 2_000 }, (_, index) => `zq${"xk".repeat(20 + (index % 7))}`).join(" ");
    const before = counter.meter.steps;
    const result = counter.countDetailed(text);
    const steps = counter.meter.steps - before;
    expect(result.exact).toBe(false);
    expect(steps).toBeLessThan(10_000 + 2 * 2_000 + 1_000);
    // Estimated pieces use the rate measured on merged ones: within 10 % of the exact count here.
    const exact = new Tiktoken(cl100k).encode(text, [], []).length;
    expect(Math.abs(result.tokens - exact) / exact).toBeLessThan(0.1);
  });

  it("counts a large text once however often a request asks (memory, routing, every attempt)", () => {
    const counter = new BpeCounter(o200k);
    const prompt = `Ticket:\n${"lorem ipsum dolor ".repeat(10_000)}`;
    const first = counter.countDetailed(prompt);
    const before = counter.meter.steps;
    // An equal string built anew, as a checkpoint round trip gives it.
    expect(counter.countDetailed(`Ticket:\n${"lorem ipsum dolor ".repeat(10_000)}`)).toEqual(first);
    expect(counter.meter.steps).toBe(before);
  });

  it("survives one 4M-character CJK word, which overflowed V8's regex stack when matched whole", () => {
    const counter = bpeCounter("o200k_base");
    const result = counter.countDetailed("日".repeat(4 << 20));
    expect(result.exact).toBe(false);
    expect(result.tokens).toBeGreaterThanOrEqual(Math.ceil((3 * (4 << 20)) / counter.longestToken));
  });

  it("counts 128 KiB of prose exactly, and a larger text within 2 % once its budget is spent", () => {
    const words = "We chose Postgres 16.2 for the billing service, and they'll migrate on Monday. ";
    const text = words.repeat(Math.ceil((1 << 17) / words.length));
    const result = bpeCounter("o200k_base").countDetailed(text);
    expect(result.exact).toBe(true);
    expect(result.tokens).toBe(new Tiktoken(o200k).encode(text, [], []).length);
    const larger = `${text}${text.toUpperCase()}${text}${text.toUpperCase()}${text}${text}`;
    const estimated = bpeCounter("o200k_base").countDetailed(larger);
    expect(estimated.exact).toBe(false);
    const exact = new Tiktoken(o200k).encode(larger, [], []).length;
    expect(Math.abs(estimated.tokens - exact) / exact).toBeLessThan(0.02);
  });
});

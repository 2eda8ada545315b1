import { describe, expect, it } from "vitest";
import { readSpellingAlphabet } from "../../../src/verification/pii-spelling-alphabet.ts";
import type { NormalisedText } from "../../../src/verification/pii-normalised-text.ts";

const text = (value: string): NormalisedText => ({ text: value, starts: [...value].map((_, index) => index), ends: [...value].map((_, index) => index + 1), spelled: [] });

describe("readSpellingAlphabet", () => {
  it("reads two code words or more as capitals, each mapped back to its word", () => {
    const read = readSpellingAlphabet(text("IBAN golf bravo 31"));
    expect(read.text).toBe("IBAN GB 31");
    expect([read.starts[5], read.ends[5], read.starts[6], read.ends[6]]).toEqual([5, 9, 10, 15]);
  });

  it("leaves one code word, and digits that are code words too, as written", () => {
    for (const value of ["Hotel Adlon, Berlin", "Delta flight 22", "lima lima tujuh"]) expect(readSpellingAlphabet(text(value)).text).toBe(value);
  });
});

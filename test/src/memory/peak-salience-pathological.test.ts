import { describe, expect, it } from "vitest";
import { peakSalience, salienceOf } from "../../../src/memory/index.ts";

// A request body may be a MiB: compaction reads it on the event loop, so a sentence is read on a bounded window.
const mebibyte = 1 << 20;

describe("salience of MiB-long texts", () => {
  it("reads a sentence on its first 2,000 characters: a value past them does not count", () => {
    expect(salienceOf(`${"x ".repeat(1_000)}I prefer tabs.`).kinds).toEqual([]);
    expect(salienceOf(`${"x ".repeat(990)}I prefer tabs.`).kinds).toEqual(["first_person", "preference"]);
  });

  it("finds an email address inside the window, and none in a run without an '@'", () => {
    expect(salienceOf(`${"a.".repeat(900)} dana.roth@quillmail.com`).kinds).toEqual(["entity"]);
    expect(salienceOf("a.".repeat(mebibyte / 2)).kinds).toEqual([]);
    expect(salienceOf("4-".repeat(mebibyte / 2)).kinds).toEqual(["number"]);
  });

  it("scores a MiB of one repeated line as that line, and a later distinct line still raises the peak", () => {
    const line = "We chose Postgres 16.2 for the billing service; they'll migrate on Monday, said Ada.";
    expect(peakSalience(`${line}\n`.repeat(mebibyte / (line.length + 1)))).toBe(peakSalience(line));
    expect(peakSalience(`${"a\n".repeat(mebibyte / 2)}My name is Ilse.`)).toBe(peakSalience("My name is Ilse."));
  });
});

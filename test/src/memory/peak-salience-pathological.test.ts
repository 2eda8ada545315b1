import { describe, expect, it } from "vitest";
import { peakSalience, salienceOf } from "../../../src/memory/index.ts";
import { PEAK_SALIENCE_HEAD_CHARS, PEAK_SALIENCE_TAIL_CHARS } from "../../../src/memory/salience.ts";

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

  it("reads a long text's first 48 KiB and last 16 KiB: a MiB of distinct lines is not read line by line on every compaction", () => {
    const filler = Array.from({ length: 40_000 }, (_, index) => `line ${index} of the log`).join("\n");
    const fact = "My name is Ilse.";
    const middle = `${filler.slice(0, filler.length / 2)}\n${fact}\n${filler.slice(filler.length / 2)}`;
    expect(middle.length).toBeGreaterThan(PEAK_SALIENCE_HEAD_CHARS + PEAK_SALIENCE_TAIL_CHARS);
    expect(peakSalience(middle)).toBeLessThan(peakSalience(fact));
    expect(peakSalience(`${fact}\n${filler}`)).toBe(peakSalience(fact));
    expect(peakSalience(`${filler}\n${fact}`)).toBe(peakSalience(fact));
  });

  it("remembers a long text's peak by its content: the next compaction of the same history reads it once more only to hash it", () => {
    const text = Array.from({ length: 40_000 }, (_, index) => `record ${index} of the log`).join("\n");
    const first = peakSalience(text);
    const started = process.cpuUsage();
    for (let round = 0; round < 20; round += 1) expect(peakSalience(text)).toBe(first);
    const used = process.cpuUsage(started);
    // Twenty hashes of ~1 MiB; reading the 64 KiB window twenty times would take several times this.
    expect((used.user + used.system) / 1000).toBeLessThan(200);
    // Another text of the same length is not taken for it: the same MiB with a more salient last line ranks higher.
    const fact = "My name is Ilse.";
    expect(peakSalience(`${text.slice(0, -fact.length - 1)}\n${fact}`)).toBe(peakSalience(fact));
    expect(peakSalience(fact)).toBeGreaterThan(first);
  });
});

import { describe, expect, it } from "vitest";
import { detectPii, normalisePiiText } from "../../../src/verification/index.ts";

// 200,000 characters of each new scanner's own material: every one reads its input once, with bounded look-behinds.
const run = 200_000;
const repeatTo = (unit: string) => unit.repeat(Math.ceil(run / unit.length));
// CPU time of this process, not wall time: a loaded machine (CI runs two test workers on two cores) stretches the
// wall clock, while a quadratic scan shows in CPU time whatever else runs.
const cpuMs = (started: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
};

describe("the encoding and escape scanners on long hostile input", () => {
  it("reads long runs of Morse, Braille, hex, tags, flags and overrides in one pass", () => {
    const started = process.cpuUsage();
    for (const text of [repeatTo(".- "), repeatTo("-. . "), repeatTo("- "), `hex ${repeatTo("41 ")}`, `hex ${repeatTo("4")}`, repeatTo("⠼⠁"), repeatTo("⠼"), repeatTo("\u{E0041}"), repeatTo("🇦 "), repeatTo("\u202E1"), `${"x".repeat(run)}\u202E`]) {
      expect(normalisePiiText(text).length).toBeGreaterThan(0);
      detectPii(text);
    }
    // Quadratic scanning of 200,000 characters takes minutes; linear ones together take well under this.
    expect(cpuMs(started)).toBeLessThan(20_000);
  });

  it("reads long runs of octal, CSS and ZPL escapes, EDIFACT releases, X12 qualifiers and HL7 components, track 2 and subtitle cues in one pass", () => {
    const started = process.cpuUsage();
    for (const text of [repeatTo("\\1"), repeatTo("\\100"), `^FH^FD${repeatTo("_4")}`, `^FH^FD${repeatTo("_")}`, `NAD+${repeatTo("?+")}`, `PER*${repeatTo("*TE*1")}`, repeatTo("ATD1"), repeatTo("^PRN^PH^"), `^PRN^PH^${repeatTo("^1")}`, repeatTo(";4111111111111="), repeatTo("\n00:00:01,000 --> 00:00:02,000"), `-->${repeatTo("\n1")}`, `-->${repeatTo("<v ")}`]) {
      expect(normalisePiiText(text).length).toBeGreaterThan(0);
      detectPii(text);
    }
    expect(cpuMs(started)).toBeLessThan(20_000);
  });
});

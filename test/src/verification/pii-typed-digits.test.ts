import { describe, expect, it } from "vitest";
import { detectPii } from "../../../src/verification/index.ts";
import { readTypedDigits } from "../../../src/verification/pii-typed-digits.ts";
import type { NormalisedText } from "../../../src/verification/pii-normalised-text.ts";

const text = (value: string): NormalisedText => ({ text: value, starts: [...value].map((_, index) => index), ends: [...value].map((_, index) => index + 1), spelled: [] });

describe("letters typed for digits under a label", () => {
  it("reads Ø, |, Z, b and q as digits in a number a label names", () => {
    expect(readTypedDigits(text("Handy +49 1bØ 511392Øb")).text).toBe("Handy +49 160 51139206");
    expect(readTypedDigits(text("IBAN DE89 37Ø4 0044 0532 Ø130 00")).text).toBe("IBAN DE89 3704 0044 0532 0130 00");
    expect(readTypedDigits(text("kt=|2Ø174-3399")).text).toBe("kt=120174-3399");
  });

  it("leaves them alone with no label, under another label, in a short run, or as a table's bars", () => {
    expect(readTypedDigits(text("build 1bØ 511392Øb")).text).toBe("build 1bØ 511392Øb");
    expect(readTypedDigits(text("Wi-Fi password: Z|Øq-bTe6b9")).text).toBe("Wi-Fi password: Z|Øq-bTe6b9");
    expect(readTypedDigits(text("phone Zb1")).text).toBe("phone Zb1");
    expect(readTypedDigits(text("| card | 4058 7704 |")).text).toBe("| card | 4058 7704 |");
    expect(readTypedDigits(text("身份證 Z589668(2)")).text).toBe("身份證 Z589668(2)");
    expect(readTypedDigits(text("PID|1||^PRN^PH^^+44 161 4960000|")).text).toBe("PID|1||^PRN^PH^^+44 161 4960000|");
  });

  it("lets the detectors find the number", () => {
    expect(detectPii("Kennitala: |2Ø174-3399").map((finding) => finding.kind)).toEqual(["national_id"]);
  });

  it("reads a long text of many typed numbers in time proportional to its length", () => {
    // Each number read used to rebuild the whole text: 400,000 characters of labelled numbers took ~3.7 s, 1/16 of it at 100,000.
    const cpu = (size: number) => {
      const long = "card 4Ø58 1234 5678 9Ø1Z\n".repeat(size / 25);
      const started = process.cpuUsage();
      const read = readTypedDigits(text(long)).text;
      const used = process.cpuUsage(started);
      expect(read.slice(0, 24)).toBe("card 4058 1234 5678 9012");
      return used.user + used.system;
    };
    cpu(100_000);
    const ratio = Math.min(...[0, 1].map(() => cpu(400_000) / cpu(100_000)));
    // Linear: about 4; rebuilding the text per number: about 16.
    expect(ratio).toBeLessThan(9);
  });
});

import { describe, expect, it } from "vitest";
import { detectPii } from "../../../src/verification/index.ts";

const found = (text: string) => detectPii(text).map((finding) => [finding.kind, finding.text]);

/** CPU milliseconds of one call. */
function cpu(run: () => unknown): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

describe("detectPii", () => {
  it("reads a card without the expiry written after it", () => {
    expect(found("Mastercard 5206-7892-0465-7679 11/28")).toEqual([["payment_card", "5206-7892-0465-7679"]]);
    expect(found("Order 5206-7892-0465-7679 11/28")).toEqual([]);
  });

  it("stays linear on a hostile megabyte-long line: four times the text costs about four times the time", () => {
    // Tens of thousands of candidates on one line: each is weighed once, and overlaps are checked by position (the
    // overlap check this replaced compared every pair: 16 s of CPU for this megabyte of phones, 11 times its 250 KB time).
    for (const unit of ["0176 2345 6789, ", "1 "]) {
      const small = unit.repeat(Math.ceil(250_000 / unit.length));
      const large = unit.repeat(Math.ceil(1_000_000 / unit.length));
      // The fastest of two runs each: the machine is shared, and a slow outlier says nothing about growth.
      const ratio = Math.min(cpu(() => detectPii(large)), cpu(() => detectPii(large))) / Math.min(cpu(() => detectPii(small)), cpu(() => detectPii(small)));
      expect(ratio).toBeLessThan(8);
    }
  }, 120_000);
});

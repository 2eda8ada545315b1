import { describe, expect, it } from "vitest";
import { detectPii } from "../../../src/verification/index.ts";

const found = (text: string) => detectPii(text).map((finding) => [finding.kind, finding.text]);

/**
 * Work by count, not by clock: the characters every regular-expression search of one call may scan (from where it
 * starts to where it matched, or to the end of its input when nothing matched), summed. Every search of the
 * detectors (`exec`, `test`, `replace`, `matchAll`, `split`) goes through `RegExp.prototype.exec` once it is
 * replaced, so the count is complete for them and the same on any machine.
 */
function scanned(run: () => unknown): number {
  const exec = RegExp.prototype.exec;
  let work = 0;
  RegExp.prototype.exec = function (this: RegExp, input: string) {
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const match = exec.call(this, input);
    work += (match === null ? input.length : match.index + match[0].length) - from;
    return match;
  };
  try {
    run();
  } finally {
    RegExp.prototype.exec = exec;
  }
  return work;
}

describe("detectPii", () => {
  it("reads a card without the expiry written after it", () => {
    expect(found("Mastercard 5206-7892-0465-7679 11/28")).toEqual([["payment_card", "5206-7892-0465-7679"]]);
    // Printed in its network's layout, it is a card whatever the label (pii-card-layout.ts); run together, the label decides.
    expect(found("Order 5206-7892-0465-7679 11/28")).toEqual([["payment_card", "5206-7892-0465-7679"]]);
    expect(found("Order 5206789204657679 11/28")).toEqual([]);
  });

  it("reads a bounded stretch per character on hostile long lines: four times the text is four times the work", () => {
    // Tens of thousands of candidates on one line, each weighed by the words within a fixed window around it: the
    // work per character is a constant of the input's shape (about 120 scanned characters per character for a line
    // of phone numbers), never a function of its length. A scan from each number to the end of the text would make
    // the larger text cost sixteen times the smaller, and its work per character grow with the length.
    const hostile = ["0176 2345 6789, ", "1 ", "four one ", "1.", "a", "a@b ", "ab cd 12 ", "call me at ann dot ", "Order 12345678 to ann@example.com; tel +49 151 2345 6789\n", "1^", "12 → ", "a.1.", "[1] a 12\n", "> 1\n", "a\u0308 1\u0308 ", "k=\"Zq1 %D9%A4=C4=99 ", "Land DE, Prüfziffer 44, BLZ 50010517, Konto 1 ", "1 [x] 2 :a: ", "a náid a dek "];
    for (const unit of hostile) {
      const small = unit.repeat(Math.ceil(40_000 / unit.length));
      const large = unit.repeat(Math.ceil(160_000 / unit.length));
      const perCharacter = scanned(() => detectPii(large)) / large.length;
      expect(perCharacter, JSON.stringify(unit)).toBeLessThan(400);
      expect(perCharacter / (scanned(() => detectPii(small)) / small.length), JSON.stringify(unit)).toBeLessThan(1.1);
    }
  }, 120_000);
});

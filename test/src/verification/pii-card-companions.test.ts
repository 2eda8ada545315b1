import { describe, expect, it } from "vitest";
import { detectPii, scrubPii, StreamTextChecker } from "../../../src/verification/index.ts";
import { cardAwaitingCompanion, cardCompanionAfter } from "../../../src/verification/pii-card-companions.ts";

const kinds = (text: string) => detectPii(text).map((finding) => finding.kind);
const redact = { strategy: "redact" } as const;

function streamed(text: string, size: number): string {
  const checker = new StreamTextChecker({ pii: redact });
  let out = "";
  for (let offset = 0; offset < text.length; offset += size) out += checker.push(text.slice(offset, offset + size)).text;
  return out + checker.finish().text;
}

describe("a card carrying its security code or expiry", () => {
  it("is a card whatever label a caller put before it", () => {
    expect(kinds("sample: 4539 1488 0343 6467, exp 09/28, cvv 123")).toEqual(["payment_card"]);
    expect(kinds("order 4539 1488 0343 6467 cvv 321")).toEqual(["payment_card"]);
    expect(kinds("CPF 5425 2334 3010 9903, valid thru 11/27")).toEqual(["payment_card"]);
    expect(kinds("Order 4539 1488 0343 6467 — the card on the account, security code 321, please charge it today.")).toEqual(["payment_card"]);
  });

  it("leaves an excused number without one (an unbroken run: no card's layout), and a published test card, as they were", () => {
    expect(kinds("order 4539148803436467 shipped on Monday")).toEqual([]);
    expect(kinds("test card 4111 1111 1111 1111, exp 12/30, cvv 123")).toEqual([]);
  });

  it("is redacted the same in a stream at every chunk size, the number held until its companion can no longer come", () => {
    const text = "Order 4539 1488 0343 6467 — the card on the account, security code 321, please charge it today.";
    for (let size = 1; size <= 9; size += 1) expect(streamed(text, size)).toBe(scrubPii(text, redact).text);
    expect(streamed("order 4539148803436467 shipped on Monday", 3)).toBe("order 4539148803436467 shipped on Monday");
  });

  it("reads a bounded slice after the number, and a long digit run in linear time", () => {
    expect(cardCompanionAfter(`4539 1488 0343 6467${" ".repeat(200)}cvv 123`, 19)).toBe(false);
    expect(cardAwaitingCompanion("1".repeat(200_000))).toBe(200_000);
    expect(cardAwaitingCompanion("order 4539 1488 0343 6467 — ")).toBe(6);
  });
});

import { describe, expect, it } from "vitest";
import { detectPii } from "../../../src/verification/index.ts";
import { cardIssuerValid } from "../../../src/verification/pii-checksums.ts";
import { printedCardNetwork } from "../../../src/verification/pii-card-layout.ts";
import { regionalCardNetwork } from "../../../src/verification/pii-card-networks.ts";

/** Luhn-valid numbers made for this test in each network's range. */
const cards: Array<[string, string]> = [
  ["RuPay", "8170000000000015"],
  ["Troy", "9792000000000011"],
  ["Dankort", "5019000000000016"],
  ["UATP", "100000000000017"],
  ["Elo", "6500320000000012"],
  ["Verve", "5061000000000013"],
];

describe("regional card networks", () => {
  it.each(cards)("%s: its range and length make a card issuer", (name, digits) => {
    expect(regionalCardNetwork(digits)).toBe(name);
    expect(cardIssuerValid(digits)).toBe(true);
    expect(cardIssuerValid(digits.slice(0, -1))).toBe(false);
  });

  it("reads one printed in its network's layout as a card whatever the label, and an unbroken run by its label", () => {
    expect(printedCardNetwork("8170 0000 0000 0015")).toBe("RuPay");
    expect(detectPii("RuPay (81 series) 8170 0000 0000 0015 declined").map((finding) => finding.kind)).toEqual(["payment_card"]);
    expect(detectPii("UATP 100000000000017 charged").map((finding) => finding.kind)).toEqual(["payment_card"]);
    expect(detectPii("Shipment 100000000000017 left").map((finding) => finding.kind)).toEqual([]);
  });
});

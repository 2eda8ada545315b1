import { describe, expect, it } from "vitest";
import { ibanPartSpans } from "../../../src/verification/pii-iban-parts.ts";

describe("an IBAN typed as its labelled parts", () => {
  it("finds the account number when country, check digits, bank code and account pass mod 97", () => {
    const text = "Land DE, Prüfziffer 44, BLZ 50010517, Konto 5407324931";
    expect(ibanPartSpans(text).map(({ start, end }) => text.slice(start, end))).toEqual(["5407324931"]);
  });

  it("needs every part, the country's bank-code length and a lower-case-free country code", () => {
    expect(ibanPartSpans("Prüfziffer 44, BLZ 50010517, Konto 5407324931")).toEqual([]);
    expect(ibanPartSpans("Land DE, BLZ 50010517, Konto 5407324931")).toEqual([]);
    expect(ibanPartSpans("Land DE, Prüfziffer 44, BLZ 5001051, Konto 5407324931")).toEqual([]);
    expect(ibanPartSpans("Land de, Prüfziffer 44, BLZ 50010517, Konto 5407324931")).toEqual([]);
  });
});

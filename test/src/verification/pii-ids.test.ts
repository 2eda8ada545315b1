import { describe, expect, it } from "vitest";
import { letteredIdSpans } from "../../../src/verification/pii-ids.ts";

const ibans = (text: string) => letteredIdSpans(text).filter((span) => span.kind === "iban").map((span) => text.slice(span.start, span.end));

describe("IBANs by country, length and mod 97", () => {
  it("finds an IBAN of any registry country at its length, with one or two spaces between groups", () => {
    expect(ibans("IBAN DE89 3704 0044 0532 0130 00")).toEqual(["DE89 3704 0044 0532 0130 00"]);
    expect(ibans("hesap: TR49  5604  4644  6519  8548  3029  24")).toEqual(["TR49  5604  4644  6519  8548  3029  24"]);
    expect(ibans("iban MT84MALT011000012345MTLCAST001S")).toEqual(["MT84MALT011000012345MTLCAST001S"]);
  });

  it("refuses two letters that are no IBAN country, and a known country at another length, whatever mod 97 says", () => {
    // Both pass mod 97: a courier's waybill ("SF…") and an ISO 11649 creditor reference ("RF…").
    expect(ibans("快递单号 SF5479046924464")).toEqual([]);
    expect(ibans("Creditor reference RF18 5390 0754 7034")).toEqual([]);
    expect(ibans("DE89 3704 0044 0532 0130 0000 00")).toEqual([]);
  });
});

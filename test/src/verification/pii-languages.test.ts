import { describe, expect, it } from "vitest";
import { detectPii, normalisePiiText } from "../../../src/verification/index.ts";

const kinds = (text: string) => detectPii(text).map((finding) => finding.kind);

describe("PII normalisation beyond English, German, French and Spanish", () => {
  it("reads Italian, Portuguese and Dutch digit words", () => {
    expect(normalisePiiText("chiamami al tre tre otto, uno due tre, quattro cinque sei sette")).toContain("3381234567");
    expect(normalisePiiText("liga para nove um dois três quatro cinco seis sete oito")).toContain("9");
    expect(normalisePiiText("bel nul zes, een twee drie vier, vijf zes zeven acht")).toContain("0612345678");
  });

  it("keeps a word that is also a digit elsewhere a word unless a digit word stands next to it", () => {
    expect(normalisePiiText("payment due 12 06 2026 at the latest")).toBe("payment due 12 06 2026 at the latest");
    expect(normalisePiiText("one umbrella, een boek, sei bravo")).toBe("one umbrella, een boek, sei bravo");
  });

  it("closes up text spelled one character at a time, keeping a space where letters meet digits", () => {
    expect(normalisePiiText("IBAN D E 8 9 3 7 0 4 0 0 4 4 0 5 3 2 0 1 3 0 0 0")).toBe("IBAN DE 89370400440532013000");
    expect(kinds("IBAN D E 8 9 3 7 0 4 0 0 4 4 0 5 3 2 0 1 3 0 0 0")).toEqual(["iban"]);
    expect(normalisePiiText("a b c")).toBe("a b c");
  });

  it("joins digits across underscores and a slash between spaces", () => {
    expect(kinds("bill it to 4111_1111_1111_1111 today")).toEqual(["payment_card"]);
    expect(kinds("Telefon: +49 89 / 987 654 32")).toEqual(["phone"]);
    expect(kinds("Konto DE89/3704/0044/0532/0130/00")).toEqual(["iban"]);
  });

  it("reads a spoken dot inside a spelled address", () => {
    expect(normalisePiiText("host ten is one zero dot two five five dot zero dot one")).toContain("10.255.0.1");
    expect(kinds("my router is one zero dot two five five dot zero dot one")).toEqual(["ip_address"]);
  });
});

describe("PII labels", () => {
  it("a label heads every item of a list after it", () => {
    expect(kinds("Serial numbers 512-44-9012, 512-44-9013 and 512-44-9014 are on the pallet.")).toEqual([]);
  });

  it("a short code with a letter may stand between a label and its number", () => {
    expect(kinds("Paket Nr. 7B 004 567 891 23 ist unterwegs.")).toEqual([]);
  });

  it("labels in Italian, Portuguese and Dutch", () => {
    expect(kinds("il mio numero è 333 987 6543")).toEqual(["phone"]);
    expect(kinds("codice fiscale e numero ordine 333 987 6543")).toEqual([]);
    expect(kinds("social security no. 512 44 9012")).toEqual(["national_id"]);
  });
});

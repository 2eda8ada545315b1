import { describe, expect, it } from "vitest";
import { detectPii } from "../../../src/verification/index.ts";

/** The IBAN of a country whose account holds letters keeps them; where it is digits only, a letter is a misread digit. */
describe("letters in an IBAN's bank code", () => {
  it("keeps San Marino's CIN letter after the country head, though a B is drawn like an 8", () => {
    // SM: a CIN letter, ABI and CAB, the account; mod 97 computed for this test.
    expect(detectPii("iban SM43 B085 4009 8121 0000 0000 001").map((finding) => finding.kind)).toEqual(["iban"]);
  });

  it("still reads an OCR look-alike in a digits-only account", () => {
    expect(detectPii("IBAN DE89 37O4 OO44 O532 O13O OO").map((finding) => finding.kind)).toEqual(["iban"]);
  });
});

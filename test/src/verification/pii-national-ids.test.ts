import { describe, expect, it } from "vitest";
import { detectPii } from "../../../src/verification/index.ts";
import * as checks from "../../../src/verification/pii-id-checksums.ts";
import { dutchBsnValid, polishPeselValid } from "../../../src/verification/pii-checksums.ts";
import { evidenceOf, idLayouts, nationalIdCandidates, strongRate } from "../../../src/verification/pii-national-ids.ts";

/**
 * The national-id table (src/verification/pii-national-ids.ts). Values were computed by
 * test/fixtures/pii/make-dev-ids.py (its own implementation of each check); each "bad" one has its last character
 * changed, so the layout holds and the check fails.
 */
const kinds = (text: string) => detectPii(text).map((finding) => finding.kind);

const ids: Array<[string, (id: string) => boolean, string, string]> = [
  ["Finnish henkilötunnus", checks.finnishHetuValid, "080868-379C", "080868-3797"],
  ["Belgian national number", checks.belgianNationalNumberValid, "93051934506", "93051934509"],
  ["Romanian CNP", checks.romanianCnpValid, "1791115363998", "1791115363991"],
  ["Korean RRN", checks.koreanRrnValid, "9605201149743", "9605201149746"],
  ["Swiss AHV", checks.ean13Valid, "7567429854780", "7567429854783"],
  ["Norwegian fødselsnummer", checks.norwegianBirthNumberValid, "03064643850", "03064643853"],
  ["Aadhaar", checks.aadhaarValid, "267723413647", "267723413640"],
  ["Chinese resident id", checks.chineseResidentIdValid, "440305198705046452", "440305198705046455"],
  ["Greek AMKA", checks.greekAmkaValid, "22045982109", "22045982102"],
  ["Polish PESEL", polishPeselValid, "58071905586", "58071905589"],
  ["Dutch BSN", dutchBsnValid, "567241932", "567241935"],
  ["Swedish personnummer", checks.swedishPersonnummerValid, "7603205381", "7603205384"],
  ["Portuguese NIF", checks.portugueseNifValid, "191706086", "191706089"],
];

describe("check digits of the id table", () => {
  it.each(ids)("%s: accepts a valid number and refuses it with its last digit changed", (_, valid, good, bad) => {
    expect(valid(good)).toBe(true);
    expect(valid(bad)).toBe(false);
  });

  it("checks the date inside an id", () => {
    expect(checks.plausibleDate(31, 4)).toBe(false);
    expect(checks.plausibleDate(29, 2)).toBe(true);
    expect(checks.usItinValid("912701234")).toBe(true);
    expect(checks.usItinValid("912671234")).toBe(false);
  });
});

describe("national ids in text", () => {
  it("finds an id under its own label in its own language", () => {
    expect(kinds("henkilötunnus 080868-379C")).toEqual(["national_id"]);
    expect(kinds("Rijksregisternummer 93.05.19-345.06")).toEqual(["national_id"]);
    expect(kinds("身份证：440305 19870504 6452")).toEqual(["national_id"]);
    expect(kinds("आधार: २६७७ २३४१ ३६४७")).toEqual(["national_id"]);
  });

  it("takes a check that at most one random number in 10,000 passes as enough without a label, and a failed one as not", () => {
    expect(kinds("it is 440305198705046452, keep it safe")).toEqual(["national_id"]);
    expect(kinds("it is 440305198705046455, keep it safe")).not.toContain("national_id");
    expect(kinds("AHV 756 7429 8547 80")).toEqual(["national_id"]);
  });

  it("needs context for a check that more random numbers pass: a label in the clause, the word after, or the column", () => {
    // A henkilötunnus passes one random number in ~900: bare, it may be a code; labelled anywhere in its clause, an id.
    expect(kinds("it is 080868-379C, keep it safe")).not.toContain("national_id");
    expect(kinds("my henkilötunnus, in case the form asks: 080868-379C")).toEqual(["national_id"]);
    expect(kinds("see 58071905586 in the log for details")).toEqual([]);
    expect(kinds("imie,nazwisko,pesel\nJan,Kowalski,58071905586")).toEqual(["national_id"]);
    expect(kinds("sku,qty,order_ref\nA-1,4,58071905586")).toEqual([]);
  });

  it("leaves a valid id shape under an order, invoice or barcode label alone", () => {
    expect(kinds("Order 1791115363998 shipped")).toEqual([]);
    expect(kinds("GTIN 7567429854780")).toEqual([]);
    expect(kinds("Bestilling 030646 43850 er sendt")).toEqual([]);
  });

  it("needs a label for a check that one random number in ten passes, and takes the label's word over a phone cue only with a valid check", () => {
    expect(kinds("The crate said 2677 2341 3647")).toEqual([]);
    expect(kinds("Aadhaar 2677 2341 3647")).toEqual(["national_id"]);
    expect(kinds("Nambari yangu ni 0712 345 678")).toEqual(["phone"]);
  });

  it("ranks the candidates by their evidence", () => {
    const [best] = nationalIdCandidates("fnr 030646 43850");
    expect(best).toMatchObject({ evidence: 1, name: "Norwegian fødselsnummer (two mod 11)" });
  });
});

describe("the pass rates the id table states", () => {
  // mulberry32: seeded, so the measurement repeats; good enough in its low digits, unlike a bare LCG.
  const random = (() => {
    let state = 0x5eed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
      mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
      return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
    };
  })();
  const lengths: Record<string, number> = { "Chinese resident id (ISO 7064 mod 11-2)": 18, "French NIR (mod 97)": 15, "Swiss AHV (EAN-13)": 13, "Romanian CNP": 13, "Korean RRN": 13, "South African id (date, Luhn)": 13, "Aadhaar (Verhoeff)": 12 };
  const entries = [...new Map(idLayouts.flatMap(({ ids }) => ids).map((entry) => [entry[0], entry])).values()].filter(([name]) => !name.startsWith("Finnish") && !name.startsWith("Swedish"));

  it.each(entries)("%s: random digit strings pass about as often as stated", (name, valid, stated) => {
    const length = lengths[name] ?? (/CPR|NHS|Czech/.test(name) ? 10 : /BSN|NIF|ITIN/.test(name) ? 9 : 11);
    const samples = 200_000;
    let passed = 0;
    for (let sample = 0; sample < samples; sample += 1) {
      let digits = "";
      for (let index = 0; index < length; index += 1) digits += Math.floor(random() * 10);
      if (valid(digits)) passed += 1;
    }
    const measured = passed / samples;
    // A stated strong rate is an upper bound; any other is right within a factor of two.
    if (stated <= strongRate) expect(measured).toBeLessThanOrEqual(3 * strongRate);
    else {
      expect(measured).toBeGreaterThan(stated / 2);
      expect(measured).toBeLessThan(stated * 2);
    }
    expect(evidenceOf(stated)).toBe(stated <= strongRate ? 2 : stated <= 1e-2 ? 1 : 0);
  });
});

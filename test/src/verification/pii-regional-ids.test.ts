import { describe, expect, it } from "vitest";
import { detectPii } from "../../../src/verification/index.ts";
import { evidenceOf } from "../../../src/verification/pii-national-ids.ts";
import * as checks from "../../../src/verification/pii-regional-id-checksums.ts";
import { regionalIdCandidates, regionalIdLayouts, regionalLetteredIdSpans } from "../../../src/verification/pii-regional-ids.ts";

/**
 * National ids of Singapore, Hong Kong, Taiwan, Thailand, Uruguay, Iceland and Austria (src/verification/pii-regional-ids.ts).
 * The valid values are the textbook examples each id's documentation uses; each "bad" one has its check changed.
 */
const found = (text: string) => detectPii(text).map((finding) => `${finding.kind}:${finding.text}`);

const ids: Array<[string, (id: string) => boolean, string, string]> = [
  ["Singapore NRIC", checks.singaporeNricValid, "S1234567D", "S1234567E"],
  ["Singapore NRIC (T series)", checks.singaporeNricValid, "T1234567J", "T1234567D"],
  ["Hong Kong HKID", checks.hongKongIdValid, "A123456(3)", "A123456(4)"],
  ["Taiwan national id", checks.taiwanIdValid, "A123456789", "A123456788"],
  ["Thai citizen id", checks.thaiCitizenIdValid, "1101700230708", "1101700230705"],
  ["Uruguayan cédula", checks.uruguayCedulaValid, "12345672", "12345673"],
  ["Icelandic kennitala", checks.kennitalaValid, "1201743399", "1201743389"],
  ["Austrian social insurance number", checks.austrianSocialInsuranceValid, "1237010180", "1238010180"],
];

describe("check characters of the regional ids", () => {
  it.each(ids)("%s: accepts a valid number and refuses it with its check changed", (_, valid, good, bad) => {
    expect(valid(good.replace(/[()]/g, ""))).toBe(true);
    expect(valid(bad.replace(/[()]/g, ""))).toBe(false);
  });

  it("takes a company's kennitala (day plus 40) as no person's", () => {
    expect(checks.kennitalaValid("5201743399")).toBe(false);
  });
});

describe("the pass rates the regional table states", () => {
  // mulberry32, seeded: the measurement repeats.
  let state = 0x5eed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
  const lengths: Record<string, number> = { Thai: 13, Uruguayan: 8, Icelandic: 10, Austrian: 10 };

  it.each(regionalIdLayouts.map(({ name, valid, passRate }) => [name, valid, passRate] as const))("%s: random digit strings pass about as often as stated", (name, valid, stated) => {
    const length = lengths[name.split(" ")[0] ?? ""] ?? 0;
    const samples = 200_000;
    let passed = 0;
    for (let sample = 0; sample < samples; sample += 1) {
      let digits = "";
      for (let index = 0; index < length; index += 1) digits += Math.floor(random() * 10);
      if (valid(digits)) passed += 1;
    }
    expect(passed / samples).toBeGreaterThan(stated / 2);
    expect(passed / samples).toBeLessThan(stated * 2);
    // None is strong: each needs context (a date and a check) or a label (one check digit).
    expect(evidenceOf(stated)).toBeLessThan(2);
  });
});

describe("digit ids in their layouts", () => {
  it("reads each layout and keeps only a valid check", () => {
    expect(regionalIdCandidates("1-1017-00230-70-8").map((candidate) => candidate.name)).toEqual(["Thai citizen id (mod 11)"]);
    expect(regionalIdCandidates("1-1017-00230-70-5")).toEqual([]);
    expect(regionalIdCandidates("1.234.567-2")[0]?.name).toBe("Uruguayan cédula (mod 10)");
    expect(regionalIdCandidates("120174-3399")[0]).toMatchObject({ evidence: 1, ownLayout: true });
    expect(regionalIdCandidates("1237 / 010180")[0]?.name).toBe("Austrian social insurance number (date, mod 11)");
  });

  it("finds them under their names, and not bare or under another label", () => {
    expect(found("Kennitala: 120174-3399")).toEqual(["national_id:120174-3399"]);
    expect(found("kt. mín er 120174-3399")).toEqual(["national_id:120174-3399"]);
    expect(found("SV-Nummer: 1237 010180")).toEqual(["national_id:1237 010180"]);
    expect(found("Cédula de identidad: 1.234.567-2")).toEqual(["national_id:1.234.567-2"]);
    expect(found("Bestellung 1237 010180")).toEqual([]);
    expect(found("Kennitala félagsins: 520174-3399")).toEqual([]);
  });
});

describe("lettered ids of Singapore, Hong Kong and Taiwan", () => {
  it("takes an NRIC bare or under its label, and not under another label", () => {
    expect(found("NRIC/FIN: S1234567D")).toEqual(["national_id:S1234567D"]);
    expect(found("my IC is S1234567D, the pink one")).toEqual(["national_id:S1234567D"]);
    expect(found("Order S1234567D")).toEqual([]);
    expect(found("NRIC: S1234567E")).toEqual([]);
  });

  it("takes an HKID with its check in brackets, and a compact one or a Taiwan id only under an id's name", () => {
    expect(found("身份證 A123456(3)")).toEqual(["national_id:A123456(3)"]);
    expect(found("ref A123456(3)")).toEqual([]);
    expect(regionalLetteredIdSpans("build A1234563 passed")).toEqual([]);
    expect(found("我的身分證字號 A123456789，請幫我查")).toEqual(["national_id:A123456789"]);
    expect(found("tracking A123456789")).toEqual([]);
    expect(regionalLetteredIdSpans("A123456789 shipped")).toEqual([]);
  });

  it("reads an NRIC read out one character at a time, and an HKID's brackets said aloud", () => {
    expect(found("NRIC is S 1 2 3 4 5 6 7 D, letter last")).toEqual(["national_id:S 1 2 3 4 5 6 7 D"]);
    expect(found("身份證：Z123456 括號 1")).toEqual(["national_id:Z123456 括號 1"]);
    expect(found("身份證：A123456 括號 3")).toEqual(["national_id:A123456 括號 3"]);
    expect(found("身份證：A123456 括號 4")).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { detectPii, normalisePiiText } from "../../../src/verification/index.ts";

const kinds = (text: string) => detectPii(text).map((finding) => finding.kind);

describe("values inside the escapes and segments of machine formats", () => {
  it("reads C octal and CSS escapes that stand for a sign of an address, and leaves the rest", () => {
    expect(normalisePiiText('puts("ann\\056lee\\100proton\\056me");')).toBe('puts("ann.lee@proton.me");');
    expect(normalisePiiText('content: "ann\\2e lee\\40 proton\\2e me";')).toBe('content: "ann.lee@proton.me";');
    expect(kinds('content: "ann\\2e lee\\40 proton\\2e me";')).toEqual(["email"]);
    expect(normalisePiiText("C:\\2024\\x")).toBe("C:\\2024\\x");
  });

  it("reads ZPL hex escapes only in a field that ^FH opened", () => {
    expect(kinds("^FO20,40^FH^FDTel _2B44_20161_20496_200000^FS")).toEqual(["phone"]);
    expect(normalisePiiText("^FDwidth_40px^FS")).toBe("^FDwidth_40px^FS");
  });

  it("reads EDIFACT's release character in a segment, and X12 contact qualifiers and a modem's dial command as labels", () => {
    expect(kinds("NAD+CN+++LEE:ANN'COM+ann?+shop@proton.me:EM'")).toEqual(["email"]);
    expect(kinds("PER*IC*ANN LEE*TE*2125550123~")).toEqual(["phone"]);
    expect(kinds("ATD+442079460123;")).toEqual(["phone"]);
    expect(kinds("ATD*99#")).toEqual([]);
  });

  it("reads an HL7 XTN field's components as one international number", () => {
    expect(normalisePiiText("PID|1||^PRN^PH^^44^161^4960000|")).toBe("PID|1||^PRN^PH^^+44 161 4960000|");
    expect(kinds("NK1|1|LEE^ANN|SPO||^PRN^CP^^1^212^5550123")).toEqual(["phone"]);
  });
});

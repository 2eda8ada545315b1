import { describe, expect, it } from "vitest";
import { detectPii } from "../../../src/verification/index.ts";

const found = (text: string) => detectPii(text).map((finding) => `${finding.kind}:${finding.text}`);

describe("addresses sanitised into metric label values", () => {
  it("reads a whole quoted value ending in a mail domain back as the address", () => {
    expect(found('login_attempts_total{user="jo_berg_at_posteo_de",result="fail"} 7')).toEqual(["email:jo_berg_at_posteo_de"]);
  });

  it("leaves identifiers that end in no mail domain alone", () => {
    expect(found('db_rows{column="created_at_utc_ts"} 3')).toEqual([]);
    expect(found("updated_at_source_ms 12")).toEqual([]);
  });
});

describe("strings joined by a spreadsheet formula", () => {
  it("closes up the pieces a formula joins with &", () => {
    expect(found('B2: ="+44 "&"7700 983412"').map((finding) => finding.split(":")[0])).toEqual(["phone"]);
  });
});

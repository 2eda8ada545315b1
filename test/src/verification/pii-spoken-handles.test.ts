import { describe, expect, it } from "vitest";
import { detectPii, normaliseForPii, scrubPii, StreamTextChecker } from "../../../src/verification/index.ts";

const found = (text: string) => detectPii(text).map((finding) => [finding.kind, finding.text]);

describe("handles read aloud piece by piece", () => {
  it("joins letters, named letters, doubled letters, marks and number words into the handle they spell", () => {
    expect(normaliseForPii("it's s for sugar, a, m, at outlook dot com").text).toBe("it's sam at outlook dot com");
    expect(normaliseForPii("kev underscore nine nine at hotmail dot co dot uk").text).toBe("kev_99 at hotmail dot co dot uk");
    expect(found("c'est m comme Marcel, a, double r, i, e, tiret, l, u at orange point fr")).toEqual([["email", "m comme Marcel, a, double r, i, e, tiret, l, u at orange point fr"]]);
    expect(found("Mail: j wie Julius, o, n, a, s at gmx punkt de")).toEqual([["email", "j wie Julius, o, n, a, s at gmx punkt de"]]);
  });

  it("leaves prose before a spoken address alone", () => {
    expect(found("the price is twenty at shop dot com")).toEqual([]);
    expect(found("scrivi a gianni chiocciola tiscali punto it")).toEqual([["email", "gianni chiocciola tiscali punto it"]]);
  });

  it("gives the same redaction streamed one character at a time as on the whole text", () => {
    for (const text of ["caller: it's p for papa, o, double l, y, at btinternet dot com thanks", "yeah it's lee underscore wong forty-two at singnet dot com dot sg, ok", "meine Mail ist t wie Theodor, e, double s at gmx punkt de", "meine Mail ist seb Unterstrich dean zweiundvierzig at gmx punkt de"]) {
      const checker = new StreamTextChecker({ pii: { strategy: "redact" } });
      let streamed = "";
      for (const char of text) streamed += checker.push(char).text;
      streamed += checker.finish().text;
      expect(streamed).toBe(scrubPii(text, { strategy: "redact" }).text);
    }
  });
});

describe("handles named with their provider instead of a domain", () => {
  it("finds a handle after 'my gmail is' or before 'at gmail', in several languages", () => {
    expect(found("my gmail is jane.doe1984 if that's easier")).toEqual([["email", "jane.doe1984"]]);
    expect(found("meine GMX-Adresse: k.weber77")).toEqual([["email", "k.weber77"]]);
    expect(found("write to jane.doe84 at gmail, thanks")).toEqual([["email", "jane.doe84 at gmail"]]);
  });

  it("leaves the provider's name in prose alone", () => {
    for (const text of ["my gmail is full", "Outlook is 2.3 GB", "Outlook is v16.0.1 now", "meet me at gmail hq"]) expect(found(text)).toEqual([]);
  });
});

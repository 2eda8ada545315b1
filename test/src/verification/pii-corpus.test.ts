import fs from "node:fs";
import path from "node:path";
import { detectPii, labelBefore, normaliseForPii, scrubPii } from "../../../src/verification/index.ts";
import type { CorpusItem } from "../../fixtures/pii/generate-corpus.ts";
import { printsCard } from "./printed-card-fixture.ts";

const corpus = JSON.parse(fs.readFileSync(path.resolve("test/fixtures/pii/corpus.json"), "utf8")) as CorpusItem[];

/** An item is caught when every kind it is labelled with is found in it. */
const caught = (item: CorpusItem) => {
  const kinds = new Set(detectPii(item.text).map((finding) => finding.kind));
  return item.kinds.every((kind) => kinds.has(kind));
};

describe("PII corpus (test/fixtures/pii/corpus.json)", () => {
  it("has at least 300 labelled items in both splits and every language", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    expect(new Set(corpus.map((item) => item.lang))).toEqual(new Set(["en", "de", "fr", "es", "hi", "ar"]));
    expect(corpus.filter((item) => item.split === "heldout").length / corpus.length).toBeGreaterThan(0.25);
  });

  it.each(["tune", "heldout"] as const)("%s split: recall of obfuscated PII at least 0.95, false positives on look-alikes at most 0.02", (split) => {
    const items = corpus.filter((item) => item.split === split);
    const obfuscated = items.filter((item) => item.category === "obfuscated");
    const benign = items.filter((item) => item.category === "benign");
    expect(obfuscated.filter(caught).length / obfuscated.length).toBeGreaterThanOrEqual(0.95);
    expect(benign.filter((item) => detectPii(item.text).length > 0).length / benign.length).toBeLessThanOrEqual(0.02);
  });
});

describe("PII normalisation and context", () => {
  it("maps spelled, Unicode and full-width digits back to where they were written", () => {
    const normal = normaliseForPii("call four one five five five five one two three four or ٠١٧٦ now");
    expect(normal.text).toBe("call 4155551234 or 0176 now");
    const redacted = scrubPii("card: vier eins eins eins eins eins eins eins eins eins eins eins eins eins eins eins, danke", { strategy: "redact" });
    expect(redacted.text).toBe("card: [REDACTED:payment_card], danke");
  });

  it("reads runs that mix digits and words, and spoken repeats", () => {
    expect(scrubPii("call me on 0176 one two 3456 78", { strategy: "redact" }).text).toBe("call me on [REDACTED:phone]");
    expect(scrubPii("my number is double seven oh nine double one two three four five six", { strategy: "redact" }).text).toBe("my number is [REDACTED:phone]");
    expect(detectPii("I have 2 one-way tickets and 3 two-packs")).toEqual([]);
  });

  it("leaves short runs of number words as prose", () => {
    expect(normaliseForPii("one or two, three more").text).toBe("one or two, three more");
    expect(detectPii("I have one two three boxes")).toEqual([]);
  });

  it("reads the label nearest before a number, within its clause", () => {
    expect(labelBefore("Order no. 0176 1234 5678", 10)).toBe("identifier");
    expect(labelBefore("Order shipped. Call 0176 1234 5678", 20)).toBe("phone");
    expect(detectPii("Order no. 0176 1234 5678")).toEqual([]);
    expect(detectPii("Call 0176 1234 5678").map((finding) => finding.kind)).toEqual(["phone"]);
  });

  it("keeps checksums: a Luhn-valid ticket id is not a card, an IBAN needs its country's length", () => {
    expect(detectPii("Ticket 4539148803436467 closed")).toEqual([]);
    expect(detectPii("card 4539148803436467").map((finding) => finding.kind)).toEqual(["payment_card"]);
    expect(detectPii("JK 12 34 56 A Let me know if anything else comes up").map((finding) => finding.kind)).toEqual(["national_id"]);
  });
});

describe.each(["handwritten.json", "handwritten-2.json"])("handwritten probe %s", (file) => {
  const probe = JSON.parse(fs.readFileSync(path.resolve("test/fixtures/pii", file), "utf8")) as Array<Pick<CorpusItem, "category" | "kinds" | "text">>;

  it("flags no benign message and catches the obfuscated ones", () => {
    // Changed by #16: a card printed in its network's layout is one whatever its label (printed-card-fixture.ts).
    expect(probe.filter((item) => item.category === "benign" && !printsCard(item.text) && detectPii(item.text).length > 0)).toEqual([]);
    const missed = probe.filter((item) => item.category === "obfuscated").filter((item) => {
      const kinds = new Set(detectPii(item.text).map((finding) => finding.kind));
      return !item.kinds.every((kind) => kinds.has(kind));
    });
    expect(missed.length).toBeLessThanOrEqual(1);
  });
});

import fs from "node:fs";
import path from "node:path";
import { CopyrightIndex } from "../../../src/verification/index.ts";
import { ordinaryParagraphs } from "../../fixtures/copyright/ordinary-text.ts";

const documents = fs.readFileSync(path.resolve("test/fixtures/copyright/protected.txt"), "utf8").split(/\n\s*\n/);

/** A 60-word excerpt of a protected document with every `every`-th word replaced. */
function edited(document: string, start: number, every: number): string {
  return document
    .split(/\s+/)
    .slice(start, start + 60)
    .map((word, index) => (index % every === every - 1 ? `changed${index}` : word))
    .join(" ");
}

describe("CopyrightIndex (shingles with a threshold)", () => {
  const index = new CopyrightIndex(documents);

  it("flags an excerpt with every 7th word replaced, alone and inside an original answer", () => {
    const [filler1, filler2] = ordinaryParagraphs(2, 3);
    for (const [position, document] of documents.entries()) {
      const copy = edited(document, 10, 7);
      expect(index.check(copy)).toMatchObject({ flagged: true, source: position });
      expect(index.check(`${filler1} ${copy.toUpperCase()} ${filler2}`).flagged).toBe(true);
    }
  });

  it("does not flag ordinary text, even on the same subjects", () => {
    const flagged = ordinaryParagraphs(200, 41).filter((paragraph) => index.check(paragraph).flagged);
    expect(flagged).toEqual([]);
  });

  it("needs several shared shingles: one common phrase in a short answer is not a copy", () => {
    expect(index.check("He wrote the number down and left.").flagged).toBe(false);
  });
});

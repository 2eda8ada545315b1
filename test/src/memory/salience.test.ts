import { describe, expect, it } from "vitest";
import { isLedgerWorthy, peakSalience, salienceOf } from "../../../src/memory/index.ts";

describe("salienceOf", () => {
  it("reads names, numbers, dates, decisions, constraints and corrections", () => {
    expect(salienceOf("My daughter is called Ilse.").kinds).toEqual(expect.arrayContaining(["first_person", "identity", "entity"]));
    expect(salienceOf("We decided to store sessions in Redis.").kinds).toEqual(expect.arrayContaining(["decision", "entity"]));
    expect(salienceOf("The renewal is due on 14 March.").kinds).toEqual(expect.arrayContaining(["date", "number"]));
    expect(salienceOf("I can't eat anything with sesame.").kinds).toEqual(expect.arrayContaining(["first_person", "constraint"]));
    expect(salienceOf("Actually, the budget is 4,800 euros, not 3,250.").kinds).toContain("correction");
  });

  it("keeps statements naming a value or carrying enough signal, never questions or small talk", () => {
    for (const statement of ["My daughter is called Ilse.", "Peak traffic is 3,400 requests per second.", "I can't eat anything with sesame.", "Madeira won the family vote."]) {
      expect(isLedgerWorthy(salienceOf(statement)), statement).toBe(true);
    }
    for (const talk of ["Thanks, that helps a bit.", "I tried that already and nothing changed, to be honest.", "Is the ferry worth it, or is it a tourist trap?", "What is order ORD-48213?"]) {
      expect(isLedgerWorthy(salienceOf(talk)), talk).toBe(false);
    }
  });

  it("reads a preference said without 'prefer': what suits, works best, would be better, what to aim for", () => {
    for (const sentence of ["Late afternoons suit us best.", "Text messages work best for me.", "A window table would be better.", "Aim for the quieter ferry, please.", "If possible, a room facing the garden please."]) expect(salienceOf(sentence).kinds, sentence).toContain("preference");
    expect(salienceOf("The retry loop works fine for them.").kinds).not.toContain("preference");
    // Agreeing with what was offered is no preference of one's own.
    expect(salienceOf("That suits me.").kinds).not.toContain("preference");
  });

  it("rates a text by its most salient sentence", () => {
    expect(peakSalience("Thanks. We decided to go with Harbor Pro.")).toBe(salienceOf("We decided to go with Harbor Pro.").score);
    expect(peakSalience("")).toBe(0);
  });
});

describe("correction cues ending in a colon", () => {
  it("reads 'Update:' as a correction", () => {
    expect(salienceOf("Update: landlord is Wilma.").kinds).toContain("correction");
  });
});

describe("correction cues in other words", () => {
  it("reads 'I misremembered', 'let me correct myself', 'ignore what I said', 'one change' as corrections", () => {
    for (const text of ["15% is the correct discount, I misremembered.", "Let me correct myself: the assistant is Esperanza.", "Ignore what I said about the hotel; it's Casa Verde.", "One change: the owner is Thaddeus now.", "I misspoke earlier: the address is 3 Mill Court."]) {
      expect(salienceOf(text).kinds).toContain("correction");
    }
  });
});

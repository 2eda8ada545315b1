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

  it("keeps a value under a short label, a change-list bullet or a table row, however plain the value", () => {
    for (const text of ["seating: window seats only", "Please note: no dairy whatsoever.", "- bedtime: half past eight for the twins", "editor = Bartholomew", "| room type | a quiet twin room |", "Checked with the team: weekends off."]) {
      expect(isLedgerWorthy(salienceOf(text)), text).toBe(true);
    }
    // A heading, a table's header or rule row, a longer lead-in before a colon, and prose stay out.
    for (const text of ["the short version:", "| item | value |", "|---|---|", "I read the whole thread again this morning: nothing odd.", "The login page spins for ages."]) {
      expect(isLedgerWorthy(salienceOf(text)), text).toBe(false);
    }
  });

  it("reads diets and allergies as constraints, \"we like\" as a preference and \"that one's changed\" as a correction", () => {
    expect(isLedgerWorthy(salienceOf("My brother says the allergy is sesame seeds, not walnuts."))).toBe(true);
    expect(salienceOf("Strictly kosher for the rehearsal dinner.").kinds).toContain("constraint");
    expect(isLedgerWorthy(salienceOf("We like aisle seats near the front."))).toBe(true);
    expect(salienceOf("That one's changed — the blue folder.").kinds).toContain("correction");
    expect(salienceOf("I tried that already and nothing changed.").kinds).not.toContain("correction");
  });
});

describe("correction cues that replace in place", () => {
  it("reads striking a value and putting another in its place, or a value overwritten, as a correction", () => {
    for (const text of ["Strike the landlord I gave you and put Wilma in its place.", "Put 14:30 in its place.", "The cell for the deposit has been overwritten with £350."]) {
      expect(salienceOf(text).kinds, text).toContain("correction");
    }
    // A strike as a walkout is no correction cue.
    expect(salienceOf("The union may strike in May.").kinds).not.toContain("correction");
  });
});

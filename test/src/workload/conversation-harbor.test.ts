import { describe, expect, it } from "vitest";
import { factSlotsOf, harborConversationKinds, kindsOf } from "../../../src/workload/conversation-facts.ts";
import { generateConversation } from "../../../src/workload/conversation-generator.ts";

const seeds = [901, 902, 903];
const conversations = harborConversationKinds.flatMap((kind) => seeds.map((seed) => generateConversation({ kind, seed, variant: "harbor" })));

describe("the harbor retention set", () => {
  it("has a garage kind of its own, and no kind of another set", () => {
    expect(kindsOf("harbor")).toEqual(["support", "coding", "travel", "garage"]);
    expect(() => factSlotsOf("garage", "vault")).toThrow(RangeError);
    expect(() => factSlotsOf("claim", "harbor")).toThrow(RangeError);
  });

  it("lets the assistant offer values that the user confirms without repeating them", () => {
    const offered = conversations.flatMap((conversation) => conversation.facts.filter((fact) => fact.offeredAt !== undefined).map((fact) => ({ conversation, fact })));
    expect(offered.filter(({ fact }) => fact.correctedAt === undefined).length).toBeGreaterThanOrEqual(12);
    for (const { conversation, fact } of offered) {
      const offer = conversation.turns[fact.offeredAt! * 2 + 1]!;
      const confirmation = conversation.turns[fact.turn * 2]!;
      expect(offer.role).toBe("assistant");
      expect(fact.turn).toBe(fact.offeredAt! + 1);
      const first = fact.firstStale ?? fact.stale ?? fact.answer;
      const offeredValue = fact.firstCorrectedAt !== undefined && fact.firstStale === undefined ? fact.answer : first;
      expect(offer.text.includes(offeredValue), fact.subject).toBe(true);
      expect(confirmation.text.includes(offeredValue), fact.subject).toBe(false);
    }
  });

  it("seeds its kinds apart even where their names are as long (coding, travel, garage)", () => {
    const sharedAnswers = (kind: string) => conversations.filter((conversation) => conversation.kind === kind && conversation.seed === 901)[0]!.facts.slice(0, 6).map((fact) => `${fact.answer}@${fact.turn}`);
    expect(sharedAnswers("coding")).not.toEqual(sharedAnswers("travel"));
    expect(sharedAnswers("travel")).not.toEqual(sharedAnswers("garage"));
  });

  it("corrects up to nine facts per conversation, some twice, some restated after their correction", () => {
    for (const conversation of conversations) expect(conversation.facts.filter((fact) => fact.stale !== undefined).length).toBeLessThanOrEqual(9);
    const facts = conversations.flatMap((conversation) => conversation.facts);
    expect(facts.filter((fact) => fact.firstCorrectedAt !== undefined).length).toBeGreaterThan(0);
    expect(facts.filter((fact) => fact.correctedAt !== undefined && fact.restatedAt !== undefined).length).toBeGreaterThan(0);
  });
});

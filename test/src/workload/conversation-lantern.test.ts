import { describe, expect, it } from "vitest";
import { factSlotsOf, kindsOf, lanternConversationKinds } from "../../../src/workload/conversation-facts.ts";
import { generateConversation } from "../../../src/workload/conversation-generator.ts";

const seeds = [1001, 1002, 1003];
const conversations = lanternConversationKinds.flatMap((kind) => seeds.map((seed) => generateConversation({ kind, seed, variant: "lantern" })));
const usersOf = (conversation: (typeof conversations)[number]) => conversation.turns.filter((turn) => turn.role === "user");

describe("the lantern retention set", () => {
  it("has a clinic kind of its own, and no kind of another set", () => {
    expect(kindsOf("lantern")).toEqual(["support", "coding", "travel", "clinic"]);
    expect(() => factSlotsOf("clinic", "harbor")).toThrow(RangeError);
    expect(() => factSlotsOf("garage", "lantern")).toThrow(RangeError);
  });

  it("lets the user turn an offer down in the next turn, naming a value of their own", () => {
    const countered = conversations.flatMap((conversation) => conversation.facts.filter((fact) => fact.offeredAt !== undefined && fact.turn === fact.offeredAt).map((fact) => ({ conversation, fact })));
    expect(countered.length).toBeGreaterThanOrEqual(8);
    for (const { conversation, fact } of countered) {
      const offered = fact.firstStale ?? (fact.firstCorrectedAt === undefined ? fact.stale! : fact.answer);
      expect(conversation.turns[fact.offeredAt! * 2 + 1]!.text.includes(offered), fact.subject).toBe(true);
      const counter = usersOf(conversation)[fact.firstCorrectedAt ?? fact.correctedAt!]!.text;
      expect(fact.firstCorrectedAt ?? fact.correctedAt).toBe(fact.offeredAt! + 1);
      // The counter names the user's own value: the answer, or (changed again later) the value the next change replaced.
      expect(counter.includes(fact.firstCorrectedAt === undefined ? fact.answer : fact.stale!), fact.subject).toBe(true);
    }
    // Some countered offers are taken after all, later ("your first suggestion works"): the answer is the offer again.
    expect(countered.some(({ fact }) => fact.firstCorrectedAt !== undefined && fact.firstStale === undefined)).toBe(true);
  });

  it("drops some values with nothing in their place: the answer is what the user said instead", () => {
    const retired = conversations.flatMap((conversation) => conversation.facts.filter((fact) => fact.retired === true).map((fact) => ({ conversation, fact })));
    expect(retired.length).toBeGreaterThanOrEqual(12);
    for (const { conversation, fact } of retired) {
      const said = usersOf(conversation)[fact.correctedAt!]!.text;
      expect(said.includes(fact.answer), fact.subject).toBe(true);
      expect(said.includes("{"), fact.subject).toBe(false);
    }
    // Some name the value they drop, some do not ("The hospital sorted me out; no access needs now.");
    // some were corrected before they were dropped: two old values, neither current.
    expect(retired.some(({ conversation, fact }) => usersOf(conversation)[fact.correctedAt!]!.text.includes(fact.stale!))).toBe(true);
    expect(retired.some(({ conversation, fact }) => !usersOf(conversation)[fact.correctedAt!]!.text.includes(fact.stale!))).toBe(true);
    expect(retired.some(({ fact }) => fact.firstStale !== undefined)).toBe(true);
  });

  it("seeds its kinds apart even where their names are as long (coding, travel, clinic)", () => {
    const opening = (kind: string) => conversations.find((conversation) => conversation.kind === kind && conversation.seed === 1001)!.facts.slice(0, 6).map((fact) => `${fact.answer}@${fact.turn}`);
    expect(opening("coding")).not.toEqual(opening("travel"));
    expect(opening("travel")).not.toEqual(opening("clinic"));
  });

  it("corrects up to nine facts per conversation, some twice, some restated unchanged", () => {
    for (const conversation of conversations) expect(conversation.facts.filter((fact) => fact.stale !== undefined && fact.retired !== true && fact.turn !== fact.offeredAt).length).toBeLessThanOrEqual(9);
    const facts = conversations.flatMap((conversation) => conversation.facts);
    expect(facts.filter((fact) => fact.firstCorrectedAt !== undefined && fact.retired !== true).length).toBeGreaterThan(0);
    expect(facts.filter((fact) => fact.restatedAt !== undefined && fact.decoy !== undefined).length).toBeGreaterThan(0);
  });
});

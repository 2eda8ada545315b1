import { describe, expect, it } from "vitest";
import { factSlotsOf, kindsOf, slateConversationKinds } from "../../../src/workload/conversation-facts.ts";
import { generateConversation } from "../../../src/workload/conversation-generator.ts";

const seeds = [1501, 1502, 1503];
const conversations = slateConversationKinds.flatMap((kind) => seeds.map((seed) => generateConversation({ kind, seed, variant: "slate" })));
const usersOf = (conversation: (typeof conversations)[number]) => conversation.turns.filter((turn) => turn.role === "user");
const facts = conversations.flatMap((conversation) => conversation.facts.map((fact) => ({ conversation, fact, users: usersOf(conversation) })));

/** Two values one or two characters apart (a swapped pair of digits, one digit or letter changed). */
const nearlyAlike = (left: string, right: string) => {
  if (left.length !== right.length || left === right) return false;
  const differing = [...left].filter((letter, index) => letter !== right[index]).length;
  return differing <= 2;
};

describe("the slate retention set", () => {
  it("has a mortgage kind of its own, and no kind of another set", () => {
    expect(kindsOf("slate")).toEqual(["support", "coding", "travel", "mortgage"]);
    expect(() => factSlotsOf("mortgage", "kiln")).toThrow(RangeError);
    expect(() => factSlotsOf("freight", "slate")).toThrow(RangeError);
    for (const conversation of conversations) expect(conversation.turns.some((turn) => turn.text.includes("{"))).toBe(false);
  });

  it("states every current answer in the turn the fact says it was changed, or offers it", () => {
    for (const { conversation, fact, users } of facts) {
      const where = fact.correctedAt === undefined ? (fact.offeredAt === undefined ? users[fact.turn]!.text : conversation.turns[fact.offeredAt * 2 + 1]!.text) : users[fact.correctedAt]!.text;
      expect(where.includes(fact.answer), `${fact.subject}: ${where}`).toBe(true);
    }
  });

  it("corrects in the forms of chat tools and phones, and asks what is on file turns before the new value", () => {
    const corrected = facts.filter(({ fact }) => fact.correctedAt !== undefined);
    const said = ({ fact, users }: (typeof facts)[number]) => users[fact.correctedAt!]!.text;
    expect(corrected.filter((entry) => /~~|(^|\s)s\/|EDIT: |In your recap|2\) |\[voice note/.test(said(entry))).length).toBeGreaterThanOrEqual(12);
    const asked = corrected.filter(({ fact, users }) => [2, 3].some((gap) => users[fact.correctedAt! - gap]!.text.includes(`Which ${fact.subject} do you have on file`)));
    expect(asked.length).toBeGreaterThanOrEqual(3);
    expect(facts.some(({ fact }) => fact.firstCorrectedAt !== undefined && fact.firstStale === undefined)).toBe(true);
  });

  it("changes values to near-identical ones, names hypothetical and auto-filled decoys, and waives a fee", () => {
    expect(facts.filter(({ fact }) => fact.stale !== undefined && nearlyAlike(fact.stale, fact.answer)).length).toBeGreaterThanOrEqual(3);
    expect(facts.filter(({ fact }) => fact.decoy !== undefined).length).toBeGreaterThanOrEqual(6);
    expect(facts.filter(({ fact }) => fact.decoy !== undefined && nearlyAlike(fact.decoy, fact.answer)).length).toBeGreaterThanOrEqual(3);
    expect(facts.some(({ fact }) => fact.retired === true && fact.answer === "no broker fee, it's waived")).toBe(true);
  });

  it("seeds its kinds apart", () => {
    const opening = (kind: string) => conversations.find((conversation) => conversation.kind === kind && conversation.seed === 1501)!.facts.slice(0, 6).map((fact) => `${fact.answer}@${fact.turn}`);
    expect(opening("coding")).not.toEqual(opening("travel"));
    expect(opening("support")).not.toEqual(opening("mortgage"));
  });
});

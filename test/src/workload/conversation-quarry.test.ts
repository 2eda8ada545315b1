import { describe, expect, it } from "vitest";
import { factSlotsOf, kindsOf, quarryConversationKinds } from "../../../src/workload/conversation-facts.ts";
import { generateConversation } from "../../../src/workload/conversation-generator.ts";

const seeds = [1101, 1102, 1103];
const conversations = quarryConversationKinds.flatMap((kind) => seeds.map((seed) => generateConversation({ kind, seed, variant: "quarry" })));
const usersOf = (conversation: (typeof conversations)[number]) => conversation.turns.filter((turn) => turn.role === "user");
const leadIns = ["I'll confirm in a bit.", "I gave you is wrong.", "I was wrong about", "has to move.", "our crossing's changing.", "won't work.", "is off sick.", "has moved to the Leeds office.", "My hours are changing"];

describe("the quarry retention set", () => {
  it("has a tenancy kind of its own, and no kind of another set", () => {
    expect(kindsOf("quarry")).toEqual(["support", "coding", "travel", "tenancy"]);
    expect(() => factSlotsOf("tenancy", "lantern")).toThrow(RangeError);
    expect(() => factSlotsOf("clinic", "quarry")).toThrow(RangeError);
  });

  it("says some corrections with the lead-in two or three user turns before the value, other talk between", () => {
    const spread = conversations.flatMap((conversation) => {
      const users = usersOf(conversation);
      return conversation.facts.filter((fact) => fact.correctedAt !== undefined && [2, 3].some((gap) => leadIns.some((leadIn) => users[fact.correctedAt! - gap]!.text.includes(leadIn))));
    });
    expect(spread.length).toBeGreaterThanOrEqual(6);
    for (const conversation of conversations) expect(conversation.turns.some((turn) => turn.text.includes("{"))).toBe(false);
  });

  it("states every current answer in the turn the fact says it was changed, or offers it", () => {
    for (const conversation of conversations) {
      const users = usersOf(conversation);
      for (const fact of conversation.facts) {
        const where = fact.correctedAt === undefined ? (fact.offeredAt === undefined ? users[fact.turn]!.text : conversation.turns[fact.offeredAt * 2 + 1]!.text) : users[fact.correctedAt]!.text;
        // Back to the first value: said in the correction too ("so {first} again").
        expect(where.includes(fact.answer), `${fact.subject}: ${where}`).toBe(true);
      }
    }
  });

  it("quotes some corrections from someone else, goes back to an earlier value, and changes units", () => {
    const facts = conversations.flatMap((conversation) => conversation.facts.map((fact) => ({ conversation, fact })));
    const quoted = facts.filter(({ conversation, fact }) => fact.correctedAt !== undefined && /"[^"]*"/.test(usersOf(conversation)[fact.correctedAt]!.text));
    expect(quoted.length).toBeGreaterThanOrEqual(5);
    expect(facts.some(({ fact }) => fact.firstCorrectedAt !== undefined && fact.firstStale === undefined)).toBe(true);
    const units = (value: string) => value.replace(/[\d.,£]+|about|roughly|nearly|half a|two|across/g, "").trim();
    const measured = facts.filter(({ fact }) => ["size of the damp patch", "rent", "cable run to the reception desk", "maximum payload size", "length of the van"].includes(fact.subject) && fact.stale !== undefined);
    expect(measured.length).toBeGreaterThan(0);
    for (const { fact } of measured) expect(units(fact.answer), fact.subject).not.toBe(units(fact.stale!));
  });

  it("has values that are negations, and seeds its kinds apart", () => {
    const negations = conversations.flatMap((conversation) => conversation.facts).filter((fact) => /^(no|nothing) /.test(fact.answer));
    expect(negations.length).toBeGreaterThanOrEqual(12);
    const opening = (kind: string) => conversations.find((conversation) => conversation.kind === kind && conversation.seed === 1101)!.facts.slice(0, 6).map((fact) => `${fact.answer}@${fact.turn}`);
    expect(opening("coding")).not.toEqual(opening("travel"));
    expect(opening("support")).not.toEqual(opening("tenancy"));
  });
});

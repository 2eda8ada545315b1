import { describe, expect, it } from "vitest";
import { factSlotsOf, flintConversationKinds, kindsOf } from "../../../src/workload/conversation-facts.ts";
import { generateConversation } from "../../../src/workload/conversation-generator.ts";

const seeds = [1801, 1802, 1803];
const conversations = flintConversationKinds.flatMap((kind) => seeds.map((seed) => generateConversation({ kind, seed, variant: "flint" })));
const usersOf = (conversation: (typeof conversations)[number]) => conversation.turns.filter((turn) => turn.role === "user");
const facts = conversations.flatMap((conversation) => conversation.facts.map((fact) => ({ conversation, fact, users: usersOf(conversation) })));
const corrected = facts.filter(({ fact }) => fact.correctedAt !== undefined);
const said = ({ fact, users }: (typeof facts)[number]) => users[fact.correctedAt!]!.text;

describe("the flint retention set", () => {
  it("has a marina kind of its own, and no kind of another set", () => {
    expect(kindsOf("flint")).toEqual(["support", "coding", "travel", "marina"]);
    expect(() => factSlotsOf("marina", "cinder")).toThrow(RangeError);
    expect(() => factSlotsOf("homecare", "flint")).toThrow(RangeError);
    for (const conversation of conversations) expect(conversation.turns.some((turn) => turn.text.includes("{"))).toBe(false);
  });

  it("states every current answer in the turn the fact says it was changed, or offers it", () => {
    for (const { conversation, fact, users } of facts) {
      const where = fact.correctedAt === undefined ? (fact.offeredAt === undefined ? users[fact.turn]!.text : conversation.turns[fact.offeredAt * 2 + 1]!.text) : users[fact.correctedAt]!.text;
      expect(where.includes(fact.answer), `${fact.subject}: ${where}`).toBe(true);
    }
  });

  it("corrects by a quoted email reply, a diff pair, an overwritten cell, a second person and an answer to a question", () => {
    expect(corrected.filter((entry) => /^> |\n> |\n-.*\n\+|Cell B4 on our shared sheet|This is Hal|On what you asked earlier/.test(said(entry))).length).toBeGreaterThanOrEqual(10);
    const implied = corrected.filter(({ fact, users }) => said({ fact, users } as (typeof facts)[number]).includes(`The right one is ${fact.answer}`) && users[fact.correctedAt! - 1]!.text.includes(`I gave you the wrong ${fact.subject} before`));
    const awaited = corrected.filter(({ fact, users }) => [2, 3].some((gap) => users[fact.correctedAt! - gap]!.text.includes(`Waiting on a call-back about the ${fact.subject}`)));
    expect(implied.length + awaited.length).toBeGreaterThanOrEqual(2);
  });

  it("undoes a correction back to the first value, and corrects some facts twice", () => {
    expect(facts.filter(({ fact }) => fact.firstCorrectedAt !== undefined && fact.firstStale === undefined).length).toBeGreaterThanOrEqual(2);
    expect(facts.filter(({ fact }) => fact.firstCorrectedAt !== undefined && fact.retired !== true).length).toBeGreaterThanOrEqual(8);
  });

  it("corrects values of one shape that sit beside another of the same shape", () => {
    const close = ["arrival", "draught", "mooring fee", "boat length", "collection slot", "registration", "mileage", "cutover window", "target version", "connection limit", "transfer pickup", "party size", "chalet balance", "budget ceiling"];
    expect(corrected.filter(({ fact }) => close.includes(fact.subject) && fact.retired !== true).length).toBeGreaterThanOrEqual(15);
  });

  it("names decoys it does not adopt, and drops values with nothing in their place", () => {
    expect(facts.filter(({ fact }) => fact.decoy !== undefined).length).toBeGreaterThanOrEqual(6);
    expect(facts.filter(({ fact }) => fact.retired === true).length).toBeGreaterThanOrEqual(2);
  });

  it("seeds its kinds apart", () => {
    const opening = (kind: string) => conversations.find((conversation) => conversation.kind === kind && conversation.seed === 1801)!.facts.slice(0, 6).map((fact) => `${fact.answer}@${fact.turn}`);
    expect(opening("coding")).not.toEqual(opening("travel"));
    expect(opening("support")).not.toEqual(opening("marina"));
  });
});

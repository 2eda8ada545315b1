import { describe, expect, it } from "vitest";
import { basaltConversationKinds, factSlotsOf, kindsOf } from "../../../src/workload/conversation-facts.ts";
import { generateConversation } from "../../../src/workload/conversation-generator.ts";

const seeds = [1901, 1902, 1903];
const conversations = basaltConversationKinds.flatMap((kind) => seeds.map((seed) => generateConversation({ kind, seed, variant: "basalt" })));
const usersOf = (conversation: (typeof conversations)[number]) => conversation.turns.filter((turn) => turn.role === "user");
const facts = conversations.flatMap((conversation) => conversation.facts.map((fact) => ({ conversation, fact, users: usersOf(conversation) })));
const corrected = facts.filter(({ fact }) => fact.correctedAt !== undefined);
const said = ({ fact, users }: (typeof facts)[number]) => users[fact.correctedAt!]!.text;
const before = ({ fact, users }: (typeof facts)[number]) => users[fact.correctedAt! - 1]!.text;

describe("the basalt retention set", () => {
  it("has a tour kind of its own, and no kind of another set", () => {
    expect(kindsOf("basalt")).toEqual(["support", "coding", "travel", "tour"]);
    expect(() => factSlotsOf("tour", "flint")).toThrow(RangeError);
    expect(() => factSlotsOf("marina", "basalt")).toThrow(RangeError);
    for (const conversation of conversations) expect(conversation.turns.some((turn) => turn.text.includes("{"))).toBe(false);
  });

  it("plants 177 facts and corrects 130 of them (17 twice, 9 of those back to the first value, 9 dropped)", () => {
    const count = (keep: (fact: (typeof facts)[number]["fact"]) => boolean) => facts.filter(({ fact }) => keep(fact)).length;
    const twice = (fact: (typeof facts)[number]["fact"]) => fact.firstCorrectedAt !== undefined && fact.retired !== true;
    expect({ facts: facts.length, corrected: corrected.length, twice: count(twice), undone: count((fact) => twice(fact) && fact.firstStale === undefined), retired: count((fact) => fact.retired === true), decoys: count((fact) => fact.decoy !== undefined) }).toEqual({ facts: 177, corrected: 130, twice: 17, undone: 9, retired: 9, decoys: 14 });
  });

  it("generates the same conversations from the same seeds", () => {
    const again = generateConversation({ kind: "tour", seed: 1902, variant: "basalt" });
    expect(again).toEqual(conversations.find((conversation) => conversation.kind === "tour" && conversation.seed === 1902));
  });

  it("states every current answer in the turn the fact says it was changed, or offers it", () => {
    for (const { conversation, fact, users } of facts) {
      const where = fact.correctedAt === undefined ? (fact.offeredAt === undefined ? users[fact.turn]!.text : conversation.turns[fact.offeredAt * 2 + 1]!.text) : users[fact.correctedAt]!.text;
      expect(where.includes(fact.answer), `${fact.subject}: ${where}`).toBe(true);
    }
  });

  it("corrects by 'make it … instead', a '*' fix, a quoted chat reply, a self-answered question and a bandmate", () => {
    expect(corrected.filter((entry) => /make it .* instead|\n\*|↪ Replying to|^Did I say|Autocorrect got me|Mags here|Quick list before|csv again/.test(said(entry))).length).toBeGreaterThanOrEqual(20);
  });

  it("corrects over two turns, the subject only in the first", () => {
    const split = corrected.filter((entry) => !said(entry).includes(entry.fact.subject) && before(entry).includes(entry.fact.subject) && /Still chasing|One more thing about/.test(before(entry)));
    expect(split.length).toBeGreaterThanOrEqual(4);
  });

  it("corrects by an amended invitation, by a week, and across units", () => {
    expect(corrected.filter((entry) => said(entry).includes("Invitation updated:")).length + corrected.filter((entry) => said(entry).includes("a week")).length).toBeGreaterThanOrEqual(3);
    const distance = ["drive to Glasgow", "Ljubljana leg"];
    expect(corrected.filter(({ fact }) => distance.includes(fact.subject) && fact.stale !== undefined && fact.stale.split(" ")[1] !== fact.answer.split(" ")[1]).length).toBeGreaterThanOrEqual(1);
  });

  it("undoes a correction back to the first value, and corrects some facts twice", () => {
    expect(facts.filter(({ fact }) => fact.firstCorrectedAt !== undefined && fact.firstStale === undefined).length).toBeGreaterThanOrEqual(2);
    expect(facts.filter(({ fact }) => fact.firstCorrectedAt !== undefined && fact.retired !== true).length).toBeGreaterThanOrEqual(6);
  });

  it("names decoys it does not adopt, and drops values with nothing in their place", () => {
    expect(facts.filter(({ fact }) => fact.decoy !== undefined).length).toBeGreaterThanOrEqual(6);
    expect(facts.filter(({ fact }) => fact.retired === true).length).toBeGreaterThanOrEqual(2);
  });

  it("seeds its kinds apart", () => {
    const opening = (kind: string) => conversations.find((conversation) => conversation.kind === kind && conversation.seed === 1901)!.facts.slice(0, 6).map((fact) => `${fact.answer}@${fact.turn}`);
    expect(opening("coding")).not.toEqual(opening("travel"));
    expect(opening("support")).not.toEqual(opening("tour"));
  });
});

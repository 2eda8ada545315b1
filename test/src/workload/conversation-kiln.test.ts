import { describe, expect, it } from "vitest";
import { factSlotsOf, kindsOf, kilnConversationKinds } from "../../../src/workload/conversation-facts.ts";
import { generateConversation } from "../../../src/workload/conversation-generator.ts";

const seeds = [1301, 1302, 1303];
const conversations = kilnConversationKinds.flatMap((kind) => seeds.map((seed) => generateConversation({ kind, seed, variant: "kiln" })));
const usersOf = (conversation: (typeof conversations)[number]) => conversation.turns.filter((turn) => turn.role === "user");
const facts = conversations.flatMap((conversation) => conversation.facts.map((fact) => ({ conversation, fact, users: usersOf(conversation) })));
const leadIns = ["is out of date.", "with them, hang on", "go-live moves too.", "will confirm after standup", "The ferry time changed.", "Receiver can't take it at"];

describe("the kiln retention set", () => {
  it("has a freight kind of its own, and no kind of another set", () => {
    expect(kindsOf("kiln")).toEqual(["support", "coding", "travel", "freight"]);
    expect(() => factSlotsOf("freight", "quarry")).toThrow(RangeError);
    expect(() => factSlotsOf("tenancy", "kiln")).toThrow(RangeError);
    for (const conversation of conversations) expect(conversation.turns.some((turn) => turn.text.includes("{"))).toBe(false);
  });

  it("states every current answer in the turn the fact says it was changed, or offers it", () => {
    for (const { conversation, fact, users } of facts) {
      const where = fact.correctedAt === undefined ? (fact.offeredAt === undefined ? users[fact.turn]!.text : conversation.turns[fact.offeredAt * 2 + 1]!.text) : users[fact.correctedAt]!.text;
      expect(where.includes(fact.answer), `${fact.subject}: ${where}`).toBe(true);
    }
  });

  it("corrects in chat shorthand, with the lead-in turns earlier, and by when the old value was said", () => {
    const corrected = facts.filter(({ fact }) => fact.correctedAt !== undefined);
    const said = ({ fact, users }: (typeof facts)[number]) => users[fact.correctedAt!]!.text;
    expect(corrected.filter((entry) => /(^|\s)(\*|fyi |update: |ugh, )/.test(said(entry))).length).toBeGreaterThanOrEqual(8);
    const spread = corrected.filter(({ fact, users }) => [2, 3].some((gap) => leadIns.some((leadIn) => users[fact.correctedAt! - gap]!.text.includes(leadIn))));
    expect(spread.length).toBeGreaterThanOrEqual(6);
    expect(facts.some(({ fact }) => fact.firstCorrectedAt !== undefined && fact.firstStale === undefined)).toBe(true);
  });

  it("plants values in pasted lines, repaired mid-sentence or marked tbc, and turns down floated values", () => {
    const planted = facts.map(({ fact, users }) => users[fact.turn]!.text);
    expect(planted.some((text) => text.includes("Copying from the packing list: \""))).toBe(true);
    expect(planted.filter((text) => /tbc/.test(text)).length).toBeGreaterThanOrEqual(1);
    expect(facts.filter(({ fact }) => fact.decoy !== undefined).length).toBeGreaterThanOrEqual(6);
    const negations = facts.filter(({ fact }) => /^(no|nothing) /.test(fact.answer));
    expect(negations.length).toBeGreaterThanOrEqual(12);
  });

  it("seeds its kinds apart", () => {
    const opening = (kind: string) => conversations.find((conversation) => conversation.kind === kind && conversation.seed === 1301)!.facts.slice(0, 6).map((fact) => `${fact.answer}@${fact.turn}`);
    expect(opening("coding")).not.toEqual(opening("travel"));
    expect(opening("support")).not.toEqual(opening("freight"));
  });
});

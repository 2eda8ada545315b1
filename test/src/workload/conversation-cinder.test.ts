import { describe, expect, it } from "vitest";
import { cinderConversationKinds, factSlotsOf, kindsOf } from "../../../src/workload/conversation-facts.ts";
import { generateConversation } from "../../../src/workload/conversation-generator.ts";

const seeds = [1701, 1702, 1703];
const conversations = cinderConversationKinds.flatMap((kind) => seeds.map((seed) => generateConversation({ kind, seed, variant: "cinder" })));
const usersOf = (conversation: (typeof conversations)[number]) => conversation.turns.filter((turn) => turn.role === "user");
const facts = conversations.flatMap((conversation) => conversation.facts.map((fact) => ({ conversation, fact, users: usersOf(conversation) })));
const corrected = facts.filter(({ fact }) => fact.correctedAt !== undefined);
const said = ({ fact, users }: (typeof facts)[number]) => users[fact.correctedAt!]!.text;

describe("the cinder retention set", () => {
  it("has a homecare kind of its own, and no kind of another set", () => {
    expect(kindsOf("cinder")).toEqual(["support", "coding", "travel", "homecare"]);
    expect(() => factSlotsOf("homecare", "ember")).toThrow(RangeError);
    expect(() => factSlotsOf("wedding", "cinder")).toThrow(RangeError);
    for (const conversation of conversations) expect(conversation.turns.some((turn) => turn.text.includes("{"))).toBe(false);
  });

  it("states every current answer in the turn the fact says it was changed, or offers it", () => {
    for (const { conversation, fact, users } of facts) {
      const where = fact.correctedAt === undefined ? (fact.offeredAt === undefined ? users[fact.turn]!.text : conversation.turns[fact.offeredAt * 2 + 1]!.text) : users[fact.correctedAt]!.text;
      expect(where.includes(fact.answer), `${fact.subject}: ${where}`).toBe(true);
    }
  });

  it("corrects by a resubmitted form, a voicemail, a forwarded message, crossing off and ❌/✅ lines", () => {
    expect(corrected.filter((entry) => /\[x\] .*\[ \]|Voicemail from|Forwarding what I just sent|cross out .*What's left is|❌ .* ✅|Carer's note|Review comment from|Announcement at the station/.test(said(entry))).length).toBeGreaterThanOrEqual(12);
    const argued = corrected.filter(({ fact, users }) => [2, 3].some((gap) => users[fact.correctedAt! - gap]!.text.includes(`Don't write the ${fact.subject} down yet`)));
    expect(argued.length).toBeGreaterThanOrEqual(1);
  });

  it("reverts to the first value, and corrects one part of a compound value", () => {
    expect(facts.filter(({ fact }) => fact.firstCorrectedAt !== undefined && fact.firstStale === undefined).length).toBeGreaterThanOrEqual(2);
    const partial = ["medication round", "key safe code", "address for visits", "engineer slot", "number of sensors", "release version", "minimum OS", "Shinkansen departure", "luggage"];
    expect(corrected.filter(({ fact }) => partial.includes(fact.subject)).length).toBeGreaterThanOrEqual(12);
  });

  it("names decoys it does not adopt, and drops values with nothing in their place", () => {
    expect(facts.filter(({ fact }) => fact.decoy !== undefined).length).toBeGreaterThanOrEqual(6);
    expect(facts.filter(({ fact }) => fact.retired === true).length).toBeGreaterThanOrEqual(2);
  });

  it("seeds its kinds apart", () => {
    const opening = (kind: string) => conversations.find((conversation) => conversation.kind === kind && conversation.seed === 1701)!.facts.slice(0, 6).map((fact) => `${fact.answer}@${fact.turn}`);
    expect(opening("coding")).not.toEqual(opening("travel"));
    expect(opening("support")).not.toEqual(opening("homecare"));
  });
});

import { describe, expect, it } from "vitest";
import { pumiceConversationKinds, factSlotsOf, kindsOf } from "../../../src/workload/conversation-facts.ts";
import { generateConversation } from "../../../src/workload/conversation-generator.ts";

const seeds = [2001, 2002, 2003];
const conversations = pumiceConversationKinds.flatMap((kind) => seeds.map((seed) => generateConversation({ kind, seed, variant: "pumice" })));
const usersOf = (conversation: (typeof conversations)[number]) => conversation.turns.filter((turn) => turn.role === "user");
const facts = conversations.flatMap((conversation) => conversation.facts.map((fact) => ({ conversation, fact, users: usersOf(conversation) })));
const corrected = facts.filter(({ fact }) => fact.correctedAt !== undefined);
const said = ({ fact, users }: (typeof facts)[number]) => users[fact.correctedAt!]!.text;
const before = ({ fact, users }: (typeof facts)[number]) => users[fact.correctedAt! - 1]!.text;

describe("the pumice retention set", () => {
  it("has a trialsite kind of its own, and no kind of another set", () => {
    expect(kindsOf("pumice")).toEqual(["support", "coding", "travel", "trialsite"]);
    expect(() => factSlotsOf("trialsite", "basalt")).toThrow(RangeError);
    expect(() => factSlotsOf("tour", "pumice")).toThrow(RangeError);
    for (const conversation of conversations) expect(conversation.turns.some((turn) => turn.text.includes("{"))).toBe(false);
  });

  it("plants 177 facts and corrects 128 of them (21 twice, 12 of those back to the first value, 9 dropped)", () => {
    const count = (keep: (fact: (typeof facts)[number]["fact"]) => boolean) => facts.filter(({ fact }) => keep(fact)).length;
    const twice = (fact: (typeof facts)[number]["fact"]) => fact.firstCorrectedAt !== undefined && fact.retired !== true;
    expect({ facts: facts.length, corrected: corrected.length, twice: count(twice), undone: count((fact) => twice(fact) && fact.firstStale === undefined), retired: count((fact) => fact.retired === true), decoys: count((fact) => fact.decoy !== undefined) }).toEqual({ facts: 177, corrected: 128, twice: 21, undone: 12, retired: 9, decoys: 18 });
  });

  it("generates the same conversations from the same seeds", () => {
    const again = generateConversation({ kind: "trialsite", seed: 2002, variant: "pumice" });
    expect(again).toEqual(conversations.find((conversation) => conversation.kind === "trialsite" && conversation.seed === 2002));
  });

  it("states every current answer in the turn the fact says it was changed, or offers it", () => {
    for (const { conversation, fact, users } of facts) {
      const where = fact.correctedAt === undefined ? (fact.offeredAt === undefined ? users[fact.turn]!.text : conversation.turns[fact.offeredAt * 2 + 1]!.text) : users[fact.correctedAt]!.text;
      expect(where.includes(fact.answer), `${fact.subject}: ${where}`).toBe(true);
    }
  });

  it("corrects by a tracked change, a rephrase, a disputed read-back, a sticky note, an edit marker, upd8, key = value and a reply-all", () => {
    expect(corrected.filter((entry) => /\[deleted: .*\] \[inserted: |^Let me rephrase|^Ignore my earlier|read the .* back to me as|sticky note|^\(message edited\)|^Rather than|^upd8 on| = .*# was |Reply-all from/.test(said(entry))).length).toBeGreaterThanOrEqual(20);
  });

  it("corrects over two turns, the subject only in the first", () => {
    const split = corrected.filter((entry) => !said(entry).includes(entry.fact.subject) && before(entry).includes(entry.fact.subject) && /I told you something about/.test(before(entry)));
    expect(split.length).toBeGreaterThanOrEqual(2);
  });

  it("corrects in the slot's own world (an amendment, a visit report, a recount, two days later) and across units", () => {
    const ownWorld = /Protocol amendment 4|back two days|monitor's visit report|Fahrenheit|New batch|recounted|signed agreement|Underwriting|resort site|transfer company|pass road|re-org|CFO's email|BI team|Re-ran the count|Sponsor bumped|IRB approved|Lab courier|reshuffled|emailed us|jury service|left the team|relocating|locked down/;
    expect(corrected.filter((entry) => ownWorld.test(said(entry))).length).toBeGreaterThanOrEqual(10);
    const units = ["storage temperature", "drive from Geneva"];
    expect(corrected.filter(({ fact }) => units.includes(fact.subject) && fact.stale !== undefined && fact.stale.split(" ").at(-1) !== fact.answer.split(" ").at(-1)).length).toBeGreaterThanOrEqual(1);
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
    const opening = (kind: string) => conversations.find((conversation) => conversation.kind === kind && conversation.seed === 2001)!.facts.slice(0, 6).map((fact) => `${fact.answer}@${fact.turn}`);
    expect(opening("coding")).not.toEqual(opening("travel"));
    expect(opening("support")).not.toEqual(opening("trialsite"));
  });
});

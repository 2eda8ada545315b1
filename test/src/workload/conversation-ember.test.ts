import { describe, expect, it } from "vitest";
import { emberConversationKinds, factSlotsOf, kindsOf } from "../../../src/workload/conversation-facts.ts";
import { generateConversation } from "../../../src/workload/conversation-generator.ts";

const seeds = [1601, 1602, 1603];
const conversations = emberConversationKinds.flatMap((kind) => seeds.map((seed) => generateConversation({ kind, seed, variant: "ember" })));
const usersOf = (conversation: (typeof conversations)[number]) => conversation.turns.filter((turn) => turn.role === "user");
const facts = conversations.flatMap((conversation) => conversation.facts.map((fact) => ({ conversation, fact, users: usersOf(conversation) })));
const corrected = facts.filter(({ fact }) => fact.correctedAt !== undefined);
const said = ({ fact, users }: (typeof facts)[number]) => users[fact.correctedAt!]!.text;

/** Two values with the same number and a different unit or currency ("23 kg per bag" / "23 lb per bag"). */
const unitApart = (left: string, right: string) => {
  const number = (value: string) => /\d[\d,.]*/.exec(value)?.[0];
  return left !== right && number(left) !== undefined && number(left) === number(right) && left.replace(/[\d,.]/g, "") !== right.replace(/[\d,.]/g, "");
};

describe("the ember retention set", () => {
  it("has a wedding kind of its own, and no kind of another set", () => {
    expect(kindsOf("ember")).toEqual(["support", "coding", "travel", "wedding"]);
    expect(() => factSlotsOf("wedding", "slate")).toThrow(RangeError);
    expect(() => factSlotsOf("mortgage", "ember")).toThrow(RangeError);
    for (const conversation of conversations) expect(conversation.turns.some((turn) => turn.text.includes("{"))).toBe(false);
  });

  it("states every current answer in the turn the fact says it was changed, or offers it", () => {
    for (const { conversation, fact, users } of facts) {
      const where = fact.correctedAt === undefined ? (fact.offeredAt === undefined ? users[fact.turn]!.text : conversation.turns[fact.offeredAt * 2 + 1]!.text) : users[fact.correctedAt]!.text;
      expect(where.includes(fact.answer), `${fact.subject}: ${where}`).toBe(true);
    }
  });

  it("corrects in table rows, change-list bullets, another person's words and answers to a question", () => {
    expect(corrected.filter((entry) => /\| item \| value \||\n- |my partner here|\[Anneliese here|\[Dad here|over my shoulder|To your question|You asked if|Q: has/.test(said(entry))).length).toBeGreaterThanOrEqual(12);
    const checked = corrected.filter(({ fact, users }) => [2, 3].some((gap) => users[fact.correctedAt! - gap]!.text.includes(`I need to check the ${fact.subject} with the others`)));
    expect(checked.length).toBeGreaterThanOrEqual(2);
  });

  it("goes back to the first value, moves two-valued slots without a direction, and changes only a unit", () => {
    expect(facts.filter(({ fact }) => fact.firstCorrectedAt !== undefined && fact.firstStale === undefined).length).toBeGreaterThanOrEqual(2);
    const twoValued = ["ceremony time", "guest count", "delivery slot", "meals per week", "cutover window", "dbt threads", "boarding time", "passenger count"];
    expect(corrected.filter(({ fact }) => twoValued.includes(fact.subject)).length).toBeGreaterThanOrEqual(12);
    expect(facts.filter(({ fact }) => fact.stale !== undefined && unitApart(fact.stale, fact.answer)).length).toBeGreaterThanOrEqual(3);
  });

  it("names decoys it does not adopt, and drops values with nothing in their place", () => {
    expect(facts.filter(({ fact }) => fact.decoy !== undefined).length).toBeGreaterThanOrEqual(6);
    expect(facts.filter(({ fact }) => fact.retired === true).length).toBeGreaterThanOrEqual(2);
  });

  it("seeds its kinds apart", () => {
    const opening = (kind: string) => conversations.find((conversation) => conversation.kind === kind && conversation.seed === 1601)!.facts.slice(0, 6).map((fact) => `${fact.answer}@${fact.turn}`);
    expect(opening("coding")).not.toEqual(opening("travel"));
    expect(opening("support")).not.toEqual(opening("wedding"));
  });
});

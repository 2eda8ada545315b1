import { describe, expect, it } from "vitest";
import { factSlotsOf, kindsOf } from "../../../src/workload/conversation-facts.ts";
import { generateConversation } from "../../../src/workload/conversation-generator.ts";
import { scoreRetention } from "../../../src/workload/retention-score.ts";

const mentions = (text: string, value: string) => scoreRetention([{ subject: "", category: "name", turn: 0, answer: value }], { context: text, window: [] }).available === 1;

describe("the vault set", () => {
  const conversations = kindsOf("vault").flatMap((kind) => [801, 802, 803].map((seed) => generateConversation({ kind, seed, variant: "vault" })));
  const facts = conversations.flatMap((conversation) => conversation.facts.map((fact) => ({ fact, users: conversation.turns.filter((turn) => turn.role === "user") })));

  it("has an insurance-claim kind of its own, and no kind of another set", () => {
    expect(kindsOf("vault")).toEqual(["support", "coding", "travel", "claim"]);
    expect(() => factSlotsOf("claim", "sealed")).toThrow(RangeError);
    expect(() => factSlotsOf("jobsearch", "vault")).toThrow(RangeError);
  });

  it("corrects some facts twice: the second value is the stale one, the first is stale too unless the user went back to it", () => {
    const twice = facts.filter(({ fact }) => fact.firstCorrectedAt !== undefined);
    expect(twice.length).toBeGreaterThan(4);
    for (const { fact, users } of twice) {
      expect(fact.correctedAt!).toBeGreaterThan(fact.firstCorrectedAt!);
      expect(mentions(users[fact.correctedAt!]!.text, fact.answer), fact.subject).toBe(true);
      expect(mentions(users[fact.firstCorrectedAt!]!.text, fact.stale!), fact.subject).toBe(true);
      if (fact.firstStale !== undefined) expect(mentions(users[fact.turn]!.text, fact.firstStale), fact.subject).toBe(true);
      else expect(mentions(users[fact.turn]!.text, fact.answer), `${fact.subject} went back to its first value`).toBe(true);
    }
    expect(twice.some(({ fact }) => fact.firstStale === undefined)).toBe(true);
  });

  it("says some facts again unchanged, later, some naming another value they do not adopt", () => {
    const restated = facts.filter(({ fact }) => fact.restatedAt !== undefined);
    expect(restated.length).toBeGreaterThan(10);
    for (const { fact, users } of restated) {
      expect(fact.restatedAt!).toBeGreaterThan(fact.correctedAt ?? fact.turn);
      expect(mentions(users[fact.restatedAt!]!.text, fact.answer), fact.subject).toBe(true);
      if (fact.decoy !== undefined) expect(mentions(users[fact.restatedAt!]!.text, fact.decoy), fact.subject).toBe(true);
    }
    expect(restated.filter(({ fact }) => fact.decoy !== undefined).length).toBeGreaterThan(2);
  });

  it("scores a twice-corrected fact as latest only when neither old value is presented as current", () => {
    const fact = { subject: "excess", category: "number" as const, turn: 1, answer: "£175", stale: "£500", correctedAt: 9, firstCorrectedAt: 5, firstStale: "£250" };
    expect(scoreRetention([fact], { context: "- excess: £175 (earlier £500, £250)", window: [] })).toMatchObject({ latest: 1 });
    expect(scoreRetention([fact], { context: "- excess: £175\n- my excess is £250", window: [] })).toMatchObject({ latest: 0 });
    expect(scoreRetention([fact], { context: "", window: ["Actually make that £175.", "My excess is £250."] })).toMatchObject({ latest: 0 });
  });
});

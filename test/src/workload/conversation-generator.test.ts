import { describe, expect, it } from "vitest";
import { kindsOf, phrasingVariants } from "../../../src/workload/conversation-facts.ts";
import { generateConversation } from "../../../src/workload/conversation-generator.ts";
import { scoreRetention } from "../../../src/workload/retention-score.ts";

const mentions = (text: string, value: string) => scoreRetention([{ subject: "", category: "name", turn: 0, answer: value }], { context: text, window: [] }).available === 1;

describe("generateConversation", () => {
  it("is seeded: same options, same conversation; another seed, another one", () => {
    expect(generateConversation({ kind: "coding", seed: 4 })).toEqual(generateConversation({ kind: "coding", seed: 4 }));
    expect(generateConversation({ kind: "coding", seed: 5 }).turns).not.toEqual(generateConversation({ kind: "coding", seed: 4 }).turns);
  });

  it.each(phrasingVariants.flatMap((variant) => kindsOf(variant).map((kind) => ({ kind, variant }))))("$kind/$variant: 100 exchanges and a closing question, every answer only where it was stated", ({ kind, variant }) => {
    for (const seed of [1, 2, 3, 101]) {
      const conversation = generateConversation({ kind, seed, variant });
      expect(conversation.turns).toHaveLength(201);
      expect(conversation.turns.at(-1)?.role).toBe("user");
      const users = conversation.turns.filter((turn) => turn.role === "user");
      expect(conversation.facts.length).toBeGreaterThanOrEqual(14);
      expect(conversation.facts.filter((fact) => fact.stale !== undefined).length).toBeGreaterThanOrEqual(2);
      for (const fact of conversation.facts) {
        const stated = fact.correctedAt ?? fact.turn;
        // A value the assistant offered (the harbor set) and nobody corrected is said in that assistant turn only:
        // the user's confirmation never repeats it.
        const offeredOnly = fact.offeredAt !== undefined && fact.correctedAt === undefined;
        if (offeredOnly) expect(mentions(conversation.turns[fact.offeredAt! * 2 + 1]!.text, fact.answer), `${fact.subject} offered at ${fact.offeredAt}`).toBe(true);
        expect(mentions(users[stated]!.text, fact.answer), `${fact.subject} at turn ${stated}`).toBe(!offeredOnly);
        // No filler turn and no assistant turn says the answer: finding it at the end means memory kept it.
        // (The vault set also says a value at a fact's first correction and at a restatement that changes nothing;
        // the harbor set in the assistant turn that offered it.)
        const elsewhere = conversation.turns.filter((turn, index) => mentions(turn.text, fact.answer) && !(turn.role === "user" && [fact.turn, fact.correctedAt, fact.firstCorrectedAt, fact.restatedAt].includes(index / 2)) && !(turn.role === "assistant" && fact.offeredAt === (index - 1) / 2));
        expect(elsewhere.map((turn) => turn.text), fact.subject).toEqual([]);
        if (fact.stale !== undefined) expect(fact.correctedAt!).toBeGreaterThan(fact.turn);
      }
    }
  });
});

describe("scoreRetention", () => {
  const facts = [
    { subject: "budget", category: "constraint" as const, turn: 1, answer: "4,800", stale: "3,250", correctedAt: 9 },
    { subject: "flight", category: "number" as const, turn: 2, answer: "TP1342" },
  ];

  it("counts an answer seen anywhere, and a correction only when the old value is not presented as current", () => {
    expect(scoreRetention(facts, { context: "- Actually, the budget is 4,800, not 3,250.", window: ["We fly TP1342."] })).toEqual({ planted: 2, available: 2, corrected: 1, latest: 1 });
    expect(scoreRetention(facts, { context: "- Our budget is 3,250.\n- Actually, the budget is 4,800.", window: [] })).toMatchObject({ available: 1, latest: 0 });
    expect(scoreRetention(facts, { context: "", window: ["The budget is 4,800.", "Our budget is 3,250."] })).toMatchObject({ latest: 0 });
    expect(scoreRetention(facts, { context: "", window: ["Our budget is 3,250.", "The budget is 4,800."] })).toMatchObject({ latest: 1 });
    expect(scoreRetention(facts, { context: "TP13420", window: [] })).toMatchObject({ available: 0 });
  });
});

import { HumanMessage } from "@langchain/core/messages";
import { addStatements } from "../../../src/memory/fact-ledger.ts";
import { statementsOf } from "../../../src/memory/ledger-statements.ts";
import { describe, expect, it } from "vitest";
import { aliasesOf, classOf, isWeakClass, rootsOf } from "../../../src/memory/subject-classes.ts";

describe("subject classes", () => {
  it("folds words that name one subject, in generic nouns and a few everyday domains", () => {
    expect(classOf("licences")).toBe(classOf("seats"));
    expect(classOf("caterer")).toBe(classOf("food"));
    expect(classOf("assistant")).toBe(classOf("diary"));
    expect(classOf("removals")).toBe(classOf("move"));
    expect(classOf("baggage")).toBe(classOf("suitcases"));
    expect(classOf("wheelchair")).toBe(classOf("accessibility"));
    expect(classOf("staleness")).toBe(classOf("freshness"));
    expect(classOf("pager")).toBe(classOf("on-call"));
    expect(classOf("rent")).not.toBe(classOf("lease"));
  });

  it("folds units of one dimension, so a change of units is a change of one quantity", () => {
    expect(classOf("centimetres")).toBe(classOf("feet"));
    expect(classOf("inches")).toBe(classOf("metres"));
    expect(classOf("MiB")).toBe(classOf("KB"));
    expect(classOf("feet")).not.toBe(classOf("KB"));
  });

  it("reads an agent noun's verb and two adjacent words written as one as aliases", () => {
    expect(aliasesOf(["owner"])).toContain(classOf("owns"));
    expect(aliasesOf(["call", "back"])).toContain(classOf("callback"));
    expect(rootsOf("Movers")).toEqual(["mover", "mov"]);
  });

  it("marks actions and channels as weak: sharing one links no two facts", () => {
    expect(isWeakClass(classOf("booked"))).toBe(true);
    expect(isWeakClass(classOf("venue"))).toBe(false);
  });
});

describe("subject classes in the ledger: one subject in other words, two subjects of one type", () => {
  const ledgerAfter = (...turns: string[]) => turns.reduce((ledger, turn, block) => addStatements(ledger, statementsOf([new HumanMessage(turn)]), block), addStatements([], [], 0)).map((entry) => entry.text);

  it("takes 'the appointment' for the line about the visit, not the other date", () => {
    expect(ledgerAfter("The engineer's visit is Tuesday 4 March.", "The contract renewal is 14 March.", "Thanks. The appointment is Thursday 6 March now.")).toEqual(["The contract renewal is 14 March.", "The appointment is Thursday 6 March now."]);
    expect(classOf("tariff")).toBe(classOf("plan"));
  });

  it("does not link two lines by 'work', a verb any arrangement takes ('would X work for the Y')", () => {
    expect(isWeakClass(classOf("works"))).toBe(true);
    expect(ledgerAfter("Philippa is our surveyor.", "My colleague says the Hub Portal works fine for them.", "Would Anselm work for the surveyor instead?")).toEqual(["My colleague says the Hub Portal works fine for them.", "Would Anselm work for the surveyor instead?"]);
  });

  it("keeps two dates of one trip apart when one changes", () => {
    expect(ledgerAfter("Outbound flight: 3 May.", "Return flight: 17 May.", "Thanks. Return flight → 19 May")).toEqual(["Outbound flight: 3 May.", "Return flight → 19 May"]);
  });
});

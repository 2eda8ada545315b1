import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { addStatements, statementsOf } from "../../../src/memory/fact-ledger.ts";

const fold = (...turns: string[]) => turns.reduce((ledger, turn, block) => addStatements(ledger, statementsOf([new HumanMessage(turn)]), block), addStatements([], [], 0));

describe("supersededIndex: the only line of a value's type", () => {
  it("counts a line of a contrasting key as a second fact of the type, so a new key replaces neither", () => {
    const ledger = fold("The contact email is desk@brightwell.org.", "Complaints go to care@brightwell.org.", "My own email is sam@brightwell.org.");
    expect(ledger.map((entry) => entry.text)).toEqual(["The contact email is desk@brightwell.org.", "Complaints go to care@brightwell.org.", "My own email is sam@brightwell.org."]);
  });

  it("still replaces the one line of the type when the statement names the type", () => {
    const ledger = fold("Complaints go to care@brightwell.org.", "Correction: the email is help@brightwell.org.");
    expect(ledger.map((entry) => entry.text)).toEqual(["Correction: the email is help@brightwell.org."]);
  });
});

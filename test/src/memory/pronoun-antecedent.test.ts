import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { addStatements } from "../../../src/memory/fact-ledger.ts";
import { statementsOf } from "../../../src/memory/ledger-statements.ts";
import { pronounAntecedent } from "../../../src/memory/pronoun-antecedent.ts";

const ledgerAfter = (...turns: string[]) => turns.reduce((ledger, turn, block) => addStatements(ledger, statementsOf([new HumanMessage(turn)]), block), addStatements([], [], 0)).map((entry) => entry.text);

describe("pronounAntecedent", () => {
  it("takes 'it' as the latest line holding a value of the change's type (a share, a date, an amount)", () => {
    expect(pronounAntecedent(["Discount starts at 30 %.", "Courier: the blue van people."], "OK, please change it to 12 % of the order.")).toBe(0);
    expect(pronounAntecedent(["Deposit due on 2 March.", "Handover on 9 April.", "Courier: the blue van people."], "Fine, make that 16 April.")).toBe(1);
  });

  it("guesses nothing for a name or a bare number, a value of no line's type, or from a line itself placed by a guess", () => {
    expect(pronounAntecedent(["Our driver is Tamsin."], "OK, please change it to Oluwaseun.")).toBe(-1);
    expect(pronounAntecedent(["We need 4 crates."], "Change it to 6.")).toBe(-1);
    expect(pronounAntecedent(["Courier: the blue van people."], "Change it to 16 April.")).toBe(-1);
    expect(pronounAntecedent(["Handover on 9 April.", "Make it the 3rd instead."], "Make it the 7th instead.")).toBe(0);
  });

  it("supersedes that line in the ledger, and keeps a line of another type", () => {
    expect(ledgerAfter("Discount starts at 30 %.", "Handover on 9 April.", "Thanks. OK, please change it to 12 % of the order.")).toEqual(["Handover on 9 April.", "OK, please change it to 12 % of the order."]);
  });
});

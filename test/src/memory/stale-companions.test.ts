import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { addStatements } from "../../../src/memory/fact-ledger.ts";
import { statementsOf } from "../../../src/memory/ledger-statements.ts";
import { staleCompanions } from "../../../src/memory/stale-companions.ts";

const ledgerAfter = (...turns: string[]) => turns.reduce((ledger, turn, block) => addStatements(ledger, statementsOf([new HumanMessage(turn)]), block), addStatements([], [], 0)).map((entry) => entry.text);

describe("staleCompanions", () => {
  it("finds the other lines stating only the value a correction strikes out", () => {
    expect(staleCompanions(["What about Brightwater instead of Oakridge?", "We are going with Brightwater."], 1, "v3 of the supplier: Fenwick (v2 was Brightwater)")).toEqual([0]);
    expect(staleCompanions(["For the loft I'd fit a Velux 78 cm; shall I add it to the quote.", "window: Velux 78 cm"], 1, "~~Velux 78 cm~~ Fakro 94 cm")).toEqual([0]);
  });

  it("leaves a line stating another value too, a line keyed to another thing, and a person in another role", () => {
    expect(staleCompanions(["Brightwater delivers on 12 May.", "We are going with Brightwater."], 1, "v3 of the supplier: Fenwick (v2 was Brightwater)")).toEqual([]);
    expect(staleCompanions(["Main contact: Radovan", "Radovan is release captain this sprint."], 1, "~~Radovan~~ Marisol")).toEqual([]);
    expect(staleCompanions(["Radovan looks after our invoices.", "Radovan is release captain this sprint."], 1, "~~Radovan~~ Marisol")).toEqual([]);
  });

  it("strikes nothing when the correction retires nothing in so many words", () => {
    expect(staleCompanions(["Would Saturday mornings suit?", "calls: Saturday mornings"], 1, "calls: Tuesday evenings")).toEqual([]);
  });

  it("moves both lines into the correction's history in the ledger", () => {
    const ledger = addStatements(addStatements([], statementsOf([new HumanMessage("What about Brightwater instead of Oakridge?")]), 0), statementsOf([new HumanMessage("We are going with Brightwater.")]), 1);
    const next = addStatements(ledger, statementsOf([new HumanMessage("v3 of the supplier: Fenwick (v2 was Brightwater)")]), 2);
    expect(next.map((entry) => entry.text)).toEqual(["v3 of the supplier: Fenwick (v2 was Brightwater)"]);
    expect(next[0]!.replaces).toEqual(["What about Brightwater instead of Oakridge?", "We are going with Brightwater."]);
    expect(ledgerAfter("Brightwater delivers on 12 May.", "We are going with Brightwater.", "v3 of the supplier: Fenwick (v2 was Brightwater)")).toContain("Brightwater delivers on 12 May.");
  });
});

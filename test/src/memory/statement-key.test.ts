import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { addStatements } from "../../../src/memory/fact-ledger.ts";
import { statementsOf } from "../../../src/memory/ledger-statements.ts";
import { keyOf, sameKey } from "../../../src/memory/statement-key.ts";

const ledgerAfter = (...turns: string[]) => turns.reduce((ledger, turn, block) => addStatements(ledger, statementsOf([new HumanMessage(turn)]), block), addStatements([], [], 0)).map((entry) => entry.text);

describe("keyOf", () => {
  it("reads what a value is given for, past chat markers, by a colon or a verb of being", () => {
    expect(keyOf("Preferred courier: the blue van people.")).toEqual({ key: "preferred courier", value: "the blue van people" });
    expect(keyOf("btw preferred courier is the depot pickup now")).toEqual({ key: "preferred courier", value: "the depot pickup" });
  });

  it("reads a key given by an arrow or after a list item's number", () => {
    expect(keyOf("2) preferred courier → the depot pickup")).toEqual({ key: "preferred courier", value: "the depot pickup" });
    expect(sameKey("Preferred courier: the blue van people.", "2) preferred courier → the depot pickup")).toBe(true);
  });

  it("is no key for a name, a correction's own words, an introducer, a question or a value naming the old one", () => {
    expect(keyOf("Anneliese is our site contact.")).toBeUndefined();
    expect(keyOf("My bad: 118, not 37.")).toBeUndefined();
    expect(keyOf("Quick one: the gate is locked.")).toBeUndefined();
    expect(keyOf("Preferred courier is which one?")).toBeUndefined();
    expect(keyOf("Preferred courier: the depot pickup rather than the blue van.")).toBeUndefined();
  });
});

describe("sameKey", () => {
  it("takes a new value for one key as the fact's newer version, whatever the value's type", () => {
    expect(sameKey("Preferred courier: the blue van people.", "fyi preferred courier is the depot pickup now")).toBe(true);
    expect(sameKey("Preferred courier: the blue van people.", "Preferred courier: the blue van people.")).toBe(false);
    expect(sameKey("Preferred courier: the blue van people.", "Delivery slot: mornings.")).toBe(false);
  });

  it("supersedes the old line in the ledger", () => {
    expect(ledgerAfter("Parking for the crew: the side street.", "Thanks. ok so parking for the crew is the school yard now")).toEqual(["ok so parking for the crew is the school yard now"]);
  });
});

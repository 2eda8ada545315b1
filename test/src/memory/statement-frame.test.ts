import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { addStatements, statementsOf } from "../../../src/memory/fact-ledger.ts";
import { sameFrame } from "../../../src/memory/statement-frame.ts";

const say = (...texts: string[]) => statementsOf(texts.map((text) => new HumanMessage(text)));

describe("sameFrame: one sentence said again with another value", () => {
  it("links statements that differ only in a value, wherever it stands", () => {
    expect(sameFrame("Dorothea is my emergency contact.", "Marisol is my emergency contact.")).toBe(true);
    expect(sameFrame("We run 4 replicas in Frankfurt.", "We run 6 replicas in Frankfurt.")).toBe(true);
    const ledger = addStatements(addStatements([], say("Dorothea is my emergency contact.", "Our guide is Marit Solberg."), 0), say("Marisol is my emergency contact."), 1);
    expect(ledger.map((entry) => entry.text)).toEqual(["Our guide is Marit Solberg.", "Marisol is my emergency contact."]);
  });

  it("does not link two statements that differ in their subject or in more than a value", () => {
    expect(sameFrame("Let me revise the hotel: Casa Verde.", "Let me revise the SDK version: 2.7.14.")).toBe(false);
    expect(sameFrame("Turns out it's gRPC, not JSON-RPC.", "Turns out it's 18.19, not 20.11.")).toBe(false);
    expect(sameFrame("My daughter is called Ilse.", "My son is called Tomas.")).toBe(false);
  });
});

describe("sameFrame with values of two kinds", () => {
  it("does not take an amount and a name in a frame naming no subject for one slot", () => {
    expect(sameFrame("The right one is €1,940.", "The right one is Lorcan.")).toBe(false);
    expect(sameFrame("The right one is €1,940.", "The right one is €2,100.")).toBe(true);
  });
});

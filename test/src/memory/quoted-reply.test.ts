import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { addStatements, statementsOf } from "../../../src/memory/index.ts";
import { quotedReplies } from "../../../src/memory/quoted-reply.ts";

describe("quotedReplies", () => {
  it("links a reply turning a quoted value down to the line stating that value", () => {
    expect(quotedReplies(["Best way to reach me: email only, I'm out on jobs all day.", "My account manager is Tancredi."], ["> the contact channel is email only, I'm out on jobs all day", "Not any more, I'm afraid — short texts."])).toEqual([
      { lines: ["Best way to reach me: email only, I'm out on jobs all day."], parts: [0, 1], text: "> the contact channel is email only, I'm out on jobs all day Not any more, I'm afraid — short texts." },
    ]);
  });

  it("links nothing when the reply confirms, asks, or is not the next sentence", () => {
    const lines = ["My account manager is Tancredi."];
    expect(quotedReplies(lines, ["> the account manager is Tancredi", "Yes, still him."])).toEqual([]);
    expect(quotedReplies(lines, ["> the account manager is Tancredi", "Is that not right any more?"])).toEqual([]);
    expect(quotedReplies(lines, ["> the account manager is Tancredi", "No, it's Bartholomew."], [0, 2])).toEqual([]);
  });
});

describe("the ledger with a reply under a quote", () => {
  it("replaces the quoted line, and the quote never stands as a line of its own", () => {
    let ledger = addStatements([], statementsOf([new HumanMessage("My account manager is Tancredi. Our budget is £2,400 all in.")]), 0);
    ledger = addStatements(ledger, statementsOf([new HumanMessage("> the account manager is Tancredi\n\nNot any more, I'm afraid — Bartholomew.")]), 1);
    expect(ledger.map((entry) => entry.text)).toEqual(["Our budget is £2,400 all in.", "> the account manager is Tancredi Not any more, I'm afraid — Bartholomew."]);
    expect(ledger[1]!.replaces).toEqual(["My account manager is Tancredi."]);
  });
});

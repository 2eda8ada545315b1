import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { addStatements, statementsOf, type LedgerEntry } from "../../../src/memory/index.ts";
import { currentText, earlierText, withEarlier } from "../../../src/memory/earlier-version.ts";

const say = (...texts: string[]) => statementsOf(texts.map((text) => new HumanMessage(text)));
const texts = (ledger: readonly LedgerEntry[]) => ledger.map((entry) => entry.text);

describe("a line keeping its earlier version", () => {
  it("reads the current statement and the earlier one apart", () => {
    const line = withEarlier("We arrive Thursday.", { text: "We get there on Tuesday. (earlier: We land Monday.)", score: 3, block: 0, replaces: [] });
    expect(line).toBe("We arrive Thursday. (earlier: We get there on Tuesday.)");
    expect(currentText(line)).toBe("We arrive Thursday.");
    expect(earlierText(line)).toBe("We get there on Tuesday.");
    expect(earlierText("We arrive Thursday.")).toBeUndefined();
  });

  it("keeps both on one line, the latest first, when a person is named in another's role by one word in common", () => {
    let ledger = addStatements([], say("Our design lead is Tamsin.", "My partner Lorcan is on the web plan too."), 0);
    ledger = addStatements(ledger, say("Caspian leads the web team."), 1);
    expect(texts(ledger)).toEqual(["My partner Lorcan is on the web plan too.", "Caspian leads the web team. (earlier: Our design lead is Tamsin.)"]);
    expect(ledger[1]!.replaces).toEqual(["Our design lead is Tamsin."]);
  });

  it("does not put a person with another stated role under the new one, nor a thing that is no person", () => {
    let ledger = addStatements([], say("My partner Lorcan is on the account too.", "Tests go in Jasmine, the team knows it."), 0);
    ledger = addStatements(ledger, say("Benedikt looks after our account on your side.", "Aiyana from my team is in copy."), 1);
    expect(ledger).toHaveLength(4);
    expect(texts(ledger).some((text) => text.includes("(earlier:"))).toBe(false);
  });

  it("lets a later statement supersede the line by its current statement only", () => {
    let ledger = addStatements([], say("Our design lead is Tamsin."), 0);
    ledger = addStatements(ledger, say("Caspian leads the web team."), 1);
    ledger = addStatements(ledger, say("Actually, Ingrid leads the web team."), 2);
    expect(texts(ledger)).toEqual(["Actually, Ingrid leads the web team."]);
    expect(ledger[0]!.replaces).toEqual(["Our design lead is Tamsin.", "Caspian leads the web team."]);
  });
});

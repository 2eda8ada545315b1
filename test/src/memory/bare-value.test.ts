import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { addStatements, statementsOf } from "../../../src/memory/index.ts";
import { bareValueTarget } from "../../../src/memory/bare-value.ts";

describe("bareValueTarget", () => {
  it("ties a value said alone to the one recent line holding a value of its type written alike", () => {
    const lines = ["We fly home Sunday 14 September.", "Doors at 19:00.", "The price you quoted was £48.50 a month."];
    expect(bareValueTarget(lines, "So Sunday 21 September.")).toBe(0);
    expect(bareValueTarget(lines, "£84.50.")).toBe(2);
    expect(bareValueTarget(["The new address is Unit 14D, Canal Wharf.", "Doors at 19:00."], "Unit 14B.")).toBe(0);
  });

  it("keeps both when two lines could be meant, or when the value is framed as an addition", () => {
    const lines = ["We fly out Sunday 7 September.", "We fly home Sunday 14 September."];
    expect(bareValueTarget(lines, "Sunday 21 September.")).toBe(-1);
    expect(bareValueTarget(["We fly home Sunday 14 September."], "Also Sunday 21 September.")).toBe(-1);
  });

  it("never ties a name or a count alone, a sentence with its own subject, or a line stating another fact", () => {
    expect(bareValueTarget(["The engineer booked is Rosalind."], "Kwabena.")).toBe(-1);
    expect(bareValueTarget(["We need 4 chairs."], "Three things:")).toBe(-1);
    expect(bareValueTarget(["The price you quoted was £48.50 a month."], "The set-up fee is £90.50.")).toBe(-1);
    expect(bareValueTarget(["VIE coach 7, seat 46 home Sunday 14 September"], "So Sunday 21 September.")).toBe(-1);
  });

  it("reads a *value as fixing the line just before it, and only that line", () => {
    expect(bareValueTarget(["Our host is Tobiah.", "Just so you have it, the second contact is Kwabena"], "*Tobiah — fat fingers, sorry")).toBe(1);
    expect(bareValueTarget(["The second contact is Kwabena.", "Everything goes under Hollow Pines Ltd.", "Doors at 19:00."], "*Tobiah — fat fingers, sorry")).toBe(-1);
  });
});

describe("the ledger with a bare value", () => {
  it("replaces the line the bare value can only be the newer version of", () => {
    let ledger = addStatements([], statementsOf([new HumanMessage("We fly home Sunday 14 September. Doors at 19:00.")]), 0);
    ledger = addStatements(ledger, statementsOf([new HumanMessage("Move the return flight a week, we're staying longer. So Sunday 21 September.")]), 1);
    expect(ledger.map((entry) => entry.text)).toContain("So Sunday 21 September.");
    expect(ledger.map((entry) => entry.text)).not.toContain("We fly home Sunday 14 September.");
    expect(ledger.map((entry) => entry.text)).toContain("Doors at 19:00.");
  });

  it("replaces the mistyped line a *value follows", () => {
    let ledger = addStatements([], statementsOf([new HumanMessage("Our host in Vienna is Tobiah.")]), 0);
    ledger = addStatements(ledger, statementsOf([new HumanMessage("Just so you have it, the porting reference is PRT-208814\n*PRT-280814 — fat fingers, sorry")]), 1);
    const texts = ledger.map((entry) => entry.text);
    expect(texts.some((text) => text.includes("PRT-280814"))).toBe(true);
    expect(texts.some((text) => text.includes("PRT-208814"))).toBe(false);
    expect(texts).toContain("Our host in Vienna is Tobiah.");
  });
});

describe("bareValueTarget and codes", () => {
  it("ties a code whose lone letter changed, never one with another prefix, never a confirmation", () => {
    expect(bareValueTarget(["The new address is Unit 14D, Canal Wharf."], "Unit 14B.")).toBe(0);
    expect(bareValueTarget(["The contract reference is GW-88412."], "CN-58213.")).toBe(-1);
    expect(bareValueTarget(["The contract reference is CN-88412."], "No change: CN-58213.")).toBe(-1);
  });
});

describe("bareValueTarget and a correction that names no subject", () => {
  it("ties a cued correction with at most one subject word like a bare value, and only when cued", () => {
    const lines = ["The price you quoted was £48.50 a month.", "Doors at 19:00."];
    expect(bareValueTarget(lines, "They got back to me: it's £84.50, not what I said.", true)).toBe(0);
    expect(bareValueTarget(lines, "They got back to me: it's £84.50, not what I said.", false)).toBe(-1);
    expect(bareValueTarget([...lines, "The deposit was £20.00."], "They got back to me: it's £84.50, not what I said.", true)).toBe(-1);
  });
});

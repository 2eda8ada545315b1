import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { applyNewestCorrections } from "../../../src/memory/fold-summary.ts";
import { addStatements, memoryStateOf, statementsOf } from "../../../src/memory/index.ts";

const say = (...texts: string[]) => statementsOf(texts.map((text) => new HumanMessage(text)));
const withLedger = (...texts: string[]) => ({ ...memoryStateOf({ strategy: "summary" }), ledger: addStatements([], say(...texts), 0) });

describe("applyNewestCorrections", () => {
  it("lets the newest message's plain restatement supersede at once: the ledger never shows the older value as current", () => {
    const memory = withLedger("Our office rent is 2,400 euros a month.", "The printer lease costs 90 euros.");
    const next = applyNewestCorrections(memory, [new HumanMessage("We pay 2,650 euros for the office these days.")]);
    expect(next.ledger.map((entry) => entry.text)).toEqual(["The printer lease costs 90 euros.", "We pay 2,650 euros for the office these days."]);
  });

  it("leaves a restatement naming only a new identifier to the fold, and the ledger untouched (the cached prefix stays)", () => {
    const memory = withLedger("The build failed with error E7111 once yesterday.");
    expect(applyNewestCorrections(memory, [new HumanMessage("The build failed with error E7831 once yesterday.")])).toBe(memory);
    const corrected = applyNewestCorrections(memory, [new HumanMessage("Correction: the build failed with error E7831, not E7111.")]);
    expect(corrected.ledger.at(-1)!.replaces).toEqual(["The build failed with error E7111 once yesterday."]);
  });
});

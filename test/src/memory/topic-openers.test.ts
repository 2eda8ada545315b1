import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { addStatements, statementsOf } from "../../../src/memory/fact-ledger.ts";
import { answersTopic, headPhrases, topicTarget } from "../../../src/memory/topic-openers.ts";
import type { LedgerEntry } from "../../../src/state/ledger-entry.ts";

const ledgerOf = (...texts: string[]): LedgerEntry[] => texts.map((text) => ({ text, score: 3, block: 0, replaces: [] }));

describe("head phrases", () => {
  it("reads the phrase after a determiner and the words opening a sentence before its verb of being", () => {
    expect(headPhrases("Hold on, the install day I gave you won't work.")).toEqual([["insta"]]);
    expect(headPhrases("Install day is the Saturday before Christmas.")).toEqual([["insta"]]);
    expect(headPhrases("Oluwaseun is my emergency contact.")).toContainEqual(["emerg", "conta"]);
  });

  it("stops at a value and leaves out a line's talk about a topic", () => {
    expect(headPhrases("We can do the 19th instead.")).toEqual([]);
    expect(headPhrases("Just to be clear, I'm asking about the invoice download, not the login screen.", true)).toEqual([]);
  });
});

describe("answers to an announced change", () => {
  it("is a value after an introducer, a value alone, or a short sentence putting its value in place of another", () => {
    expect(answersTopic("Sorted it out: Radovan.")).toBe(true);
    expect(answersTopic("We can do the 19th instead.")).toBe(true);
    expect(answersTopic("Leontyne.")).toBe(true);
  });

  it("is never a statement with a subject of its own, nor a question", () => {
    expect(answersTopic("The hospital sorted me out; no access needs now.")).toBe(false);
    expect(answersTopic("Please send letters as large print.")).toBe(false);
    expect(answersTopic("Could we do the 19th instead?")).toBe(false);
  });
});

describe("the line an opener names", () => {
  const ledger = ledgerOf("Whatever gets booked: no visits before 10 am.", "Install day is the Saturday before Christmas.", "Oluwaseun is my emergency contact.");

  it("is the one line whose head phrase the opener says", () => {
    expect(topicTarget(ledger, "We can do the 19th instead.", ["Hold on, the install day I gave you won't work."])?.at).toBe(1);
    expect(topicTarget(ledger, "Sorted it out: Radovan.", ["Hold on, the emergency contact I gave you is wrong."])?.at).toBe(2);
  });

  it("is none when the answer's value is of another family, the opener states a value, or the phrase is deep in a remark", () => {
    expect(topicTarget(ledger, "Sorted it out: Radovan.", ["Hold on, the install day I gave you won't work."])).toBeUndefined();
    expect(topicTarget(ledger, "Sorted it out: Radovan.", ["The emergency contact was Oluwaseun."])).toBeUndefined();
    expect(topicTarget(ledger, "Sorted it out: Radovan.", ["Hmm, I'm not sure that's what I'm seeing with my emergency contact."])).toBeUndefined();
  });

  it("is none when two lines say the phrase: talk, not one fact's subject", () => {
    const twice = ledgerOf("Install day is the Saturday before Christmas.", "The install day is a mess, Sabine says.");
    expect(topicTarget(twice, "We can do the 19th instead.", ["Hold on, the install day I gave you won't work."])).toBeUndefined();
  });
});

describe("the ledger with an announced change", () => {
  it("replaces the line the opener named two turns before, and keeps the opener with the answer", () => {
    let ledger = addStatements([], statementsOf([new HumanMessage("Install day is the Saturday before Christmas.")]), 0);
    const earlier = [new HumanMessage("Hold on, the install day I gave you won't work."), new HumanMessage("Thanks, that helps a bit.")];
    ledger = addStatements(ledger, statementsOf([new HumanMessage("We can do the 19th instead.")], undefined, undefined, earlier), 1);
    expect(ledger.map((entry) => entry.text)).toEqual(["Hold on, the install day I gave you won't work. We can do the 19th instead."]);
    expect(ledger[0]!.replaces).toEqual(["Install day is the Saturday before Christmas."]);
  });

  it("does not let the answer, read again when its message is folded, replace a newer line of the slot", () => {
    const opener = new HumanMessage("Hold on, the install day I gave you is wrong.");
    const answer = new HumanMessage("Sorted it out: the first Tuesday of next month.");
    let ledger = addStatements([], statementsOf([new HumanMessage("Install day is the Saturday before Christmas.")]), 0);
    ledger = addStatements(ledger, statementsOf([answer], undefined, undefined, [opener]), 1);
    ledger = addStatements(ledger, statementsOf([new HumanMessage("Install day is the day after the office move.")]), 2);
    ledger = addStatements(ledger, statementsOf([opener, answer]), 3);
    const lines = ledger.map((entry) => entry.text);
    expect(lines).toContain("Install day is the day after the office move.");
    expect(lines.filter((line) => line.includes("first Tuesday"))).toEqual([]);
  });
});

describe("a topic announced anywhere in a sentence", () => {
  it("names the line whose words hold the topic's, when the sentence announces a change", () => {
    const ledger = addStatements([], statementsOf([new HumanMessage("Marguerite books the minibus for every outing.")]), 0);
    const opener = new HumanMessage("Hmm, what I told you last week about the person who books the minibus is out of date.");
    const next = addStatements(ledger, statementsOf([new HumanMessage("ok latest: Ingeborg")], undefined, undefined, [opener]), 1);
    expect(next.map((entry) => entry.replaces)).toEqual([["Marguerite books the minibus for every outing."]]);
  });
});

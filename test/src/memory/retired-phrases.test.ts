import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { addStatements } from "../../../src/memory/fact-ledger.ts";
import { statementsOf } from "../../../src/memory/ledger-statements.ts";
import { onlyRetires, retiredPhrases, saysPhrase } from "../../../src/memory/retired-phrases.ts";

const ledgerAfter = (...turns: string[]) => turns.reduce((ledger, turn, block) => addStatements(ledger, statementsOf([new HumanMessage(turn)]), block), addStatements([], [], 0)).map((entry) => entry.text);

describe("retiredPhrases", () => {
  it("reads the words a sentence says are no longer current, typed or not", () => {
    expect(retiredPhrases("It's the blue folder now, not the green binder.")).toEqual(["the green binder"]);
    expect(retiredPhrases("Forget €1,250 a month.")).toEqual(["€1,250 a month"]);
    expect(retiredPhrases("Please take Winifred off the invoice list.")).toEqual(["Winifred"]);
    expect(retiredPhrases("Thursday at 7:15 is no good, I have choir.")).toEqual(["Thursday at 7:15"]);
    expect(retiredPhrases("Swap oat milk for soy milk.")).toEqual(["oat milk"]);
  });

  it("retires nothing on a pronoun, a particle, or a verb that accepts", () => {
    expect(retiredPhrases("Forget it.")).toEqual([]);
    expect(retiredPhrases("Drop me a line on Threema.")).toEqual([]);
    expect(retiredPhrases("I'll take the 11:15 catamaran.")).toEqual([]);
    expect(retiredPhrases("We're leaving on 14 March.")).toEqual([]);
  });

  it("reads chat's own ways to strike a value: strikethrough, sed-style substitution, a version note, the recap amended", () => {
    expect(retiredPhrases("~~Okonkwo~~ Henrike ~~blue van~~ red van")).toEqual(["Okonkwo", "blue van"]);
    expect(retiredPhrases("s/the Tuesday slot/Friday at noon/ sorry")).toEqual(["the Tuesday slot"]);
    expect(retiredPhrases("v4 of the venue: Corn Exchange (v3 was the Guildhall)")).toEqual(["the Guildhall"]);
    expect(retiredPhrases("You've got the east gate down for the pickup point — make that the north car park.")).toEqual(["the east gate"]);
    // A path or a word ending in s is no substitution.
    expect(retiredPhrases("Logs are in /var/logs/app/ today.")).toEqual([]);
    expect(onlyRetires("~~Okonkwo~~ Henrike")).toBe(false);
    expect(onlyRetires("s/the Tuesday slot/Friday at noon/")).toBe(false);
  });

  it("lets a struck or substituted value retire the ledger line that says it", () => {
    expect(ledgerAfter("Our venue contact is Okonkwo.", "~~Okonkwo~~ Henrike")).toEqual(["~~Okonkwo~~ Henrike"]);
    expect(ledgerAfter("Deliveries: the Tuesday slot works", "s/the Tuesday slot/Friday at noon/")).toEqual(["s/the Tuesday slot/Friday at noon/"]);
  });

  it("tells a sentence that only retires from one that also says what replaces it", () => {
    expect(onlyRetires("Never mind the green binder.")).toBe(true);
    expect(onlyRetires("The blue folder, not the green binder.")).toBe(false);
    expect(onlyRetires("Can we skip the green binder?")).toBe(false);
  });

  it("matches a phrase as a whole, case aside", () => {
    expect(saysPhrase("Mornings before nine suit me.", "mornings before nine")).toBe(true);
    expect(saysPhrase("Pay in full on the day.", "full on the d")).toBe(false);
  });

  it("is bounded on a hostile sentence", () => {
    // CPU time, not wall time: a loaded machine stretches the clock; a quadratic scan shows in CPU time anyway.
    const started = process.cpuUsage();
    retiredPhrases(`${"not ".repeat(100_000)}x.`);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(500);
  });
});

describe("the ledger with retired words", () => {
  it("replaces the line saying the words a correction retires, though they have no type", () => {
    expect(ledgerAfter("Quiet evenings suit me best for calls.", "My passport number is X8812.", "It's weekend mornings now, not quiet evenings.")).toEqual(["My passport number is X8812.", "It's weekend mornings now, not quiet evenings."]);
  });

  it("joins a sentence that only retires to the one saying what replaces it", () => {
    expect(statementsOf([new HumanMessage("Never mind the green binder. We're going with the blue folder.")]).map((statement) => statement.text)).toEqual(["Never mind the green binder. We're going with the blue folder."]);
    expect(ledgerAfter("We decided to file everything in the green binder.", "Never mind the green binder. We're going with the blue folder.")).toEqual(["Never mind the green binder. We're going with the blue folder."]);
  });

  it("drops a value retired by name with nothing in its place", () => {
    expect(ledgerAfter("If I'm out, Winifred can sign for parcels.", "Please take Winifred off, nobody signs for me now.")).toEqual(["Please take Winifred off, nobody signs for me now."]);
  });
});

describe("the assistant's proposal turned down", () => {
  it("is not adopted when the reply retires what it offered, and the counter is kept", () => {
    const said = statementsOf([new AIMessage("Delivery usually comes by a courier at noon; shall I book that?"), new HumanMessage("I'm never home for a courier at noon. A parcel locker would be better.")]).map((statement) => statement.text);
    // Not the offer: the counter, joined to what the user wants instead.
    expect(said).toEqual(["I'm never home for a courier at noon. A parcel locker would be better."]);
    const countered = statementsOf([new AIMessage("I've put you with Rosalind for the fittings."), new HumanMessage("I'd rather not see Rosalind again, could I have Benedikt?")]).map((statement) => statement.text);
    expect(countered).toEqual(["I'd rather not see Rosalind again, could I have Benedikt?"]);
  });

  it("is adopted when the block ends on the offer and the answer is the next message, still kept", () => {
    const offer = new AIMessage("We could ship it by a courier at noon; shall I book that?");
    expect(statementsOf([new HumanMessage("How do deliveries work?"), offer], undefined, new HumanMessage("Fine by me.")).map((statement) => statement.text)).toEqual(["We could ship it by a courier at noon."]);
    expect(statementsOf([new HumanMessage("How do deliveries work?"), offer], undefined, new HumanMessage("I'm never home for a courier at noon.")).map((statement) => statement.text)).toEqual([]);
  });

  it("is still adopted when the reply lets it stand", () => {
    expect(statementsOf([new AIMessage("Delivery usually comes by a courier at noon; shall I book that?"), new HumanMessage("Fine by me.")]).map((statement) => statement.text)).toEqual(["Delivery usually comes by a courier at noon."]);
  });
});

describe("values called old", () => {
  it("retires a bracketed old value and one called the old one, and joins the replacement said before", () => {
    expect(retiredPhrases("moving it to Pier 4 (was the north slipway by the chandlery)")).toEqual(["the north slipway by the chandlery"]);
    expect(retiredPhrases("the green binder was the old one.")).toEqual(["the green binder"]);
    expect(ledgerAfter("Keep the spare keys in the green binder.", "No — the blue folder. the green binder was the old one.")).toEqual(["No — the blue folder. the green binder was the old one."]);
  });

  it("ends a retired phrase at a dash", () => {
    expect(retiredPhrases("*oat milk for the guests, not soy milk for everyone — typo")).toEqual(["soy milk for everyone"]);
  });
});

describe("a value denied until now", () => {
  it("retires what sits between \"isn't\" or \"is no longer\" and \"any more\"", () => {
    expect(retiredPhrases("To your question — no, the parking spot isn't bay 12 any more; it's bay 30.")).toEqual(["bay 12"]);
    expect(retiredPhrases("The landline isn't 01632 960 555 ext. 9 anymore.")).toEqual(["01632 960 555 ext. 9"]);
    expect(retiredPhrases("It isn't ready yet.")).toEqual([]);
  });

  it("lets the denial replace the line stating the old value", () => {
    let ledger = addStatements([], statementsOf([new HumanMessage("Best way to contact me is carrier pigeon.")]), 0);
    ledger = addStatements(ledger, statementsOf([new HumanMessage("No, the way to contact me isn't carrier pigeon any more; it's smoke signals.")]), 1);
    expect(ledger.map((entry) => entry.text)).toEqual(["No, the way to contact me isn't carrier pigeon any more; it's smoke signals."]);
  });
});

describe("a diff's removed line", () => {
  it("retires the value it removes, with or without a label, and is no sentence that only retires", () => {
    expect(retiredPhrases("-contact channel: short texts +contact channel: a call after six")).toContain("short texts");
    expect(retiredPhrases("-Tancredi +Bartholomew")).toContain("Tancredi");
    expect(onlyRetires("-draught: 1.45 m +draught: 1.54 m")).toBe(false);
  });

  it("replaces the line stating the removed value, however that line names its subject", () => {
    let ledger = addStatements([], statementsOf([new HumanMessage("Best way to reach me: short texts. Draught is 1.45 m with the tanks full.")]), 0);
    ledger = addStatements(ledger, statementsOf([new HumanMessage("Diff against what I sent before:\n-contact channel: short texts\n+contact channel: a call after six in the evening")]), 1);
    expect(ledger.map((entry) => entry.text)).toEqual(["Draught is 1.45 m with the tanks full.", "Diff against what I sent before:", "-contact channel: short texts +contact channel: a call after six in the evening"]);
  });
});

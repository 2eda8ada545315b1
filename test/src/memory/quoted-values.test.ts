import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { addStatements, statementsOf, type LedgerEntry } from "../../../src/memory/index.ts";
import { quotedCorrections } from "../../../src/memory/quoted-values.ts";

const say = (...texts: string[]) => statementsOf(texts.map((text) => new HumanMessage(text)));
const texts = (ledger: readonly LedgerEntry[]) => ledger.map((entry) => entry.text);
const after = (before: string, turn: string) => addStatements(addStatements([], say(before), 0), say(turn), 1);

describe("a correction that quotes what it corrects", () => {
  it("links the sentence giving the new value to the line whose value the sentence before struck out", () => {
    const ledger = after("The deposit we agreed is €1,850 in total.", "On the deposit, strike €1,850 in total. The landlord now wants €2,100 in total.");
    expect(texts(ledger)).toEqual(["On the deposit, strike €1,850 in total. The landlord now wants €2,100 in total."]);
    expect(ledger[0]!.replaces).toEqual(["The deposit we agreed is €1,850 in total."]);
  });

  it("links a new name to the line of the name struck out in the sentence after it", () => {
    const ledger = after("Our piano tuner: Bartholomew", "Okay, the piano tuner will be Evangeline. Not Bartholomew, he retired.");
    expect(texts(ledger).some((line) => line.includes("Evangeline") && line.includes("Not Bartholomew"))).toBe(true);
    expect(texts(ledger)).not.toContain("Our piano tuner: Bartholomew");
  });

  it("reads a tick box form: the empty box is the old value, the ticked one the new", () => {
    const ledger = after("Delivery slot: Saturday before lunch", "Updated the booking — delivery slot: [x] any weekday evening  [ ] Saturday before lunch");
    expect(texts(ledger)).toEqual(["Updated the booking — delivery slot: [x] any weekday evening  [ ] Saturday before lunch"]);
    expect(ledger[0]!.replaces).toEqual(["Delivery slot: Saturday before lunch"]);
  });

  it("replaces every line one sentence strikes out the same way", () => {
    let ledger = addStatements([], say("Gate code: 4471 at the side door", "Our dog walker is Philippa."), 0);
    ledger = addStatements(ledger, say("New form — gate code: [x] 9036 at the back door [ ] 4471 at the side door; walker: [x] Cornelius [ ] Philippa"), 1);
    expect(texts(ledger)).toHaveLength(1);
    expect(ledger[0]!.replaces).toEqual(expect.arrayContaining(["Gate code: 4471 at the side door", "Our dog walker is Philippa."]));
  });

  it("replaces an untyped value turned off with its replacement in the same sentence", () => {
    const turn = ["Switch off a text the evening before — an email on the morning itself is plenty."];
    expect(quotedCorrections(["Reminders: a text the evening before"], turn)).toEqual([{ lines: ["Reminders: a text the evening before"], parts: [0], text: turn[0] }]);
    // Struck with nothing beside it and nothing after: no replacement, no link.
    expect(quotedCorrections(["Reminders: a text the evening before"], ["Switch off a text the evening before."])).toEqual([]);
  });

  it("keeps the line when a quote confirms it rather than striking it", () => {
    const ledger = after("The caretaker is Rosalind.", "Yes, keep Rosalind as the caretaker, she's brilliant.");
    expect(texts(ledger)).toContain("The caretaker is Rosalind.");
    expect(ledger.every((entry) => entry.replaces.length === 0)).toBe(true);
  });

  it("does not link a phrase the line itself strikes (a shared frame, not a value)", () => {
    const lines = ["Move the dentist to Friday, if it's not too much trouble."];
    expect(quotedCorrections(lines, ["Move the plumber to Monday, if it's not too much trouble."])).toEqual([]);
  });

  it("does not join a sentence that gives its own new value to the next one", () => {
    const lines = ["The build server runs Debian 11 and nightly jobs at 02:00."];
    const found = quotedCorrections(lines, ["Debian 12, not Debian 11.", "The nightly jobs start at 03:30 from now on."]);
    expect(found.every((correction) => correction.parts.length === 1)).toBe(true);
  });

  it("reads a phrase several lines say as a topic, and words before an unmarked quote as its subject, not a new value", () => {
    const lines = ["The garden app crashes when I open the photo gallery.", "I checked the photo gallery settings yesterday."];
    expect(quotedCorrections(lines, ["I mean the calendar screen, not the photo gallery."])).toEqual([]);
    expect(quotedCorrections(["Reminders: a text the evening before"], ["For the dentist reminders, cross out a text the evening before."])).toEqual([]);
  });

  it("joins a struck value to the next sentence only when that is the next sentence of the turn", () => {
    const lines = ["Our piano tuner is Bartholomew."];
    expect(quotedCorrections(lines, ["Not Bartholomew any more.", "From May the tuner is Evangeline."], [0, 1])).toHaveLength(1);
    expect(quotedCorrections(lines, ["Not Bartholomew any more.", "From May the tuner is Evangeline."], [0, 2])).toEqual([]);
  });

  it("stays fast on a hostile turn of struck phrases against a full ledger", () => {
    const lines = Array.from({ length: 150 }, (_, index) => `Widget ${index} is Name${index} at £${index}00 a go, not thing ${index}.`);
    const turn = Array.from({ length: 240 }, (_, index) => `Not Name${index} nor thing ${index}, forget £${index}00 and scrap widget ${index} too.`);
    quotedCorrections(lines, turn);
    // CPU time, not wall time: a loaded machine stretches the clock, a quadratic scan shows in CPU time anyway.
    const started = process.cpuUsage();
    quotedCorrections(lines, turn);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(250);
  });
});

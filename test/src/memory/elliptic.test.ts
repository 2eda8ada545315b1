import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { isElliptic, joinElliptic } from "../../../src/memory/elliptic.ts";
import { addStatements, statementsOf } from "../../../src/memory/fact-ledger.ts";

describe("a value said without its subject", () => {
  it("is read as elliptic only when nothing but values (and their units) is left", () => {
    expect(isElliptic("Kristoffer.")).toBe(true);
    expect(isElliptic("It changed to 4471.")).toBe(true);
    expect(isElliptic("It's really 6 crates.")).toBe(true);
    expect(isElliptic("The gate code is 4471.")).toBe(false);
    expect(isElliptic("Thanks, that helps.")).toBe(false);
  });

  it("joins the lead-in before it, in the same turn or the previous one, and nothing else", () => {
    expect(joinElliptic(["Not Hollis after all.", "Kristoffer."]).sentences).toEqual(["Not Hollis after all. Kristoffer."]);
    expect(joinElliptic(["I told you 12 crates before.", "It's really 6 crates."]).sentences).toEqual(["I told you 12 crates before. It's really 6 crates."]);
    expect(joinElliptic(["4471."], "Before I forget, the gate code…")).toEqual({ sentences: ["Before I forget, the gate code… 4471."], joinedPrevious: true });
    expect(joinElliptic(["The printer jams a lot.", "Kristoffer."]).sentences).toEqual(["The printer jams a lot.", "Kristoffer."]);
  });

  it("lets a two-turn correction supersede the fact it corrects", () => {
    let ledger = addStatements([], statementsOf([new HumanMessage("Hollis signs the delivery notes.")]), 0);
    const lead = new HumanMessage("Wait, one thing about the delivery notes was wrong…");
    ledger = addStatements(ledger, statementsOf([new HumanMessage("Not Hollis after all."), new HumanMessage("Kristoffer.")]), 1);
    expect(ledger.map((entry) => entry.text)).toEqual(["Not Hollis after all. Kristoffer."]);
    expect(statementsOf([new HumanMessage("Kristoffer.")], lead).map((statement) => statement.text)).toEqual(["Wait, one thing about the delivery notes was wrong… Kristoffer."]);
  });
});

describe("a correction that retires the old value by name, or is announced a sentence before", () => {
  const ledgerAfter = (older: string, newer: string) => addStatements(addStatements([], statementsOf([new HumanMessage(older)]), 0), statementsOf([new HumanMessage(newer)]), 1).map((entry) => entry.text);

  it("supersedes what it retires, even with no typed new value or a name read as a common noun", () => {
    expect(ledgerAfter("We're on the 06:15 bus.", "It's the night train now, forget the 06:15 bus.")).toEqual(["It's the night train now, forget the 06:15 bus."]);
    expect(ledgerAfter("Ignatz waters the plants on Sundays.", "It's Rosamund now, forget Ignatz.")).toEqual(["It's Rosamund now, forget Ignatz."]);
  });

  it("reads a label's number as the value of that noun when the other states it so", () => {
    expect(ledgerAfter("Call me on extension 2204 any time.", "My extension is 5519.")).toEqual(["My extension is 5519."]);
  });

  it("joins an announced correction to the statement after it, not to a question", () => {
    expect(joinElliptic(["Let me correct something.", "The crate count is 14."]).sentences).toEqual(["Let me correct something. The crate count is 14."]);
    expect(joinElliptic(["I mixed it up.", "Is HR open on 12 May?"]).sentences).toHaveLength(2);
  });
});

describe("what does not link two facts", () => {
  it("a derived noun is not its base word, and a remark repeated with a new identifier is not a new version", () => {
    const ledgerAfter = (older: string, newer: string) => addStatements(addStatements([], statementsOf([new HumanMessage(older)]), 0), statementsOf([new HumanMessage(newer)]), 1).map((entry) => entry.text);
    expect(ledgerAfter("The product lead is Wenceslas.", "We run Go 1.22 in production.")).toHaveLength(2);
    expect(ledgerAfter("It showed error E4410 once yesterday, then never again.", "It showed error E9023 once yesterday, then never again.")).toEqual(["It showed error E4410 once yesterday, then never again."]);
  });
});

describe("a new version whose value opens the sentence", () => {
  it("is not taken for a repeat of the old one", () => {
    const first = addStatements([], statementsOf([new HumanMessage("Wendeline is the recruiter who found me this role.")]), 0);
    expect(addStatements(first, statementsOf([new HumanMessage("Bartholomew is the recruiter who found me this role.")]), 1).map((entry) => entry.text)).toEqual(["Bartholomew is the recruiter who found me this role."]);
  });
});

describe("a caller's chain of subjectless values", () => {
  it("joins at most four sentences into one statement, so each lead-in read stays short", () => {
    expect(joinElliptic(["Not Wendeline after all.", ...Array<string>(9).fill("Leontyne.")]).sentences).toEqual([
      "Not Wendeline after all. Leontyne. Leontyne. Leontyne.",
      "Leontyne. Leontyne. Leontyne. Leontyne.",
      "Leontyne. Leontyne.",
    ]);
  });

  it("reads a message of 50,000 such sentences into statements of at most four sentences each", () => {
    const statements = statementsOf([new HumanMessage(`Not Wendeline after all. ${"Leontyne. ".repeat(50_000)}`)]);
    // One message is read for at most 240 sentences (ledger-statements.ts), and those join in fours at most.
    expect(statements.length).toBeGreaterThan(50);
    expect(statements.length).toBeLessThanOrEqual(240);
    expect(Math.max(...statements.map((statement) => statement.text.split(". ").length))).toBeLessThanOrEqual(4);
  });
});

describe("a value retired after it is named", () => {
  it("joins the sentence giving its replacement, in either order, so both supersede together", () => {
    expect(joinElliptic(["Quick one: 400 days now.", "eighteen months fell through."]).sentences).toEqual(["Quick one: 400 days now. eighteen months fell through."]);
    expect(joinElliptic(["Their engineer is ill, so the last weekend of March is off.", "Back to Saturday 15 February after all."]).sentences).toHaveLength(1);
    // A retired value beside a sentence about something else stays apart: a time is no replacement for a name.
    expect(joinElliptic(["Casimir fell through.", "The meeting is at 15:00."]).sentences).toHaveLength(2);
    let ledger = addStatements([], statementsOf([new HumanMessage("Compliance wants the logs kept eighteen months.")]), 0);
    ledger = addStatements(ledger, statementsOf([new HumanMessage("Quick one: 400 days now. eighteen months fell through.")]), 1);
    expect(ledger.map((entry) => entry.text)).toEqual(["Quick one: 400 days now. eighteen months fell through."]);
  });

  it("takes a topic question as the lead-in of the value after it", () => {
    expect(joinElliptic(["The practice software?", "Open Dental."]).sentences).toEqual(["The practice software? Open Dental."]);
    expect(joinElliptic(["Forget it.", "It's before 6 in the morning."], "You know what I said about the backup window?").sentences).toEqual(["You know what I said about the backup window? Forget it. It's before 6 in the morning."]);
    // A longer question is filler, not a topic.
    expect(joinElliptic(["Is there a way to see the billing page without going through all of that?", "Open Dental."]).sentences).toHaveLength(2);
  });

  it("does not give a complete correction a second subjectless value of another kind", () => {
    expect(joinElliptic(["Forget it.", "It's after 22:00.", "2027-04-05 now."]).sentences).toEqual(["Forget it. It's after 22:00.", "2027-04-05 now."]);
  });
});

describe("a subject named in a question before the value, or after it", () => {
  it("joins a Q/A pair and a trailing \"(the …, I mean)\" to the value they name", () => {
    expect(joinElliptic(["Q: has the pickup time changed?", "A: yes, quarter past four.", "Thanks."]).sentences).toEqual(["Q: has the pickup time changed? A: yes, quarter past four.", "Thanks."]);
    expect(joinElliptic(["That one's changed — the green van.", "(The delivery vehicle, I mean.)"]).sentences).toEqual(["That one's changed — the green van. (The delivery vehicle, I mean.)"]);
    // A question with no "A:" after it, and a parenthesis after a question, join nothing.
    expect(joinElliptic(["Q: has the pickup time changed?", "Yes, quarter past four."]).sentences).toHaveLength(2);
    expect(joinElliptic(["Is it the green van?", "(The delivery vehicle, I mean.)"]).sentences).toHaveLength(2);
  });

  it("lets the joined answer replace the line it names", () => {
    let ledger = addStatements([], statementsOf([new HumanMessage("The pickup time is 3 pm.")]), 0);
    ledger = addStatements(ledger, statementsOf([new HumanMessage("Q: has the pickup time changed? A: yes, 4:15 pm.")]), 1);
    expect(ledger.map((entry) => entry.text).filter((text) => !/^\s*\(/.test(text))).toEqual([expect.stringContaining("4:15 pm")]);
  });
});

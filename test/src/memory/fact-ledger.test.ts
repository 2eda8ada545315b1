import { HumanMessage, AIMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { addStatements, capLedger, statementsOf, type LedgerEntry } from "../../../src/memory/index.ts";

const say = (...texts: string[]) => statementsOf(texts.map((text) => new HumanMessage(text)));
const texts = (ledger: readonly LedgerEntry[]) => ledger.map((entry) => entry.text);

describe("the fact ledger", () => {
  it("takes the user's salient statements, not the assistant's, each once", () => {
    const statements = statementsOf([new HumanMessage("Hi there. My order number is ORD-48213. Thanks!"), new AIMessage("Order ORD-99999 is a different one.")]);
    expect(statements.map((statement) => statement.text)).toEqual(["My order number is ORD-48213."]);
    const ledger = addStatements(addStatements([], statements, 0), say("My order number is ORD-48213."), 1);
    expect(texts(ledger)).toEqual(["My order number is ORD-48213."]);
  });

  it("lets a correction supersede the entry it corrects, by the old value it names or by its subject", () => {
    let ledger = addStatements([], say("I'm only available after 16:45 on weekdays.", "Our contract renews on 2 October.", "We have 37 seats on the plan."), 0);
    ledger = addStatements(ledger, say("Actually, the time is 10:15, not 16:45."), 1);
    ledger = addStatements(ledger, say("Scratch that, I made a mistake about the renewal date: it's 14 March."), 1);
    expect(texts(ledger)).toEqual(["We have 37 seats on the plan.", "Actually, the time is 10:15, not 16:45.", "Scratch that, I made a mistake about the renewal date: it's 14 March."]);
    expect(ledger[2]!.replaces).toEqual(["Our contract renews on 2 October."]);
  });

  it("does not let a correction replace a fact of another type, nor a statement replace one with another label", () => {
    let ledger = addStatements([], say("Let's go with the Lantern plan.", "The plan limits us to 450 GB a month."), 0);
    ledger = addStatements(ledger, say("Correction: the plan is now Harbor Pro."), 1);
    expect(texts(ledger)).toContain("The plan limits us to 450 GB a month.");
    ledger = addStatements(ledger, say("We decided item 2 must ship in version 2."), 1);
    ledger = addStatements(ledger, say("We decided item 3 must ship in version 3."), 1);
    expect(texts(ledger).filter((text) => text.startsWith("We decided item"))).toHaveLength(2);
  });

  it("caps by salience, the oldest of equals going first, never by age alone", () => {
    const ledger = addStatements([], say("It showed error E7001 once.", "My daughter is called Ilse.", "It showed error E7002 once.", "We decided to use Redis for sessions."), 0);
    const capped = capLedger(ledger, 20, (text) => text.split(" ").length);
    expect(texts(capped)).toEqual(["My daughter is called Ilse.", "We decided to use Redis for sessions."]);
  });
});

describe("the fact ledger's typed slots", () => {
  it("supersedes by slot when the correction shares neither the old value nor the old words", () => {
    let ledger = addStatements([], say("Licence count is 52 for now.", "The renewal is due on 14 March."), 0);
    ledger = addStatements(ledger, say("Update on the number of seats: we moved it to 64."), 1);
    expect(texts(ledger)).toEqual(["The renewal is due on 14 March.", "Update on the number of seats: we moved it to 64."]);
    expect(ledger[1]!.replaces).toEqual(["Licence count is 52 for now."]);
  });

  it("lets a restatement without a cue supersede the same slot, and keeps two facts of one type apart", () => {
    let ledger = addStatements([], say("The meeting is at 13:00.", "My colleague Tomasz will take over.", "Our contract renews on 2 October.", "My name is Alex Szabo."), 0);
    ledger = addStatements(ledger, say("The meeting is at 15:00.", "My daughter is called Ilse.", "The technician comes on 5 June.", "Our repository name is lumen-gateway."), 1);
    expect(texts(ledger)).toEqual([
      "My colleague Tomasz will take over.",
      "Our contract renews on 2 October.",
      "My name is Alex Szabo.",
      "The meeting is at 15:00.",
      "My daughter is called Ilse.",
      "The technician comes on 5 June.",
      "Our repository name is lumen-gateway.",
    ]);
    expect(ledger[3]!.replaces).toEqual(["The meeting is at 13:00."]);
  });

  it("supersedes nothing when two entries fit alike and no word links either: a guess would lose a fact", () => {
    let ledger = addStatements([], say("Our contract renews on 2 October.", "The technician comes on 5 June."), 0);
    ledger = addStatements(ledger, say("Correction: the date is 14 March."), 1);
    expect(texts(ledger)).toHaveLength(3);
    ledger = addStatements(ledger, say("Correction: the renewal date is 20 March."), 2);
    expect(ledger.at(-1)!.replaces).toEqual(["Our contract renews on 2 October."]);
  });

  it("lets a correction wait while what it corrects is still among the kept messages", () => {
    const ledger = addStatements([], say("The technician comes on 5 June."), 0);
    const pending = say("Our contract renews on 2 October.");
    const early = addStatements(ledger, say("Actually, the renewal date is 14 March."), 1, { onlySuperseding: true, pending });
    expect(texts(early)).toEqual(["The technician comes on 5 June."]);
  });
});

describe("a summariser's correction", () => {
  it("supersedes the entry naming the value its '(replaces: …)' gives, though it shares no word with it", () => {
    let ledger = addStatements([], say("Our train leaves on 14 March.", "The technician comes on 5 June."), 0);
    ledger = addStatements(ledger, [{ text: "Departure: 22 July", score: 3, correction: true, replaces: "14 March" }], 1);
    expect(texts(ledger)).toEqual(["The technician comes on 5 June.", "Departure: 22 July"]);
  });
});

describe("recency: a restatement of a slot is its newer version", () => {
  it("supersedes without a cue when it shares a subject word and restates a value of a specific type", () => {
    let ledger = addStatements([], say("Our office rent is 2,400 euros a month.", "The printer lease costs 90 euros."), 0);
    ledger = addStatements(ledger, say("We pay 2,650 euros for the office these days."), 1);
    expect(texts(ledger)).toEqual(["The printer lease costs 90 euros.", "We pay 2,650 euros for the office these days."]);
    expect(ledger[1]!.replaces).toEqual(["Our office rent is 2,400 euros a month."]);
  });

  it("takes the only value of a type the statement names by that type, and none when two could be meant", () => {
    const one = addStatements(addStatements([], say("Write to me at ana@example.org, please."), 0), say("The email address is ana.berg@example.net."), 1);
    expect(texts(one)).toEqual(["The email address is ana.berg@example.net."]);
    const two = addStatements(addStatements([], say("Write to me at ana@example.org, please.", "Invoices go to books@example.org."), 0), say("The email address is ana.berg@example.net."), 1);
    expect(two).toHaveLength(3);
  });

  it("links a subject to a name that carries it: 'the hotel' is 'Hotel Aurora'", () => {
    let ledger = addStatements([], say("The place we booked is Hotel Aurora.", "Our guide is Marit Solberg."), 0);
    ledger = addStatements(ledger, say("Let me revise the hotel: Casa Verde."), 1);
    expect(texts(ledger)).toEqual(["Our guide is Marit Solberg.", "Let me revise the hotel: Casa Verde."]);
  });

  it("prefers the entry whose values are written alike over one sharing only the correction's own words", () => {
    let ledger = addStatements([], say("Our train leaves on 3 May.", "The spa is booked for Friday at 10:30."), 0);
    ledger = addStatements(ledger, say("Quick note on the train: it's 9 May, my earlier message was off."), 1);
    ledger = addStatements(ledger, say("Quick note on the spa: it's Monday at 16:00, my earlier message was off."), 2);
    expect(ledger.find((entry) => entry.text.includes("16:00"))!.replaces).toEqual(["The spa is booked for Friday at 10:30."]);
    expect(texts(ledger)).toContain("Quick note on the train: it's 9 May, my earlier message was off.");
  });

  it("keeps two facts of one type apart when nothing links them", () => {
    let ledger = addStatements([], say("Our office rent is 2,400 euros a month."), 0);
    ledger = addStatements(ledger, say("The new laptop cost 1,900 euros."), 1);
    expect(ledger).toHaveLength(2);
  });
});

describe("capLedger and restated facts", () => {
  it("drops a line that superseded another only after all the others", () => {
    const ledger = [
      { text: "The list has 140 guests.", score: 1, block: 0, replaces: ["The list has 85 guests."] },
      { text: "Honestly the RSVP tracker is stressing me out.", score: 3, block: 0, replaces: [] },
      { text: "Our DJ is Wilfreda.", score: 3, block: 0, replaces: [] },
    ];
    expect(capLedger(ledger, 13, (text) => text.split(" ").length).map((entry) => entry.text)).toEqual(["The list has 140 guests.", "Our DJ is Wilfreda."]);
  });
});

describe("names at a sentence's start and statements that refer back", () => {
  it("supersedes a name stated as the sentence's subject, by the role word both share", () => {
    let ledger = addStatements([], say("Ottilie looks after our payroll.", "My sister Ines is my emergency contact."), 0);
    ledger = addStatements(ledger, say("Actually, Radomir for the payroll, I had that wrong."), 1);
    expect(texts(ledger)).toEqual(["My sister Ines is my emergency contact.", "Actually, Radomir for the payroll, I had that wrong."]);
  });

  it("reads 'now' or 'switched … to' as a correction of the slot it shares a word with, not 'for now'", () => {
    let ledger = addStatements([], say("My dentist Ottilie handles my check-ups.", "Our plumber is Konrad."), 0);
    ledger = addStatements(ledger, say("It's Radomir for the dentist now."), 1);
    expect(texts(ledger)).toEqual(["Our plumber is Konrad.", "It's Radomir for the dentist now."]);
    const provisional = addStatements(addStatements([], say("Front desk lets people in with badge 8815."), 0), say("Licence count is 118 for now."), 1);
    expect(provisional).toHaveLength(2);
  });
});

describe("subject classes in supersession", () => {
  it("links a role to what the old statement said by synonym, alias or a word inside its name", () => {
    let ledger = addStatements([], say("We hired Quickstep Relocations for the move.", "Our dog sitter is Hamid."), 0);
    ledger = addStatements(ledger, say("Update: the removal company is Swift Movers."), 1);
    expect(texts(ledger)).toEqual(["Our dog sitter is Hamid.", "Update: the removal company is Swift Movers."]);
  });

  it("does not let a shared action link two names: booking a caterer is not booking the venue", () => {
    let ledger = addStatements([], say("We've reserved Riverside Hall for the evening."), 0);
    ledger = addStatements(ledger, say("We booked Olive Branch to cater."), 1);
    expect(ledger).toHaveLength(2);
  });
});

describe("owners", () => {
  it("keeps two facts of one owner apart: the venue's curfew is not the venue's setup time", () => {
    let ledger = addStatements([], say("The venue opens for setup at 1:15 pm."), 0);
    ledger = addStatements(ledger, say("The venue's curfew is 1 am."), 1);
    expect(ledger).toHaveLength(2);
    const bill = addStatements(addStatements([], say("Last month's bill came to $3,075."), 0), say("Heads-up: the new monthly invoice is $1,180."), 1);
    expect(texts(bill)).toEqual(["Heads-up: the new monthly invoice is $1,180."]);
  });
});

describe("addStatements on a list where one item changes", () => {
  it("keeps the list as the line's earlier version, so its other items stay current", () => {
    const list = (text: string) => statementsOf([new HumanMessage(text)]);
    const ledger = addStatements(addStatements([], list("The attendees are Anna, Ben and Carla."), 0), list("Swap Ben for Dmitri."), 1);
    expect(ledger.map((entry) => entry.text)).toEqual(["Swap Ben for Dmitri. (earlier: The attendees are Anna, Ben and Carla.)"]);
    // One value replacing one value is a plain supersession.
    const single = addStatements(addStatements([], list("The loss adjuster is Marisol."), 0), list("Not Marisol, it's Oonagh."), 1);
    expect(single.map((entry) => entry.text)).toEqual(["Not Marisol, it's Oonagh."]);
  });
});

describe("a correction that strikes a value and puts another in its place", () => {
  it("replaces the line with the subject it names", () => {
    let ledger = addStatements([], say("draught 1.45 m", "Our budget is £2,400 all in."), 0);
    ledger = addStatements(ledger, say("Strike the draught I gave you and put 1.54 m in its place."), 1);
    expect(texts(ledger)).toEqual(["Our budget is £2,400 all in.", "Strike the draught I gave you and put 1.54 m in its place."]);
  });
});

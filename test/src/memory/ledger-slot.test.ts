import { describe, expect, it } from "vitest";
import { ledgerSlotOf } from "../../../src/memory/ledger-slot.ts";

const valuesOf = (text: string) => ledgerSlotOf(text).values.map((value) => `${value.type}:${value.text}${value.unit === undefined ? "" : `/${value.unit}`}${value.label ? "#" : ""}`);

describe("ledgerSlotOf", () => {
  it("types the values a statement names", () => {
    expect(valuesOf("We booked the museum for Wednesday at 11:40.")).toEqual(["time:11:40", "date:wednesday"]);
    expect(valuesOf("Our budget is at most 3,250 euros for everything.")).toEqual(["money:3,250"]);
    expect(valuesOf("The plan limits us to 450 GB a month.")).toEqual(["quantity:450/gb"]);
    expect(valuesOf("My order number is ORD-48213, write to ilse@example.org.")).toEqual(["email:ilse@example.org", "code:ord-48213"]);
    expect(valuesOf("Let's go with Harbor Pro then.")).toEqual(["name:harbor pro"]);
    // A naming phrase makes a name of a lower-case word; a camel-case word is a name wherever it stands.
    expect(valuesOf("Our repository name is lumen-gateway.")).toEqual(["name:lumen-gateway"]);
    expect(valuesOf("My bad: GraphQL, not JSON-RPC.")).toEqual(["name:graphql", "name:json-rpc"]);
    // "item 2" says which one, not how many.
    expect(valuesOf("We decided item 2 must ship.")).toEqual(["count:2#"]);
  });

  it("reads the subject without correction cues, folding generic nouns", () => {
    const slot = ledgerSlotOf("Update on the number of seats: we moved it to 64.");
    expect([...slot.subject].sort()).toEqual(["count", "people"]);
    expect(ledgerSlotOf("Licence count is 52 for now.").subject).toEqual(new Set(["people", "count"]));
    expect([...ledgerSlotOf("Sorry, I got the renewal date wrong earlier, it should be 14 March.").subject]).toContain("renew");
  });
});

describe("ledgerSlotOf on hostile input", () => {
  it("reads only a statement's first 2,000 characters, so a megabyte-long sentence costs what a short one does", () => {
    expect(valuesOf(`We land on 14 March ${"and then some more ".repeat(60_000)}on 20 May.`)).toEqual(["date:14 march"]);
  });
});

describe("ledgerSlotOf on phone numbers, versions and shares", () => {
  it("reads each as one value", () => {
    expect(valuesOf("Call me on +1 415 555 0100 after lunch.")).toEqual(["code:+1 415 555 0100"]);
    expect(valuesOf("We pin the client at 2.7.14.")).toEqual(["code:2.7.14"]);
    expect(valuesOf("We were offered 12% off.")).toEqual(["quantity:12/%"]);
    expect(valuesOf("Rollout starts at 50 %.")).toEqual(["quantity:50/%"]);
  });

  it("reads a capital after a masked cue as a name, not as a sentence start", () => {
    expect(valuesOf("Make that Casa Verde for the hotel.")).toEqual(["name:casa verde"]);
  });
});

describe("ledgerSlotOf on a capital at a sentence's start", () => {
  it("reads a name when the word acts as a person does, a subject word when it is a common noun", () => {
    expect(valuesOf("Ottilie runs our payroll.")).toEqual(["name:ottilie"]);
    expect(valuesOf("Ottilie looks after our servers.")).toEqual(["name:ottilie"]);
    expect(valuesOf("Ottilie is my dentist.")).toEqual(["name:ottilie"]);
    expect(valuesOf("Ottilie from your billing team called.")).toEqual(["name:ottilie"]);
    expect(valuesOf("Licence count is 52 for now.")).toEqual(["count:52"]);
    expect(valuesOf("Bike tours cost us 40 euros each.")).toEqual(["money:40"]);
    expect(ledgerSlotOf("Bike tours cost us 40 euros each.").subject).toContain("bik");
  });

  it("reads a number after a name as its version, not a label", () => {
    expect(valuesOf("The service runs on Python 3.")).toEqual(["count:3", "name:python"]);
    expect(valuesOf("We decided item 2 must ship.")).toEqual(["count:2#"]);
  });

  it("marks a statement that presents its value in place of another", () => {
    expect(ledgerSlotOf("It's Ottilie for the payroll now.").refersBack).toBe(true);
    expect(ledgerSlotOf("We switched the florist to Bloom & Co.").refersBack).toBe(true);
    expect(ledgerSlotOf("Licence count is 52 for now.").refersBack).toBe(false);
  });
});

describe("ledgerSlotOf on people and products", () => {
  it("shapes a one-word name in a person's place as a person, with the role the sentence gives", () => {
    const person = (text: string) => ledgerSlotOf(text).values.find((value) => value.type === "name");
    expect(person("Our tech lead is Tamsin.")).toMatchObject({ shape: "person", role: ["tech", "lead"] });
    expect(person("My partner Lorcan is on the account too.")).toMatchObject({ shape: "person", role: ["partn"] });
    expect(person("I spoke to Lysander on the phone.")).toMatchObject({ shape: "person", role: [] });
    expect(person("Tests go in Jasmine.")).toMatchObject({ shape: "name" });
    // An appositive at the sentence's start gives the role too, so the name is a value, not a subject word.
    expect(person("Leopold, my brother, can answer for me.")).toMatchObject({ text: "leopold", shape: "person" });
    expect(person("Licence count, our biggest cost, is 52.")).toBeUndefined();
  });

  it("reads a code in mixed case as a product's name", () => {
    expect(valuesOf("Our main datastore is Neo4j.")).toEqual(["name:neo4j"]);
    expect(valuesOf("The flight is TP1342.")).toEqual(["code:tp1342"]);
  });
});

describe("ledgerSlotOf on dates said relative to today, and values retired after they are named", () => {
  it("reads relative dates as dates, and a day of the month before a verb", () => {
    expect(valuesOf("Let's move it to next Tuesday.")).toEqual(["date:next tuesday"]);
    expect(valuesOf("Make it the last weekend of March instead.")).toEqual(["date:the last weekend of march"]);
    expect(valuesOf("The pipe burst New Year's Eve.")).toEqual(["date:new year's eve"]);
    expect(valuesOf("Quick one: the 24th now.")).toEqual(["date:the 24th"]);
    expect(valuesOf("We are on the 3rd floor.").some((value) => value.startsWith("date:"))).toBe(false);
  });

  it("marks a value retired by the words after it, a name at a sentence's start included", () => {
    expect([...ledgerSlotOf("eighteen months fell through.").retired]).toEqual(["18"]);
    expect([...ledgerSlotOf("Legal review slipped, so the 24th is gone too.").retired]).toEqual(["the 24th"]);
    expect([...ledgerSlotOf("Casimir fell through.").retired]).toEqual(["casimir"]);
    expect(ledgerSlotOf("The meeting at 15:00 is off the table for me.").retired.size).toBe(1);
  });

  it("writes a time given as a limit or a span unlike a time of day", () => {
    const shapes = (text: string) => ledgerSlotOf(text).values.map((value) => value.shape);
    expect(shapes("Please keep the nightly backup after 22:00.")).toEqual(["time:bound"]);
    expect(shapes("The meeting is at 15:00.")).toEqual(["time"]);
    expect(shapes("On-site work has to be 12:30 to 13:30.")).toEqual(["time:span", "time:span"]);
  });
});

describe("ledgerSlotOf on dates relative to the speaker's own events", () => {
  it("reads a unit before or after an event as a date, the event's name ending at a clause word", () => {
    expect(valuesOf("The inspection is the morning after we sign.")).toEqual(["date:the morning after we sign"]);
    expect(valuesOf("Training starts three weeks after the launch party, so plan for it.")).toEqual(["date:3 weeks after the launch party"]);
    expect(valuesOf("Pick-up is a fortnight before the wedding again.")).toEqual(["date:a fortnight before the wedding"]);
  });

  it("reads no date in 'after that' or an event with no unit before it", () => {
    expect(valuesOf("And what happens with the cache after that?")).toEqual([]);
    expect(valuesOf("We can talk after the meeting.")).toEqual([]);
  });
});

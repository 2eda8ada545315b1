import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { addStatements } from "../../../src/memory/fact-ledger.ts";
import { statementsOf } from "../../../src/memory/ledger-statements.ts";
import { contrastingKeys, keyedLine, keyInSubject, keyOf, relatedKeys, sameKey } from "../../../src/memory/statement-key.ts";

const ledgerAfter = (...turns: string[]) => turns.reduce((ledger, turn, block) => addStatements(ledger, statementsOf([new HumanMessage(turn)]), block), addStatements([], [], 0)).map((entry) => entry.text);

describe("keyOf", () => {
  it("reads what a value is given for, past chat markers, by a colon or a verb of being", () => {
    expect(keyOf("Preferred courier: the blue van people.")).toEqual({ key: "preferred courier", value: "the blue van people" });
    expect(keyOf("btw preferred courier is the depot pickup now")).toEqual({ key: "preferred courier", value: "the depot pickup" });
  });

  it("reads a key given by an arrow or after a list item's number", () => {
    expect(keyOf("2) preferred courier → the depot pickup")).toEqual({ key: "preferred courier", value: "the depot pickup" });
    expect(sameKey("Preferred courier: the blue van people.", "2) preferred courier → the depot pickup")).toBe(true);
  });

  it("is no key for a name, a correction's own words, an introducer, a question or a value naming the old one", () => {
    expect(keyOf("Anneliese is our site contact.")).toBeUndefined();
    expect(keyOf("My bad: 118, not 37.")).toBeUndefined();
    expect(keyOf("Quick one: the gate is locked.")).toBeUndefined();
    expect(keyOf("Preferred courier is which one?")).toBeUndefined();
    expect(keyOf("Preferred courier: the depot pickup rather than the blue van.")).toBeUndefined();
  });
});

describe("sameKey", () => {
  it("takes a new value for one key as the fact's newer version, whatever the value's type", () => {
    expect(sameKey("Preferred courier: the blue van people.", "fyi preferred courier is the depot pickup now")).toBe(true);
    expect(sameKey("Preferred courier: the blue van people.", "Preferred courier: the blue van people.")).toBe(false);
    expect(sameKey("Preferred courier: the blue van people.", "Delivery slot: mornings.")).toBe(false);
  });

  it("supersedes the old line in the ledger", () => {
    expect(ledgerAfter("Parking for the crew: the side street.", "Thanks. ok so parking for the crew is the school yard now")).toEqual(["ok so parking for the crew is the school yard now"]);
  });
});

describe("relatedKeys", () => {
  it("relates a key to one said with fewer words, when the extra words only qualify it or name the value's type", () => {
    expect(relatedKeys("drop-off: the 14th", "2) drop-off date → Monday 8 June")).toBe(true);
    expect(relatedKeys("pickups: any weekday before 9", "best time for pickups is Friday mornings")).toBe(true);
    expect(relatedKeys("fare = the off-peak single", "EDIT: fare is a season ticket")).toBe(true);
  });

  it("keeps two keys apart when an extra word names another thing, or when only a type noun is shared", () => {
    expect(relatedKeys("Email: ana@example.com", "Billing email: ap@example.com")).toBe(false);
    expect(relatedKeys("Start date: 3 May", "End date: 9 May")).toBe(false);
    expect(relatedKeys("Date: 3 May", "best date → 9 May")).toBe(false);
  });
});

describe("keyInSubject", () => {
  it("finds the line whose subject holds every word of the key, a name said first included", () => {
    expect(keyInSubject("Rosalind at the agency is our translator.", "EDIT: translator is Benedek")).toBe(true);
    expect(keyedLine(["Rosalind at the agency is our translator.", "Parking: the side street."], "EDIT: translator is Benedek", keyInSubject)).toBe(0);
  });

  it("needs a value of the line's family, and one line only", () => {
    expect(keyInSubject("Ring the translator back on 07700 900123.", "translator: weekday evenings")).toBe(false);
    expect(keyedLine(["Rosalind is our translator for Polish.", "Benedek is our translator for Czech."], "translator is Marta", keyInSubject)).toBe(-1);
  });

  it("supersedes the line in the ledger, and a key said in other words does too", () => {
    expect(ledgerAfter("Rosalind at the agency is our translator.", "EDIT: translator is Benedek")).toEqual(["EDIT: translator is Benedek"]);
    expect(ledgerAfter("pickups: any weekday before 9 works", "Thanks. 2) best time for pickups → Friday mornings")).toEqual(["2) best time for pickups → Friday mornings"]);
  });
});

describe("contrastingKeys", () => {
  it("reads two keys sharing a word, each with a word of its own, as two things of one kind", () => {
    expect(contrastingKeys("Outbound flight: 3 May.", "Return flight: 17 May.")).toBe(true);
    expect(contrastingKeys("The start date is 3 May.", "End date → 9 May")).toBe(true);
    expect(contrastingKeys("install: the 14th", "install date → Monday 8 June")).toBe(false);
    expect(contrastingKeys("Main contact: Leopold.", "contact → Anselm")).toBe(false);
  });

  it("keeps both lines in the ledger when one of them changes", () => {
    expect(ledgerAfter("The outbound flight is on 3 May.", "The return flight is on 17 May.", "Actually the return flight is 19 May.")).toEqual(["The outbound flight is on 3 May.", "Actually the return flight is 19 May."]);
  });
});

describe("news arriving before a colon", () => {
  it("is no key, so two answers that arrived are not one slot", () => {
    expect(keyOf("call-back came: short texts")).toBeUndefined();
    expect(sameKey("call-back came: £3,180 a year", "call-back came: short texts")).toBe(false);
    // The thing itself, without the news verb, is still a key.
    expect(keyOf("host replied: Ottoline")).toBeUndefined();
    expect(keyOf("host: Ottoline")).toEqual({ key: "host", value: "ottoline" });
  });
});

import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { addStatements, statementsOf } from "../../../src/memory/fact-ledger.ts";
import { differentSubjects, namedSubject } from "../../../src/memory/named-subject.ts";

const ledgerAfter = (...turns: string[]) => turns.reduce((ledger, turn, block) => addStatements(ledger, statementsOf([new HumanMessage(turn)]), block), addStatements([], [], 0)).map((entry) => entry.text);

describe("namedSubject", () => {
  it("reads the subject a statement names after a lead-in, a preposition or a dash", () => {
    expect(namedSubject("Argument over, the store submission is settled: Tuesday 27 January, 15:00 CET.")).toBe("store submission");
    expect(namedSubject("Voicemail: “…hi, it's about the annual leave, that's now 3rd to 21st of March…”")).toBe("annual leave");
    expect(namedSubject("Autocorrect strikes again — the spending cap should read £240 a month.")).toBe("spending cap");
    expect(namedSubject("Resubmitted the form — engineer slot: [x] Monday 9 February")).toBe("engineer slot");
    expect(namedSubject("📅 Care review — Friday 13 March at 09:45")).toBe("care review");
  });

  it("is no subject for a sentence with none, a lead-in before a dash, or a phrase that introduces", () => {
    expect(namedSubject("If you need me, try lunchtimes, 12 to 1.")).toBeUndefined();
    expect(namedSubject("That one's changed — 4 passengers.")).toBeUndefined();
    expect(namedSubject("Checked with everyone: 0161 496 0732.")).toBeUndefined();
    expect(namedSubject("What's left is Temperance.")).toBeUndefined();
  });

  it("reads a long statement's opening only", () => {
    expect(namedSubject(`${"the a ".repeat(5000)}is 4`)).toBeUndefined();
    expect(namedSubject(`For the keyholder, ${"x".repeat(100_000)}`)).toBe("keyholder");
  });
});

describe("differentSubjects", () => {
  it("tells two named subjects apart, not one subject with a qualifier or a type noun", () => {
    expect(differentSubjects("Argument over, the store submission is settled: Tuesday 27 January.", "It's about the annual leave, that's now 3rd to 21st of March.")).toBe(true);
    expect(differentSubjects("Keyholder is Saoirse.", "Argument over, the keyholder is settled: Thaddeus.")).toBe(false);
    expect(differentSubjects("install: the 14th", "For the install date, cross out the 14th.")).toBe(false);
  });

  it("leaves two keys said first to the key rules: a key in other words may be one subject", () => {
    expect(differentSubjects("pace: no more than 20 km a day", "2) daily distance → about 15 miles a day")).toBe(false);
  });

  it("is not different when the newer statement names the older's subject elsewhere", () => {
    expect(differentSubjects("ceremony: Saturday 12 September at 3 pm", "tel: 0161 496 0732 That one's changed — 1:30 pm. (The ceremony time, I mean.)")).toBe(false);
  });
});

describe("the ledger with subjects named in words", () => {
  it("keeps a date given for one subject when a correction gives a date for another", () => {
    expect(ledgerAfter("Argument over, the store submission is settled: Tuesday 27 January, 15:00 CET.", `Voicemail from the office: "…hi, it's about the annual leave, that's now 3rd to 21st of March, ring back if it's a problem…"`)).toHaveLength(2);
  });

  it("keeps a value a later 'What's left is …' does not name", () => {
    expect(ledgerAfter("What's left is Temperance.", "What's left is lunchtimes, 12 to 1.")).toHaveLength(2);
  });

  it("still supersedes a subject's value restated in another frame", () => {
    expect(ledgerAfter("Keyholder is Saoirse, two doors down.", "Argument over, the keyholder is settled: Thaddeus.")).toEqual(["Argument over, the keyholder is settled: Thaddeus."]);
  });
});

describe("subjects named as what was said before, or in brackets", () => {
  it("reads 'the X I gave you' and '(the X)' as the subject", () => {
    expect(namedSubject("Strike the registration I gave you and put LK21 XTR in its place.")).toBe("registration");
    expect(namedSubject("The later second contact I gave you was a mistake; the original one holds: Lorcan.")).toBe("later second contact");
    expect(namedSubject("Cell B4 on our shared sheet (the contact channel) has been overwritten with a call after six.")).toBe("contact channel");
  });

  it("keeps a correction of one subject from replacing a correction of another", () => {
    expect(differentSubjects("Strike the registration I gave you and put LK21 XTR in its place.", "The later second contact I gave you was a mistake; the original one holds: Lorcan.")).toBe(true);
  });
});

describe("subjects named as what the listener was given", () => {
  it("reads 'the X you were given' as the subject", () => {
    expect(namedSubject("The contact channel you were given is out of date; it's WhatsApp, not calls.")).toBe("contact channel");
    expect(differentSubjects("The contact channel you were given is out of date; it's WhatsApp, not calls.", "The chalet host you were given is out of date; it's Ottoline.")).toBe(true);
  });
});
